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
 * Streams `finalized_checkpoint` events (SSE) from the preferred node until `signal` aborts.
 * Errors only log: the follower's polling loop is the safety net that never stops.
 */
export async function subscribeFinalized({
  beacon,
  logger,
  signal,
  onFinalized,
}: SubscribeFinalizedParameters): Promise<void> {
  const api = beacon.apis[0];
  // One child signal per subscription, unlinked afterwards: the event stream leaves its
  // listener on the signal it is given, and the follower reconnects for as long as it runs.
  const child = new AbortController();
  const onAbort = () => child.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await streamFinalized(api, child.signal, logger, onFinalized);
  } finally {
    signal.removeEventListener("abort", onAbort);
    child.abort();
  }
}

async function streamFinalized(
  api: BeaconClient["apis"][number],
  signal: AbortSignal,
  logger: Logger,
  onFinalized: (epoch: number) => void,
) {
  await api.events.eventstream({
    topics: [routes.events.EventType.finalizedCheckpoint],
    signal,
    onEvent: (event) => {
      if (event.type === routes.events.EventType.finalizedCheckpoint)
        onFinalized(event.message.epoch);
    },
    onError: (error) =>
      logger.warn({ err: error.message }, "finalized_checkpoint stream error; polling continues"),
  });
}
