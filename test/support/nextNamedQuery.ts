import type pg from "pg";

/**
 * Resolves when a query of the named prepared statement `name` that starts after this call has
 * completed and its caller has handled the answer (for example the API's data-version reading):
 * the event a cache refresh waits on, observed on the real pool, so a test waits for it rather
 * than for a guessed interval. Call it after the change the reading must see. Rejects after
 * `timeoutMs`; that timer also keeps the process alive, as the readings' own timers are unref'd.
 */
export function nextNamedQuery(pool: pg.Pool, name: string, timeoutMs = 10_000): Promise<void> {
  const query = pool.query;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pool.query = query;
      reject(new Error(`no "${name}" query completed within ${timeoutMs} ms`));
    }, timeoutMs);
    pool.query = ((...args: unknown[]) => {
      const result = (query as (...a: unknown[]) => Promise<unknown>).apply(pool, args);
      if ((args[0] as { name?: string } | null)?.name === name) {
        pool.query = query;
        // After the caller's own continuation (the cache update), not before it.
        void result.finally(() => {
          clearTimeout(timer);
          setImmediate(resolve);
        });
      }
      return result;
    }) as typeof pool.query;
  });
}
