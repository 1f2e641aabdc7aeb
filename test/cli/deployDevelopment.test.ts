import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);

it("cli deploy --development (an oracle without a verifier) is refused with NODE_ENV=production", async () => {
  const result = await run(
    "npx",
    [
      "tsx",
      "src/bin/cli.ts",
      "deploy",
      "--attesters",
      "0x00000000000000000000000000000000000000a1",
      "--threshold",
      "1",
      "--development",
    ],
    {
      // The project's own (non-Hardhat) key: production refuses Hardhat's before anything runs.
      env: {
        ...process.env,
        NODE_ENV: "production",
        POSTER_PRIVATE_KEY: `0x${"3c".repeat(32)}`,
        LOG_LEVEL: "error",
        LOG_PRETTY: "false",
      },
    },
  ).then(
    () => assert.fail("deploy --development succeeded in production"),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  assert.equal(result.code, 1);
  assert.match(
    result.stdout + result.stderr,
    /deploy --development \(no verifier\) is refused with NODE_ENV=production/,
  );
});
