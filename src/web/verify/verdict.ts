type Hex = `0x${string}`;

/**
 * The code the page ran as the circuit's verifier, which the pinned verifier on chain must equal.
 * A plain verifier is one contract. A reusable one is three, as src/chain's deployVerifier deploys
 * them: ezkl's reusable verifier, the circuit's verifying-key artifact, and ReusableVerifierAdapter
 * binding their addresses (RiskOracle pins the adapter). The adapter's code holds those addresses,
 * which differ between the page and the chain, so it is carried with them zeroed and their offsets.
 */
export type VerifierCode =
  /** `codeHash`: keccak256 of the verifier's runtime code. */
  | { kind: "plain"; codeHash: Hex }
  | {
      kind: "reusable";
      /** keccak256 of the runtime code of the reusable verifier and of the verifying-key artifact. */
      codeHash: Hex;
      vkaCodeHash: Hex;
      /** The adapter's runtime code with the two bound addresses zeroed, and the byte offsets of each. */
      adapter: { template: Hex; reusableVerifierAt: number[]; verifyingKeyAt: number[] };
    };

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
  /** The code of the circuit's verifier the page ran, when it ran: what the on-chain check compares. */
  verifierCode: VerifierCode | null;
  seconds: number;
};

export type Progress = { step: string; fraction: number };

/** Messages from the verification worker. */
export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "verdict"; verdict: Verdict }
  | { type: "error"; message: string };
