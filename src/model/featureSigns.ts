import { FEATURE_NAMES } from "../features/index.js";

/**
 * The direction of risk of each input, for the logistic model's sign constraints: +1 where a
 * higher value means more missed duties (every miss rate, shortfall, gap, flag, correlation, exit
 * rate), 0 (free) for size, whose effect has no fixed sign.
 * Without them collinear inputs (the 1/7/30-day shortfalls, head/target/source misses) took
 * opposite signs that cancel on the training timelines and flip on fresh ones: the trained model
 * rewarded head misses.
 */
const RISK_SIGNS: Record<string, number> = {
  validators_log: 0,
};

export function featureSigns(): number[] {
  return FEATURE_NAMES.map((name) => RISK_SIGNS[name] ?? 1);
}
