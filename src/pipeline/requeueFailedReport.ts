import type pg from "pg";
import type { Logger } from "../common/index.js";
import {
  createStageQueue,
  postJobId,
  proveJobId,
  QUEUES,
  redisConnection,
  type ReportJobData,
} from "../queue/index.js";
import { retryReport, type RetryReportReturnType } from "./retryReport.js";

export type RequeueFailedReportParameters = {
  pool: pg.Pool;
  reportId: number;
  redisUrl: string;
  /** The workers' queue prefix (BullMQ keys), `oracle` unless they run under another. */
  queuePrefix: string;
  logger: Logger;
};

export type RequeueFailedReportReturnType = RetryReportReturnType;

/**
 * `cli report retry`: a failed report back to the stage that failed it, the prover when it has
 * no proof, else the poster; its failed job is replaced so the stage runs it again at once.
 */
export async function requeueFailedReport({
  pool,
  reportId,
  redisUrl,
  queuePrefix,
  logger,
}: RequeueFailedReportParameters): Promise<RequeueFailedReportReturnType> {
  const result = await retryReport({ pool, reportId });
  const proving = result.status === "pending";
  const stage = createStageQueue<ReportJobData>({
    name: proving ? QUEUES.prove : QUEUES.post,
    connection: redisConnection(redisUrl),
    logger,
    prefix: queuePrefix,
  });
  try {
    await stage.retry({ id: (proving ? proveJobId : postJobId)(reportId), data: { reportId } });
  } finally {
    await stage.close();
  }
  return result;
}
