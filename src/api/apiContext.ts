import type pg from "pg";
import type { Config } from "../config/index.js";
import type { Metrics } from "../metrics/index.js";

/** What every route reads from: the database pool (the only data source), config and metrics. */
export type ApiContext = {
  pool: pg.Pool;
  config: Config;
  metrics: Metrics;
};
