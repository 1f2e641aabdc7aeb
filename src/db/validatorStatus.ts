/**
 * Validator statuses of the Beacon API, stored as one byte each. The numbering is part of the
 * storage format (docs/storage.md): append only, never renumber.
 */
export const VALIDATOR_STATUSES = [
  "pending_initialized",
  "pending_queued",
  "active_ongoing",
  "active_exiting",
  "active_slashed",
  "exited_unslashed",
  "exited_slashed",
  "withdrawal_possible",
  "withdrawal_done",
] as const;

export type ValidatorStatus = (typeof VALIDATOR_STATUSES)[number];
export const UNKNOWN_STATUS = 255;

const CODES = new Map<string, number>(VALIDATOR_STATUSES.map((s, i) => [s, i]));

export function statusCode(status: string): number {
  return CODES.get(status) ?? UNKNOWN_STATUS;
}

export function statusName(code: number): string {
  return VALIDATOR_STATUSES[code] ?? "unknown";
}
