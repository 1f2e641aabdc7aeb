import assert from "node:assert/strict";

/**
 * Resolves once `condition` holds, checking it again after each short pause: a test waits on the
 * state it needs (an answer that changed, a row that appeared) instead of a fixed sleep that is
 * too short on a loaded machine and wasted time on an idle one.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, what = "condition" } = {},
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) assert.fail(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
