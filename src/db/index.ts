export { createDb, type Db, type CreateDbParameters } from "./createDb.js";
export { copyRows } from "./copyRows.js";
export { earliestIngestedEpoch, ingestedEpochs, latestIngestedEpoch } from "./ingestedEpochs.js";
export { loadEpochBalances } from "./loadEpochBalances.js";
export { loadRegistry } from "./loadRegistry.js";
export { writeEpoch, type WriteEpochParameters, type WriteEpochReturnType } from "./writeEpoch.js";
export { saveOperatorDefinitions, type SaveOperatorDefinitionsParameters, type SaveOperatorDefinitionsReturnType } from "./saveOperatorDefinitions.js";
export { withTransaction } from "./withTransaction.js";
export { saveFinalizedHead, loadFinalizedHead, type FinalizedHead } from "./syncState.js";
