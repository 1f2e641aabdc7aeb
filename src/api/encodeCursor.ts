/**
 * Cursors are opaque to clients: base64url of a small JSON value (the sort key of the last item
 * returned, and whatever pins the listing, such as the scoring epoch). Keyset pagination: a page
 * starts strictly after the cursor's key, so rows added meanwhile never shift or repeat items.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
