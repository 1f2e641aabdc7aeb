import assert from "node:assert/strict";
import { it } from "node:test";
import type { ReportArtifacts } from "../db/index.js";
import { verifyPublishedReport } from "./verifyPublishedReport.js";

it("refuses the artifacts of another report before reading any pin or proof", async () => {
  const artifacts = {
    format: "beacon-risk-oracle/report-artifacts@1",
    reportId: 7,
  } as ReportArtifacts;
  // A circuit directory that does not exist: reaching the pin would throw another error.
  await assert.rejects(
    verifyPublishedReport({
      artifacts,
      reportId: 8,
      pin: { circuitDir: "/nonexistent/circuit" },
      configuredSrsPath: "",
      nodeEnv: "test",
    }),
    { code: "PIPELINE_ARTIFACTS_MISMATCH", shortMessage: "artifacts are for report 7, not 8" },
  );
});
