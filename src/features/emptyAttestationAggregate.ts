import type { AttestationAggregate } from "./types.js";

/** Zero attestation duties, rewards and misses: where an epoch's or a window's tally starts. */
export function emptyAttestationAggregate(): AttestationAggregate {
  return {
    duties: 0,
    sourceEarned: 0,
    sourceIdeal: 0,
    targetEarned: 0,
    targetIdeal: 0,
    headEarned: 0,
    headIdeal: 0,
    inactivityPenalty: 0,
    sourceMisses: 0,
    targetMisses: 0,
    headMisses: 0,
  };
}
