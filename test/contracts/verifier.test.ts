import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  CODE_SIZE_LIMIT,
  differingFiles,
  generateVerifier,
  verifierDir,
  verifierSrsPath,
} from "../../scripts/generateVerifier.js";
import { loadCircuitVerifier } from "../../src/chain/index.js";

const python = ".venv/bin/python";
const skip = !existsSync(python)
  ? "no .venv (scripts/ensure-python.sh): native ezkl is needed to generate the verifier"
  : process.env.EZKL_SRS_PATH
    ? "EZKL_SRS_PATH is set: the committed verifiers are for the development SRS"
    : false;
const circuits = readdirSync("circuits").map((name) => path.join("circuits", name));

describe("generated Halo2 verifiers (contracts/generated)", () => {
  it("exist for every committed circuit, match it, and fit the code size limit", () => {
    assert.ok(circuits.length > 0);
    for (const circuitDir of circuits) {
      const { manifest, pinned } = loadCircuitVerifier({ circuitDir });
      assert.ok(
        manifest.verifier.deployedBytes > 0 && manifest.verifier.deployedBytes <= CODE_SIZE_LIMIT,
        `${circuitDir}: ${manifest.verifier.deployedBytes} bytes`,
      );
      assert.equal(pinned.logrows, manifest.srs.k);
      assert.match(manifest.solc, /^0\.8\.20\+/);
    }
  });

  it("regenerate byte for byte with native ezkl and solc-js 0.8.20 (`npm run contracts:verifier`)", {
    skip,
  }, async () => {
    for (const circuitDir of circuits) {
      const { files } = await generateVerifier({
        circuitDir,
        srsPath: await verifierSrsPath(circuitDir),
        outDir: verifierDir(circuitDir),
      });
      assert.ok(files.size >= 3);
      assert.deepEqual(differingFiles(files), [], `${circuitDir}: run npm run contracts:verifier`);
    }
  });
});
