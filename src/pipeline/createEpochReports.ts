import type pg from "pg";
import { createReports, isEpochScored, type CreateReportsReturnType } from "../db/index.js";
import { PipelineError } from "./errors.js";

export type CreateEpochReportsParameters = { pool: pg.Pool; epoch: number; batchSize: number };

export type CreateEpochReportsReturnType = CreateReportsReturnType;

/**
 * An operator's `cli report --epoch E`: the reports of a scored epoch. An epoch without its
 * scoring run is refused rather than reported empty, since a partial run has no reports to make.
 */
export async function createEpochReports({
  pool,
  epoch,
  batchSize,
}: CreateEpochReportsParameters): Promise<CreateEpochReportsReturnType> {
  if (!(await isEpochScored({ pool, epoch })))
    throw new PipelineError("PIPELINE_EPOCH_NOT_SCORED", `epoch ${epoch} is not scored`);
  return createReports({ pool, epoch, batchSize });
}
