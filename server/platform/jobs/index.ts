// The job queue's public face: what features and the composition root import.
export {
  type AnyJobDefinition,
  type JobContext,
  type JobDefinition,
  type JobSpec,
  JOB_PRIORITY,
  defineJob,
} from "./define.js";
export { type EnqueueOptions, enqueue, enqueueWrite } from "./enqueue.js";
export { readQueueDepth, refreshQueueDepthMetric } from "./queue-depth.js";
export { requeueFailedJob } from "./store.js";
export { type Worker, type WorkerOptions, createWorker } from "./worker.js";
