import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_PREFIX, PROBLEMS } from "../../src/api/index.js";
import { apiTestApp, type ApiTestApp } from "../support/apiTestApp.js";

const SCHEMATHESIS = resolve(".venv/bin/schemathesis");
/** Bounds of the run: test cases per operation, and a time budget for the whole run. */
const MAX_EXAMPLES = 25;
const MAX_SECONDS = 120;

type HarEntry = {
  request: { method: string; url: string };
  response: {
    status: number;
    headers: { name: string; value: string }[];
    content: { text?: string; encoding?: string };
  };
};

/**
 * schemathesis (PyPI, python/requirements-test.txt) generates valid and invalid requests from the
 * API's own OpenAPI document at /docs/json and sends them to the real API on the seeded database.
 * Its checks fail the run on any 5xx, an answer that does not match its documented schema, status
 * or content type, or an invalid request that is accepted; the test then reads every exchange
 * from the HAR report and checks each problem+json body itself.
 */
describe("REST API fuzzing with schemathesis", {
  skip: !existsSync(SCHEMATHESIS) && "schemathesis is not installed (scripts/ensure-python.sh)",
}, () => {
  let t: ApiTestApp;
  let base: string;
  let dir: string;
  before(async () => {
    t = await apiTestApp({ env: { API_RATE_LIMIT_MAX: "0" } });
    // Ingestion caught up (finalized 151, stored 150), so /ready answers 200: a 503 there is by design, not a failure.
    await t.db.pool.query(
      `INSERT INTO sync_state (key, value, updated_at) VALUES ('finalized_head', $1, now())`,
      [JSON.stringify({ finalizedEpoch: 151, seenAt: "2026-01-01T00:00:00Z" })],
    );
    base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    dir = await mkdtemp(join(tmpdir(), "oracle-fuzz-"));
  });
  after(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("answers every generated request without a 5xx, as documented, with well-formed problems", async (ctx) => {
    const har = join(dir, "run.har");
    const { code, output } = await run(
      SCHEMATHESIS,
      [
        "run",
        `${base}/docs/json`,
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection",
        "--max-examples",
        String(MAX_EXAMPLES),
        "--max-time",
        String(MAX_SECONDS),
        "--seed",
        "15",
        "--workers",
        "1",
        "--no-shrink",
        "--report",
        "har",
        "--report-har-path",
        har,
      ],
      dir,
    );
    assert.equal(code, 0, `schemathesis found failures:\n${output.slice(-20000)}`);

    const entries = (JSON.parse(await readFile(har, "utf8")) as { log: { entries: HarEntry[] } })
      .log.entries;
    // Each request's operation: its method and the documented path template it matches.
    const paths = Object.keys(
      (await t.app.inject({ method: "GET", url: "/docs/json" })).json().paths as Record<
        string,
        unknown
      >,
    );
    const templates = paths.map((p) => ({
      p,
      re: new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
    // (schemathesis also tries undocumented methods on every path: those are not operations.)
    const operations = new Set(
      entries
        .filter((e) => e.request.method === "GET")
        .map(
          (e) =>
            templates.find((x) => x.re.test(new URL(e.request.url).pathname))?.p ??
            "(undocumented)",
        ),
    );
    assert.ok(!operations.has("(undocumented)"), "a GET to an undocumented path");
    // Every documented route was exercised, many times over.
    assert.ok(entries.length >= 300, `only ${entries.length} requests were sent`);
    assert.equal(
      operations.size,
      paths.length,
      `${operations.size} of ${paths.length} documented operations were exercised`,
    );

    const serverErrors = entries.filter((e) => e.response.status >= 500);
    assert.deepEqual(
      serverErrors.map((e) => `${e.request.method} ${e.request.url} -> ${e.response.status}`),
      [],
    );

    let problems = 0;
    for (const e of entries) {
      const type =
        e.response.headers.find((h) => h.name.toLowerCase() === "content-type")?.value ?? "";
      if (e.response.status < 400) continue;
      assert.ok(
        type.startsWith(PROBLEM_CONTENT_TYPE),
        `${e.request.url} -> ${e.response.status} is ${type}, not problem+json`,
      );
      const text =
        e.response.content.encoding === "base64"
          ? Buffer.from(e.response.content.text ?? "", "base64").toString("utf8")
          : (e.response.content.text ?? "");
      const body = JSON.parse(text) as Record<string, unknown>;
      const kind = String(body.type).slice(PROBLEM_TYPE_PREFIX.length) as keyof typeof PROBLEMS;
      assert.ok(
        String(body.type).startsWith(PROBLEM_TYPE_PREFIX) && kind in PROBLEMS,
        `unknown problem type ${String(body.type)}`,
      );
      assert.equal(body.status, e.response.status);
      assert.equal(body.title, PROBLEMS[kind].title);
      assert.equal(typeof body.detail, "string");
      assert.ok((body.detail as string).length > 0);
      assert.equal(body.instance, new URL(e.request.url).pathname + new URL(e.request.url).search);
      problems++;
    }
    assert.ok(
      problems >= 50,
      `only ${problems} problem answers: the invalid requests did not reach the API`,
    );
    ctx.diagnostic(
      `schemathesis sent ${entries.length} requests to ${operations.size} operations; ${problems} problem+json answers, 0 server errors`,
    );
  });
});

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Run from a temporary directory: schemathesis keeps its example database (.schemathesis/) in the working directory.
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
