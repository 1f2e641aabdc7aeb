import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export type CreateMetricsParameters = {
  registry?: Registry;
  /** Process-level metrics (CPU, memory, event loop); off in tests to keep the registry small. */
  defaultMetrics?: boolean;
};

/**
 * Every Prometheus metric of the project, declared in one place. The return type types the
 * metrics everywhere else, and grafana/ is checked against this registry by a test so the
 * dashboard and alert rules cannot drift from the code.
 */
export function createMetrics({ registry = new Registry(), defaultMetrics = false }: CreateMetricsParameters = {}) {
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "oracle_" });
  const r = [registry];
  return {
    registry,
    beacon: {
      requestSeconds: new Histogram({
        name: "oracle_beacon_request_seconds",
        help: "Beacon API request latency by route and outcome",
        labelNames: ["route", "outcome"] as const,
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        registers: r,
      }),
      requestErrors: new Counter({
        name: "oracle_beacon_request_errors_total",
        help: "Beacon API request failures by route and kind (timeout, http_5xx, http_4xx, malformed, network)",
        labelNames: ["route", "kind"] as const,
        registers: r,
      }),
      failovers: new Counter({
        name: "oracle_beacon_failovers_total",
        help: "Times a request moved on to the next configured beacon node",
        registers: r,
      }),
    },
    ingest: {
      finalizedEpoch: new Gauge({ name: "oracle_ingest_finalized_epoch", help: "Latest finalized epoch seen on the beacon node", registers: r }),
      ingestedEpoch: new Gauge({ name: "oracle_ingest_ingested_epoch", help: "Highest epoch fully ingested into the database", registers: r }),
      lagEpochs: new Gauge({ name: "oracle_ingest_lag_epochs", help: "Finalized epoch minus highest ingested epoch", registers: r }),
      epochsIngested: new Counter({ name: "oracle_ingest_epochs_total", help: "Epochs ingested (rate gives epochs per minute)", labelNames: ["outcome"] as const, registers: r }),
      epochSeconds: new Histogram({
        name: "oracle_ingest_epoch_seconds",
        help: "Wall time to ingest one epoch, by phase (fetch, process, write, total)",
        labelNames: ["phase"] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
        registers: r,
      }),
      slashingsSeen: new Counter({ name: "oracle_ingest_slashings_total", help: "Slashings found in finalized blocks, by type", labelNames: ["type"] as const, registers: r }),
      missedProposals: new Counter({ name: "oracle_ingest_missed_proposals_total", help: "Proposer duties with no block", registers: r }),
    },
    queue: {
      depth: new Gauge({ name: "oracle_queue_jobs", help: "Jobs per queue and state (waiting, active, delayed, failed, completed)", labelNames: ["queue", "state"] as const, registers: r }),
      jobSeconds: new Histogram({
        name: "oracle_queue_job_seconds",
        help: "Job processing time by queue and outcome",
        labelNames: ["queue", "outcome"] as const,
        buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900],
        registers: r,
      }),
      retries: new Counter({ name: "oracle_queue_job_retries_total", help: "Job attempts that failed and will be retried", labelNames: ["queue"] as const, registers: r }),
      failures: new Counter({ name: "oracle_queue_job_failures_total", help: "Jobs that failed for good", labelNames: ["queue", "code"] as const, registers: r }),
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
