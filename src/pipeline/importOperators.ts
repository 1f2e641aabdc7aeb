import type pg from "pg";
import type { BeaconClient } from "../beacon/index.js";
import type { Logger, Progress } from "../common/index.js";
import { saveOperatorDefinitions, type SaveOperatorDefinitionsReturnType } from "../db/index.js";
import { parseOperatorFile, resolvePubkeys } from "../operators/index.js";

export type ImportOperatorsParameters = {
  pool: pg.Pool;
  /** The label file's text. */
  content: string;
  format: "csv" | "json";
  /** The file's name, recorded as the definitions' source. */
  source: string;
  /** The node that resolves labelled pubkeys to validator indexes now. */
  connectBeacon: () => Promise<BeaconClient>;
  /** A progress display over the pubkey batches (1,000 pubkeys each). */
  progress?: (total: number) => Progress;
  logger: Logger;
};

export type ImportOperatorsReturnType = SaveOperatorDefinitionsReturnType & { resolved: number };

/**
 * `cli operators import`: stores a label file's pools, operators, labels and rules. A node that
 * cannot resolve the pubkeys does not stop the import: ingestion applies the stored labels when it
 * first sees each validator.
 */
export async function importOperators({
  pool,
  content,
  format,
  source,
  connectBeacon,
  progress,
  logger,
}: ImportOperatorsParameters): Promise<ImportOperatorsReturnType> {
  const defs = parseOperatorFile({ content, format, source });
  let resolved = new Map<string, number>();
  try {
    const beacon = await connectBeacon();
    const bar = progress?.(Math.ceil(defs.labels.size / 1000));
    resolved = await resolvePubkeys({
      beacon,
      pubkeys: [...defs.labels.keys()],
      onBatch: () => bar?.tick(),
    });
    bar?.done();
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      "could not resolve pubkeys through the beacon node; storing labels only",
    );
  }
  const result = await saveOperatorDefinitions({ pool, defs, source, resolved });
  logger.info({ ...result, resolved: resolved.size }, "operators imported");
  if (result.validatorsMapped === 0) {
    logger.warn(
      { labels: result.labels, indexLabels: result.indexLabels, rules: result.rules },
      "the import mapped no stored validator: its definitions are kept and apply to validators as ingestion first sees them; check the file if validators were expected to be stored already",
    );
  }
  return { ...result, resolved: resolved.size };
}
