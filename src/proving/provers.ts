/**
 * The two builds of ezkl v21.0.0 the project proves with: `native`, the PyPI wheel in .venv driven
 * through python/ezkl_worker.py (every core, no memory ceiling but the machine's), and `wasm`,
 * @ezkljs/engine in a worker thread (one core, 4 GiB of WASM memory).
 */
export type Prover = "native" | "wasm";

/**
 * Largest logrows each prover may build circuits for. wasm: genPk traps at 17 (docs/proving.md).
 * native: 18, what a report of 256+ operators needs (up to 322 operators); larger circuits stay
 * refused until `npm run bench:prove-capacity` has measured them on the 2-core, 24 GiB machine
 * (docs/proving.md): raise this and PROVING_BATCH_SIZE's maximum together then.
 */
export const MAX_LOGROWS: Readonly<Record<Prover, number>> = { wasm: 16, native: 18 };

/**
 * The proof JSON's `version` says which build made it: the wheel writes its package version, the
 * engine (built from source at 0.0.0) this placeholder. The two builds do not verify each other's
 * proofs (docs/proving.md), so a proof is checked by the build that made it.
 */
export const ENGINE_PROOF_VERSION = "source - no compatibility guaranteed";

export function proverOfProof(proofJson: { version?: unknown }): Prover {
  return proofJson.version === ENGINE_PROOF_VERSION ? "wasm" : "native";
}
