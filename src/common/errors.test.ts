import assert from "node:assert/strict";
import { test } from "node:test";
import { BaseError } from "./errors.js";

test("walk without a predicate returns the deepest cause", () => {
  const root = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  const middle = new BaseError("TEST_MIDDLE", "middle", { cause: root });
  const top = new BaseError("TEST_TOP", "top", { cause: middle });
  assert.equal(top.walk(), root);
  const alone = new BaseError("TEST_ALONE", "alone");
  assert.equal(alone.walk(), alone);
});

test("walk with a predicate returns the first error it accepts, this one included, else null", () => {
  const root = Object.assign(new Error("socket"), { code: "ECONNRESET" });
  const middle = new BaseError("TEST_MIDDLE", "middle", { cause: root });
  const top = new BaseError("TEST_TOP", "top", { cause: middle });
  assert.equal(
    top.walk((e) => e instanceof BaseError),
    top,
  );
  assert.equal(
    top.walk((e) => (e as BaseError).code === "TEST_MIDDLE"),
    middle,
  );
  assert.equal(
    top.walk((e) => (e as { code?: string }).code === "ECONNRESET"),
    root,
  );
  assert.equal(
    top.walk((e) => (e as { code?: string }).code === "EPIPE"),
    null,
  );
});

test("walk ends on a chain of causes that loops back", () => {
  const a = new BaseError("TEST_A", "a");
  const b = new BaseError("TEST_B", "b", { cause: a });
  Object.defineProperty(a, "cause", { value: b });
  assert.equal(a.walk(), b);
  assert.equal(
    a.walk(() => false),
    null,
  );
});

test("meta is typed per error: a subclass fixes the fields its code carries", () => {
  class SizedError extends BaseError<{ size: number }> {}
  const e = new SizedError("TEST_SIZED", "too big", { meta: { size: 3 } });
  const size: number | undefined = e.meta?.size;
  assert.equal(size, 3);
});
