export { buildEpoch, type EpochInputs, type EpochContext } from "./buildEpoch.js";
export type { BuiltEpoch, SetAggregate } from "../db/builtEpoch.js";
export {
  createIngester,
  type Ingester,
  type IngestEpochReturnType,
  type CreateIngesterParameters,
} from "./createIngester.js";
export { FINALITY_MARGIN_EPOCHS, firstSlot, lastIngestableEpoch } from "./epochSlots.js";
export { IngestError, type IngestErrorCode } from "./errors.js";
export * from "../db/packedEpoch.js";
export { VALIDATOR_STATUSES, statusCode, statusName } from "../db/validatorStatus.js";
export { createFollower, type Follower, type CreateFollowerParameters } from "./createFollower.js";
export { backfill, type BackfillParameters, type BackfillReturnType } from "./backfill.js";
export { ingestionLag, type IngestionLagParameters } from "./ingestionLag.js";
