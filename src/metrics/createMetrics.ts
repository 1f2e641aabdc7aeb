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
export function createMetrics({
  registry = new Registry(),
  defaultMetrics = false,
}: CreateMetricsParameters = {}) {
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
      finalizedEpoch: new Gauge({
        name: "oracle_ingest_finalized_epoch",
        help: "Latest finalized epoch seen on the beacon node",
        registers: r,
      }),
      ingestedEpoch: new Gauge({
        name: "oracle_ingest_ingested_epoch",
        help: "Highest epoch fully ingested into the database",
        registers: r,
      }),
      lagEpochs: new Gauge({
        name: "oracle_ingest_lag_epochs",
        help: "Finalized epoch minus highest ingested epoch",
        registers: r,
      }),
      missingEpochs: new Gauge({
        name: "oracle_ingest_missing_epochs",
        help: "Ingestable epochs not stored, gaps below the highest ingested epoch included",
        registers: r,
      }),
      epochsIngested: new Counter({
        name: "oracle_ingest_epochs_total",
        help: "Epochs ingested (rate gives epochs per minute)",
        labelNames: ["outcome"] as const,
        registers: r,
      }),
      epochSeconds: new Histogram({
        name: "oracle_ingest_epoch_seconds",
        help: "Wall time to ingest one epoch, by phase (fetch, process, write, total)",
        labelNames: ["phase"] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
        registers: r,
      }),
      slashingsSeen: new Counter({
        name: "oracle_ingest_slashings_total",
        help: "Slashings found in finalized blocks, by type",
        labelNames: ["type"] as const,
        registers: r,
      }),
      missedProposals: new Counter({
        name: "oracle_ingest_missed_proposals_total",
        help: "Proposer duties with no block",
        registers: r,
      }),
    },
    queue: {
      depth: new Gauge({
        name: "oracle_queue_jobs",
        help: "Jobs per queue and state (waiting, active, delayed, failed, completed)",
        labelNames: ["queue", "state"] as const,
        registers: r,
      }),
      jobSeconds: new Histogram({
        name: "oracle_queue_job_seconds",
        help: "Job processing time by queue and outcome",
        labelNames: ["queue", "outcome"] as const,
        buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900],
        registers: r,
      }),
      retries: new Counter({
        name: "oracle_queue_job_retries_total",
        help: "Job attempts that failed and will be retried",
        labelNames: ["queue"] as const,
        registers: r,
      }),
      failures: new Counter({
        name: "oracle_queue_job_failures_total",
        help: "Jobs that failed for good",
        labelNames: ["queue", "code"] as const,
        registers: r,
      }),
    },
    scoring: {
      batchSize: new Gauge({
        name: "oracle_scoring_batch_operators",
        help: "Operators in the last scoring batch",
        registers: r,
      }),
      durationSeconds: new Histogram({
        name: "oracle_scoring_duration_seconds",
        help: "Wall time to score one batch of operators with the ONNX model",
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
        registers: r,
      }),
      operatorsAboveThreshold: new Gauge({
        name: "oracle_scoring_operators_above_threshold",
        help: "Operators in the last batch at or above the risk threshold (MODEL_RISK_THRESHOLD_BPS)",
        registers: r,
      }),
      scoreBps: new Histogram({
        name: "oracle_scoring_score_bps",
        help: "Distribution of operator risk scores (expected 30-day loss, basis points of stake, 0..100)",
        // Healthy operators score 0-1 bp, a fully offline one about 35.
        buckets: [1, 2, 5, 10, 20, 35, 50, 100],
        registers: r,
      }),
    },
    proving: {
      durationSeconds: new Histogram({
        name: "oracle_proving_duration_seconds",
        help: "Wall time to prove one batch (witness, keys when not cached, proof), by circuit batch size",
        labelNames: ["batch_size"] as const,
        buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 2400],
        registers: r,
      }),
      peakMemoryBytes: new Gauge({
        name: "oracle_proving_peak_memory_bytes",
        help: "Peak process RSS during the last proof, by circuit batch size",
        labelNames: ["batch_size"] as const,
        registers: r,
      }),
      failures: new Counter({
        name: "oracle_proving_failures_total",
        help: "Proofs that failed, by error code",
        labelNames: ["code"] as const,
        registers: r,
      }),
      progress: new Gauge({
        name: "oracle_proving_progress_ratio",
        help: "Progress of the proof under way (0..1)",
        registers: r,
      }),
    },
    oracle: {
      transactions: new Counter({
        name: "oracle_chain_transactions_total",
        help: "Report transactions by status (sent, confirmed, reverted, already_posted, rebroadcast, failed)",
        labelNames: ["status"] as const,
        registers: r,
      }),
      gasUsed: new Histogram({
        name: "oracle_chain_gas_used",
        help: "Gas used by confirmed report transactions",
        buckets: [50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000, 3_200_000, 6_400_000],
        registers: r,
      }),
      confirmationSeconds: new Histogram({
        name: "oracle_chain_confirmation_seconds",
        help: "Time from broadcasting a report transaction to its required confirmations",
        buckets: [1, 5, 15, 30, 60, 120, 300, 900],
        registers: r,
      }),
      rpcRetries: new Counter({
        name: "oracle_chain_rpc_retries_total",
        help: "JSON-RPC calls of the poster retried after a transient failure",
        labelNames: ["method"] as const,
        registers: r,
      }),
      feedStalenessSeconds: new Gauge({
        name: "oracle_chain_feed_staleness_seconds",
        help: "Seconds since the on-chain score of a feed was last updated",
        labelNames: ["feed"] as const,
        registers: r,
      }),
      heartbeatSeconds: new Gauge({
        name: "oracle_chain_heartbeat_seconds",
        help: "RiskOracle heartbeat(): the staleness bound promised to readers, read from the contract",
        registers: r,
      }),
      signatures: new Counter({
        name: "oracle_attester_signatures_total",
        help: "Attester signatures received for reports, by outcome (valid, invalid, unknown_signer, duplicate, failed)",
        labelNames: ["outcome"] as const,
        registers: r,
      }),
      attestations: new Counter({
        name: "oracle_attester_reports_total",
        help: "Reports an attester checked, by outcome (signed, refused) and refusal code",
        labelNames: ["outcome", "code"] as const,
        registers: r,
      }),
      reportsPosted: new Counter({
        name: "oracle_reports_posted_total",
        help: "Reports confirmed on-chain (or found already posted)",
        registers: r,
      }),
      latestPostedEpoch: new Gauge({
        name: "oracle_reports_latest_posted_epoch",
        help: "Epoch of the newest report confirmed on-chain",
        registers: r,
      }),
    },
    risk: {
      maxOperatorScoreBps: new Gauge({
        name: "oracle_risk_max_operator_score_bps",
        help: "Highest operator risk score (basis points) in the last scoring batch",
        registers: r,
      }),
      poolScoreBps: new Gauge({
        name: "oracle_risk_pool_score_bps",
        help: "Stake-weighted risk score of a pool (LST/LRT) in basis points, from the last scoring batch",
        labelNames: ["pool"] as const,
        registers: r,
      }),
      poolTailStakeBps: new Gauge({
        name: "oracle_risk_pool_tail_stake_bps",
        help: "Share of a pool's stake (basis points) behind operators at or above MODEL_RISK_THRESHOLD_BPS",
        labelNames: ["pool"] as const,
        registers: r,
      }),
      scoredEpoch: new Gauge({
        name: "oracle_risk_scored_epoch",
        help: "Epoch of the newest stored operator scores",
        registers: r,
      }),
      poolExpectedLossBps: new Gauge({
        name: "oracle_risk_pool_expected_loss_bps",
        help: "Stake-weighted expected 30-day loss of a pool in basis points of stake (src/loss), from the last scoring batch",
        labelNames: ["pool"] as const,
        registers: r,
      }),
      operatorTopDriverLogit: new Gauge({
        name: "oracle_risk_operator_top_driver_logit",
        help: "Largest per-feature contribution to an operator's model logit in the last scoring batch, by feature",
        labelNames: ["operator", "feature"] as const,
        registers: r,
      }),
    },
    api: {
      requestSeconds: new Histogram({
        name: "oracle_api_request_seconds",
        help: "REST API latency by route template, method and status code",
        labelNames: ["route", "method", "status_code"] as const,
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
        registers: r,
      }),
      rateLimited: new Counter({
        name: "oracle_api_rate_limited_total",
        help: "Requests refused by the rate limiter",
        registers: r,
      }),
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
