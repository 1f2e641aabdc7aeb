export {
  createStageQueue,
  type StageQueue,
  type StageJob,
  type CreateStageQueueParameters,
} from "./createStageQueue.js";
export {
  createIngestQueue,
  type IngestQueue,
  type CreateIngestQueueParameters,
} from "./createIngestQueue.js";
export {
  QUEUES,
  ingestJobId,
  scoreJobId,
  proveJobId,
  postJobId,
  type IngestJobData,
  type ScoreJobData,
  type ReportJobData,
} from "./names.js";
export { toBullError } from "./toBullError.js";
export { redisConnection } from "./redisConnection.js";
export {
  createPipelineQueues,
  type PipelineQueues,
  type CreatePipelineQueuesParameters,
  type CreatePipelineQueuesReturnType,
} from "./createPipelineQueues.js";
