import { routes } from "@lodestar/api";
import type { Logger } from "../common/logger.js";
import type { BeaconClient } from "./createBeaconClient.js";

export type SubscribeFinalizedParameters = {
  beacon: BeaconClient;
  logger: Logger;
  signal: AbortSignal;
  onFinalized: (epoch: number) => void;
};

/**
 * Streams `finalized_checkpoint` events (SSE) from the preferred node until `signal` aborts, or
 * until the node refuses the stream (400 or 500: the source is closed). Other errors only log:
 * the source reconnects by itself, and the follower's polling loop is the safety net.
 */
export async function subscribeFinalized({
  beacon,
  logger,
  signal,
  onFinalized,
}: SubscribeFinalizedParameters): Promise<void> {
  if (signal.aborted) return;
  const api = beacon.apis[0];
  // Lodestar's eventstream resolves once its EventSource exists, and closes it only on an abort
  // of the signal it is given that comes after that: one child signal per subscription, aborted
  // only once eventstream has returned, so the source is always closed (a source left open
  // reconnects every second and keeps the process alive), and unlinked from `signal` afterwards.
  const child = new AbortController();
  let ended: () => void = () => undefined;
  const end = new Promise<void>((resolve) => {
    ended = resolve;
  });
  signal.addEventListener("abort", ended, { once: true });
  try {
    await api.events.eventstream({
      topics: [routes.events.EventType.finalizedCheckpoint],
      signal: child.signal,
      onEvent: (event) => {
        if (event.type === routes.events.EventType.finalizedCheckpoint)
          onFinalized(event.message.epoch);
      },
      onError: (error) =>
        logger.warn({ err: error.message }, "finalized_checkpoint stream error; polling continues"),
      onClose: ended,
    });
    if (!signal.aborted) await end;
  } finally {
    signal.removeEventListener("abort", ended);
    child.abort();
  }
}
