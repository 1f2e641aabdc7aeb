import {
  fetchFinalizedEpoch,
  fetchHeadSlot,
  subscribeFinalized,
  type BeaconClient,
} from "../beacon/index.js";
import type { Logger } from "../common/logger.js";
import { sleep } from "../common/sleep.js";
import {
  earliestIngestedEpoch,
  ingestedEpochs,
  latestIngestedEpoch,
  saveFinalizedHead,
  type Db,
} from "../db/index.js";
import type { Metrics } from "../metrics/index.js";
import { lastIngestableEpoch } from "./epochSlots.js";

export type CreateFollowerParameters = {
  /** Created with the signal `run` gets (as the worker does): a stop aborts its requests in flight. */
  beacon: BeaconClient;
  db: Db;
  logger: Logger;
  metrics?: Metrics;
  /** Hands epochs to the ingest queue (deterministic job ids make repeats harmless). */
  enqueue: (epochs: number[], finalizedEpoch: number) => Promise<void>;
  pollMs: number;
  /** First epoch for an empty database; -1: start at the newest ingestable epoch. */
  startEpoch: number;
  /** Runs with the node's head slot every round, before finalized epochs are enqueued (staging). */
  onHead?: (headSlot: number) => Promise<void>;
};

export type Follower = {
  /** Runs until `signal` aborts: SSE for promptness, polling as the fallback that never stops. */
  run(signal: AbortSignal): Promise<void>;
  readonly finalizedEpoch: number | undefined;
};

/**
 * Follows the finalized checkpoint and enqueues every ingestable epoch not yet stored. Only
 * epochs two behind the finalized checkpoint are enqueued, so nothing non-final is recorded.
 */
export function createFollower({
  beacon,
  db,
  logger,
  metrics,
  enqueue,
  pollMs,
  startEpoch,
  onHead,
}: CreateFollowerParameters): Follower {
  const log = logger.child({ module: "follower" });
  let finalized: number | undefined;
  let from: number | undefined;
  let wake: (() => void) | undefined;
  let reportedHoles = 0;

  async function catchUp(finalizedEpoch: number) {
    finalized = Math.max(finalized ?? finalizedEpoch, finalizedEpoch);
    metrics?.ingest.finalizedEpoch.set(finalized);
    await saveFinalizedHead(db.pool, finalized);
    const target = lastIngestableEpoch(finalized);
    const latest = await latestIngestedEpoch(db.pool);
    metrics?.ingest.ingestedEpoch.set(latest ?? -1);
    metrics?.ingest.lagEpochs.set(latest === null ? target + 1 : Math.max(0, target - latest));
    if (target < 0) return;
    // Every round re-derives what is missing from the database, not from what was enqueued:
    // jobs lost with a Redis restart, or failed for good before a fix, are enqueued again.
    from ??= startEpoch >= 0 ? startEpoch : ((await earliestIngestedEpoch(db.pool)) ?? target);
    if (from > target) return;
    const stored = await ingestedEpochs(db.pool, from, target);
    const missing: number[] = [];
    for (let e = from; e <= target; e++) if (!stored.has(e)) missing.push(e);
    metrics?.ingest.missingEpochs.set(missing.length);
    // Holes below the newest stored epoch are epochs that failed (or are still retrying): say so.
    const holes = latest === null ? [] : missing.filter((e) => e < latest);
    if (holes.length > 0 && holes.length !== reportedHoles)
      log.warn(
        { count: holes.length, first: holes[0], last: holes[holes.length - 1] },
        "epochs missing below the newest ingested epoch",
      );
    reportedHoles = holes.length;
    if (missing.length === 0) return;
    await enqueue(missing, finalized);
    log.debug(
      { finalized, from: missing[0], to: missing[missing.length - 1], count: missing.length },
      "missing finalized epochs enqueued",
    );
  }

  async function run(signal: AbortSignal) {
    const onFinalized = (epoch: number) => {
      log.debug({ epoch }, "finalized_checkpoint event");
      if (finalized === undefined || epoch > finalized) wake?.();
    };
    const stream = (async () => {
      while (!signal.aborted) {
        try {
          await subscribeFinalized({ beacon, logger: log, signal, onFinalized });
        } catch (error) {
          if (signal.aborted) return;
          log.warn({ err: (error as Error).message }, "event stream ended; reconnecting");
        }
        await sleep(pollMs, signal).catch(() => undefined);
      }
    })();
    signal.addEventListener("abort", () => wake?.(), { once: true });
    while (!signal.aborted) {
      try {
        if (onHead) {
          await onHead(await fetchHeadSlot({ beacon })).catch((error: Error) =>
            log.warn({ err: error.message }, "staging near the head failed; will retry"),
          );
        }
        await catchUp(await fetchFinalizedEpoch({ beacon }));
      } catch (error) {
        log.warn({ err: (error as Error).message }, "follower round failed; will retry");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    await stream;
  }

  return {
    run,
    get finalizedEpoch() {
      return finalized;
    },
  };
}
