/**
 * The circuit a model's proofs are checked against, fixed in advance: on-chain in RiskOracle's
 * `modelPin`, or in configuration from contracts/generated/<circuit>/verifier.json. Nothing is ever
 * verified against a verifying key or settings supplied with the request.
 */
export type PinnedCircuit = {
  /** sha256 (hex, no 0x) of the circuit's vk.key. */
  vkHash: string;
  /** sha256 (hex, no 0x) of the circuit's settings.json. */
  settingsHash: string;
  /** Fixed-point scale of the outputs (ezkl `model_output_scales[0]`). */
  outScale: number;
  logrows: number;
};
