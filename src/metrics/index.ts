export { createMetrics, type Metrics, type CreateMetricsParameters } from "./createMetrics.js";
