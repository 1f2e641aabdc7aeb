import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, type ApiErrorCode } from "./apiError.js";
import { PROBLEMS, type ProblemKind } from "./problems.js";

test("each problem kind has its code, typed: not-found -> API_NOT_FOUND", () => {
  const kinds = Object.keys(PROBLEMS) as ProblemKind[];
  assert.equal(kinds.length, 6);
  const codes: ApiErrorCode[] = kinds.map((kind) => new ApiError(kind, "detail").code);
  assert.deepEqual(codes, [
    "API_INVALID_PARAMETER",
    "API_BAD_REQUEST",
    "API_NOT_FOUND",
    "API_REPORT_NOT_PROVEN",
    "API_RATE_LIMITED",
    "API_INTERNAL",
  ]);
  assert.equal(new ApiError("report-not-proven", "x").status, 409);
});
