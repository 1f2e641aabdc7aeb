import { BaseError } from "../common/errors.js";

/**
 * A proven report whose verifying key or settings are not in `proving_artifact`: a broken
 * database, not a client error. The client gets a 500 that says nothing of it; the log carries
 * the code and the report id.
 */
export class ArtifactsMissingError extends BaseError<{ reportId: number }> {
  override name = "ArtifactsMissingError";
  declare readonly code: "API_ARTIFACTS_MISSING";
  constructor(reportId: number) {
    super(
      "API_ARTIFACTS_MISSING",
      `Report ${reportId} is proven but its verifying key or settings are not in proving_artifact`,
      { meta: { reportId } },
    );
  }
}
