import { FaultRuleInvalidError } from "./errors.js";

export type FaultKind = "5xx" | "timeout" | "slow" | "truncate" | "malformed" | "down";

/** A fault for requests whose path (with query) matches `path`, a RegExp source. */
export type FaultRule = {
  path: string;
  kind: FaultKind;
  /** Delay for "slow" (default 1000 ms). */
  ms?: number;
  /** Status for "5xx" (default 500). */
  status?: number;
  /** Apply to this many matching requests, then drop the rule; forever when absent. */
  times?: number;
};

export type Faults = {
  inject(rule: FaultRule): void;
  clear(): void;
  list(): FaultRule[];
  /** The rule that applies to this request, consuming one of its `times`. */
  take(path: string): FaultRule | undefined;
};

const KINDS: readonly FaultKind[] = ["5xx", "timeout", "slow", "truncate", "malformed", "down"];

export function createFaults(): Faults {
  let rules: { rule: FaultRule; re: RegExp; left: number }[] = [];
  return {
    inject(rule) {
      const r = validateFaultRule(rule);
      rules.push({ rule: r, re: new RegExp(r.path), left: r.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      rules = [];
    },
    list: () =>
      rules.map((r) => ({ ...r.rule, ...(Number.isFinite(r.left) ? { times: r.left } : {}) })),
    take(path) {
      const hit = rules.find((r) => r.re.test(path));
      if (!hit) return undefined;
      hit.left--;
      if (hit.left <= 0) rules = rules.filter((r) => r !== hit);
      return hit.rule;
    },
  };
}

export function validateFaultRule(input: unknown): FaultRule {
  const r = (input ?? {}) as Record<string, unknown>;
  if (typeof r.path !== "string")
    throw new FaultRuleInvalidError("path must be a RegExp source string");
  try {
    new RegExp(r.path);
  } catch (error) {
    throw new FaultRuleInvalidError(`path is not a valid RegExp: ${(error as Error).message}`);
  }
  if (!KINDS.includes(r.kind as FaultKind))
    throw new FaultRuleInvalidError(`kind must be one of ${KINDS.join(", ")}`);
  for (const key of ["ms", "status", "times"] as const) {
    if (
      r[key] !== undefined &&
      (typeof r[key] !== "number" || !Number.isInteger(r[key]) || (r[key] as number) < 0)
    ) {
      throw new FaultRuleInvalidError(`${key} must be a non-negative integer`);
    }
  }
  if (r.status !== undefined && ((r.status as number) < 500 || (r.status as number) > 599))
    throw new FaultRuleInvalidError("status must be 5xx");
  return {
    path: r.path,
    kind: r.kind as FaultKind,
    ...(r.ms !== undefined ? { ms: r.ms as number } : {}),
    ...(r.status !== undefined ? { status: r.status as number } : {}),
    ...(r.times !== undefined ? { times: r.times as number } : {}),
  };
}
