import { ApiError } from "./apiError.js";

/**
 * Reads a cursor made by encodeCursor; `check` narrows its JSON to the shape the route wrote.
 * Anything else (edited, truncated, from another route or sort order) is a 400 naming `cursor`.
 */
export function decodeCursor<T>(cursor: string, check: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (!check(value)) {
    throw new ApiError(
      "invalid-parameter",
      'Query parameter "cursor" is not a cursor this listing returned (keep the other parameters unchanged between pages)',
      {
        parameter: "cursor",
        in: "query",
      },
    );
  }
  return value;
}
