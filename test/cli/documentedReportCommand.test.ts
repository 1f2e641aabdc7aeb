import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { settings } from "../../src/config/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { seedApi } from "../support/seedApi.js";
import pg from "pg";

const run = promisify(execFile);

/** Every `npm run cli -- report …` the README, docs/ and the settings' descriptions tell users to run. */
function documentedReportCommands(): string[] {
  const texts = [
    readFileSync("README.md", "utf8"),
    ...readdirSync("docs")
      .filter((f) => f.endsWith(".md"))
      .map((f) => readFileSync(`docs/${f}`, "utf8")),
  ];
  texts.push(...Object.values(settings).map((s) => s.description));
  // `report retry ID` is another command (a failed report tried again), tested in test/pipeline.
  return texts
    .flatMap((t) => [...t.matchAll(/npm run cli -- (report[^`|\n]*)/g)].map((m) => m[1].trim()))
    .filter((c) => !c.startsWith("report retry"));
}

describe("the documented report command", () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: database.url });
    await seedApi(pool);
    await pool.end();
  });
  after(async () => {
    await database?.drop();
  });

  it("is found in the docs, and each documented form creates the reports of a scored epoch", async () => {
    const commands = documentedReportCommands();
    assert.ok(commands.length >= 2, `found ${commands.length} documented report commands`);
    for (const command of new Set(commands)) {
      // The placeholder (E, EPOCH) becomes epoch 150, which the seed scored.
      const args = command.split(/\s+/).map((a) => (/^(E|EPOCH)$/.test(a) ? "150" : a));
      const { stdout } = await run("npx", ["tsx", "src/bin/cli.ts", ...args], {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          LOG_LEVEL: "error",
          LOG_PRETTY: "false",
        },
      }).catch((error: { code: number; stderr: string }) =>
        assert.fail(`\`${command}\` exited with ${error.code}: ${error.stderr}`),
      );
      const answer = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
        epoch: number;
        reportIds: number[];
      };
      assert.equal(answer.epoch, 150, command);
      assert.ok(Array.isArray(answer.reportIds), command);
    }
  });
});
