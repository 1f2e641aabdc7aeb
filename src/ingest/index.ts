export { buildEpoch, type BuiltEpoch, type EpochInputs, type EpochContext, type SetAggregate } from "./buildEpoch.js";
export { createIngester, type Ingester, type IngestEpochReturnType, type CreateIngesterParameters } from "./createIngester.js";
export { FINALITY_MARGIN_EPOCHS, firstSlot, lastIngestableEpoch } from "./epochSlots.js";
export { IngestError, type IngestErrorCode } from "./errors.js";
export * from "./packedEpoch.js";
export { VALIDATOR_STATUSES, statusCode, statusName } from "./validatorStatus.js";
export { createFollower, type Follower, type CreateFollowerParameters } from "./createFollower.js";
export { backfill, type BackfillParameters, type BackfillReturnType } from "./backfill.js";
export { ingestionLag, type IngestionLagParameters } from "./ingestionLag.js";
