/** One check of a verification, in the order they ran. */
export type Check = { name: string; ok: boolean; detail: string };

/** What the verification of a report's artifacts concluded. */
export type Verdict = {
  ok: boolean;
  /** The first failed check's explanation; null when everything passed. */
  reason: string | null;
  checks: Check[];
  /** Poseidon hash of the published feature vectors, as 0x-prefixed uint256 hex; null if it could not be computed. */
  recomputedCommitment: string | null;
  /** The scores the proof's public outputs carry, by RiskOracle's rounding; null if unreadable. */
  provenScoresBps: number[] | null;
  modelHash: string | null;
  /**
   * Set when the proof cannot be checked by @ezkljs/engine at all (a proof made by the native
   * prover): the other checks still ran, but nothing here says the proof holds.
   */
  unverifiable: string | null;
  /** Which verifier checked the proof (the EZKL engine, or the circuit's Solidity verifier in the in-page EVM); null if none ran. */
  verifier: string | null;
  /** keccak256 of the bundled verifier's runtime code when it ran: what the on-chain verifier's code must hash to. */
  verifierCodeHash: `0x${string}` | null;
  seconds: number;
};

export type Progress = { step: string; fraction: number };

/** Messages from the verification worker. */
export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "verdict"; verdict: Verdict }
  | { type: "error"; message: string };
