export type Notifier = {
  /** Something the waits may be waiting for happened: each checks its condition again. */
  notify(): void;
  /**
   * Resolves once `condition` holds, checking it now and after each notify(), never on a timer;
   * rejects when it still does not hold `timeoutMs` after the call, naming `what`.
   */
  until(
    condition: () => boolean | Promise<boolean>,
    options?: { timeoutMs?: number; what?: string },
  ): Promise<void>;
};

/**
 * Waits on the event itself: the code under test calls notify() where the thing happens (a
 * follower round staged a head, an epoch was stored), and a test waits until what it needs holds.
 * A notify() that lands while a condition is being checked is not lost: the check runs again.
 */
export function createNotifier(): Notifier {
  let generation = 0;
  const waiting = new Set<() => void>();
  return {
    notify() {
      generation++;
      for (const wake of waiting) wake();
      waiting.clear();
    },
    async until(condition, { timeoutMs = 20_000, what = "condition" } = {}) {
      const deadline = Date.now() + timeoutMs;
      const late = () => new Error(`${what}: not met within ${timeoutMs} ms`);
      for (;;) {
        const seen = generation;
        if (await condition()) return;
        const left = deadline - Date.now();
        if (left <= 0) throw late();
        if (generation !== seen) continue;
        await new Promise<void>((resolve, reject) => {
          const wake = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            waiting.delete(wake);
            reject(late());
          }, left);
          waiting.add(wake);
        });
      }
    },
  };
}
