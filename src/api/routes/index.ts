import { docs } from "./docs.js";
import { getEpoch } from "./getEpoch.js";
import { getModel } from "./getModel.js";
import { getOperator } from "./getOperator.js";
import { getPool } from "./getPool.js";
import { getReport } from "./getReport.js";
import { getReportArtifacts } from "./getReportArtifacts.js";
import { getValidator } from "./getValidator.js";
import { health } from "./health.js";
import { listOperatorReports } from "./listOperatorReports.js";
import { listOperators } from "./listOperators.js";
import { listOperatorScores } from "./listOperatorScores.js";
import { listOperatorValidators } from "./listOperatorValidators.js";
import { listPools } from "./listPools.js";
import { listReports } from "./listReports.js";
import { listSlashings } from "./listSlashings.js";
import { metrics } from "./metrics.js";
import { ready } from "./ready.js";

/** Every route, each registering itself with its schema; the order is the OpenAPI document's. */
export const ROUTES = [
  listOperators,
  getOperator,
  listOperatorScores,
  listOperatorValidators,
  listOperatorReports,
  listPools,
  getPool,
  getValidator,
  listSlashings,
  getEpoch,
  listReports,
  getReport,
  getReportArtifacts,
  getModel,
  health,
  ready,
  metrics,
  docs,
] as const;
