import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planOracleDeployment } from "./planOracleDeployment.js";

// The committed circuit and its generated verifier (contracts/generated).
const circuitDir = "circuits/operator-risk-b14-s10";
const owner = "0x00000000000000000000000000000000000000a9";

describe("planOracleDeployment", () => {
  it("pins the circuit's generated verifier and keeps the given owner", () => {
    const plan = planOracleDeployment({
      circuitDir,
      development: false,
      nodeEnv: "production",
      owner,
    });
    assert.equal(plan.owner, owner);
    assert.equal(plan.verifier?.format, "beacon-risk-oracle/verifier@1");
  });

  it("refuses a verifier generated for another SRS", () => {
    assert.throws(
      () =>
        planOracleDeployment({
          circuitDir,
          development: false,
          nodeEnv: "test",
          srsSha256: "00".repeat(32),
        }),
      { code: "ORACLE_INVALID_ARTIFACTS" },
    );
  });

  it("deploys without a verifier only outside production, owned by Hardhat's account #9 unless told", () => {
    const plan = planOracleDeployment({ circuitDir, development: true, nodeEnv: "development" });
    assert.deepEqual(plan, {
      owner: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
      verifier: undefined,
    });
    assert.throws(
      () => planOracleDeployment({ circuitDir, development: true, nodeEnv: "production", owner }),
      {
        code: "PIPELINE_DEPLOY_REFUSED",
        shortMessage: "deploy --development (no verifier) is refused with NODE_ENV=production",
      },
    );
  });

  it("refuses production without an owner, and an owner that is not an address", () => {
    for (const [nodeEnv, given] of [
      ["production", undefined],
      ["production", ""],
      ["test", "0x1234"],
    ] as const) {
      assert.throws(
        () => planOracleDeployment({ circuitDir, development: false, nodeEnv, owner: given }),
        { code: "PIPELINE_DEPLOY_REFUSED" },
        `${nodeEnv} ${given}`,
      );
    }
  });
});
