import type { Logger } from "./logger.js";
import { ShutdownError } from "./shutdownError.js";

export type Shutdown = {
  /** Register a cleanup; they run in reverse order of registration (last opened, first closed). */
  add(name: string, close: () => Promise<void> | void): void;
  /** Run every cleanup once; later calls return the same promise. */
  run(reason: string): Promise<void>;
  readonly signal: AbortSignal;
  readonly isShuttingDown: boolean;
};

/**
 * One shutdown per process. SIGINT/SIGTERM trigger it; a second signal forces exit so an
 * operator is never stuck behind a hung cleanup.
 */
export function createShutdown(
  logger: Logger,
  { handleSignals = true, timeoutMs = 30_000 } = {},
): Shutdown {
  const cleanups: { name: string; close: () => Promise<void> | void }[] = [];
  const controller = new AbortController();
  let running: Promise<void> | undefined;

  const run = (reason: string): Promise<void> => {
    if (running) return running;
    controller.abort(new ShutdownError(reason));
    logger.info({ reason }, "shutting down");
    running = (async () => {
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, "shutdown timed out; exiting");
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const { name, close } of cleanups.reverse()) {
        try {
          await close();
          logger.debug({ name }, "closed");
        } catch (error) {
          logger.error({ name, err: error }, "error while closing");
        }
      }
      clearTimeout(timer);
    })();
    return running;
  };

  if (handleSignals) {
    let signals = 0;
    const onSignal = (sig: NodeJS.Signals) => {
      signals++;
      if (signals > 1) process.exit(130);
      void run(sig).then(() => process.exit(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }

  return {
    add: (name, close) => void cleanups.push({ name, close }),
    run,
    signal: controller.signal,
    get isShuttingDown() {
      return running !== undefined;
    },
  };
}
