/**
 * Median of the operators' performances in one window: the network reference of the relative
 * performance features. Operators without duties (undefined) are left out; undefined if none.
 */
export function medianPerformance(
  performances: readonly (number | undefined)[],
): number | undefined {
  const xs = performances
    .filter((p): p is number => p !== undefined && Number.isFinite(p))
    .sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}
