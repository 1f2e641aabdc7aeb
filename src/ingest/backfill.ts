import { fetchFinalizedEpoch, type BeaconClient } from "../beacon/index.js";
import type { Progress } from "../common/progress.js";
import { ingestedEpochs, type Db } from "../db/index.js";
import type { Ingester } from "./createIngester.js";
import { lastIngestableEpoch } from "./epochSlots.js";
import { IngestError } from "./errors.js";

export type BackfillParameters = {
  beacon: BeaconClient;
  db: Db;
  ingester: Ingester;
  from: number;
  to: number;
  progress?: (total: number) => Progress;
  signal?: AbortSignal;
};

export type BackfillReturnType = { ingested: number; skipped: number };

/**
 * Ingests a range of finalized epochs in order. Epochs already stored are skipped, so a
 * backfill interrupted by a restart resumes where it stopped.
 */
export async function backfill({
  beacon,
  db,
  ingester,
  from,
  to,
  progress,
  signal,
}: BackfillParameters): Promise<BackfillReturnType> {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to)) {
    throw new IngestError("INGEST_INVALID_RANGE", `Invalid epoch range ${from}..${to}`, {
      details: "Expected 0 <= from <= to.",
    });
  }
  const finalized = await fetchFinalizedEpoch({ beacon });
  const last = lastIngestableEpoch(finalized);
  if (to > last) {
    throw new IngestError("INGEST_NOT_FINALIZED", `Epoch ${to} is not final yet`, {
      details: `The newest ingestable epoch is ${last} (finalized checkpoint ${finalized}).`,
    });
  }
  const stored = await ingestedEpochs(db.pool, from, to);
  const todo: number[] = [];
  for (let e = from; e <= to; e++) if (!stored.has(e)) todo.push(e);
  const bar = progress?.(todo.length);
  let ingested = 0;
  for (const epoch of todo) {
    if (signal?.aborted) break;
    const result = await ingester.ingestEpoch(epoch, finalized);
    if (result.status === "ingested") ingested++;
    bar?.tick(`epoch ${epoch}`);
  }
  bar?.done();
  return { ingested, skipped: stored.size };
}
