import { encodeCursor } from "./encodeCursor.js";

export type KeysetPageReturnType<Row> = { rows: Row[]; nextCursor: string | null };

/**
 * A listing asks PostgreSQL for limit + 1 rows: the extra one only says whether a next page
 * exists. Returns the page's rows and, when there is more, the cursor after its last row.
 */
export function keysetPage<Row, Cursor>(
  fetched: readonly Row[],
  limit: number,
  cursorAfter: (last: Row) => Cursor,
): KeysetPageReturnType<Row> {
  const rows = fetched.slice(0, limit);
  const last = rows.at(-1);
  return {
    rows,
    nextCursor:
      fetched.length > limit && last !== undefined ? encodeCursor(cursorAfter(last)) : null,
  };
}
