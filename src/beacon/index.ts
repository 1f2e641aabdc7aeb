export {
  createBeaconClient,
  type BeaconClient,
  type BeaconClientOptions,
  type CreateBeaconClientParameters,
} from "./createBeaconClient.js";
export { BeaconError, type BeaconErrorCode } from "./errors.js";
export { decodeBlock, type BlockFacts, type SlashingFact } from "./decodeBlock.js";
export {
  fetchAttestationRewards,
  type AttestationRewards,
  type IdealReward,
} from "./fetchAttestationRewards.js";
export { fetchBlock } from "./fetchBlock.js";
export { fetchFinalizedEpoch } from "./fetchFinalizedEpoch.js";
export {
  fetchProposerDuties,
  type ProposerDuty,
  type ProposerDuties,
} from "./fetchProposerDuties.js";
export { fetchBlockRoot } from "./fetchBlockRoot.js";
export { fetchHeadSlot } from "./fetchHeadSlot.js";
export { fetchSyncCommittee } from "./fetchSyncCommittee.js";
export { fetchRandao } from "./fetchRandao.js";
export { computeEpochProposers } from "./computeEpochProposers.js";
export { fetchValidators, type ValidatorJson } from "./fetchValidators.js";
export {
  CREDENTIALS_BYTES,
  PUBKEY_BYTES,
  VALIDATOR_COLUMN_ARRAYS,
  allocateValidatorColumns,
  createValidatorColumnsBuilder,
  validatorColumnsOf,
  type ValidatorColumns,
} from "./validatorColumns.js";
export { subscribeFinalized } from "./subscribeFinalized.js";
export { fromHex, toHex } from "./hex.js";
