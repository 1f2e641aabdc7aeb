export { createIngestQueue, type IngestQueue, type CreateIngestQueueParameters } from "./createIngestQueue.js";
export { QUEUES, ingestJobId, type IngestJobData } from "./names.js";
export { toBullError } from "./toBullError.js";
export { redisConnection } from "./redisConnection.js";
