/** The largest value of a PostgreSQL `integer` column: every integer key a cursor carries is one. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * Whether a value read from a cursor is an integer a keyset query can bind: a tampered cursor with
 * 1e300, -1 or 2^31 must be refused as a bad parameter (400) before PostgreSQL sees it, not fail
 * the query with "out of range for type integer" (500).
 */
export function isCursorInteger(
  value: unknown,
  { min = 0, max = PG_INT_MAX }: { min?: number; max?: number } = {},
): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}
