export type CreateCachedLoaderParameters<T> = {
  load: () => Promise<T>;
  /** How long a loaded value is served again; 0 keeps only the sharing of one load in flight. */
  ttlMs: number;
};

/**
 * One value shared by every caller: concurrent callers wait on the same load, and a loaded value
 * is served for `ttlMs`. A failed load is not kept. Used by routes that unauthenticated probes
 * may call in floods (GET /ready), so a flood costs one query per interval.
 */
export function createCachedLoader<T>({
  load,
  ttlMs,
}: CreateCachedLoaderParameters<T>): () => Promise<T> {
  let current: { value: Promise<T>; until: number } | undefined;
  return () => {
    const now = Date.now();
    if (current && (now < current.until || current.until === Infinity)) return current.value;
    const entry = { value: load(), until: Infinity };
    current = entry;
    entry.value.then(
      () => {
        entry.until = Date.now() + ttlMs;
      },
      () => {
        if (current === entry) current = undefined;
      },
    );
    return entry.value;
  };
}
