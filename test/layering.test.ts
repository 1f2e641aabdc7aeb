/**
 * The layer rules of docs/structure.md, held by a test rather than by comments: it reads the
 * imports of src/ (scripts/folderGraph.ts) and fails on an import that crosses a layer the wrong
 * way. In the style of Ponder's layering.test.ts.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { folderGraph, type SourceImport } from "../scripts/folderGraph.js";

const graph = folderGraph();
const withTests = folderGraph({ dirs: ["src", "test", "bench"], includeTests: true });

const folderOf = (file: string) => file.split("/")[1];
const isPackage = (i: SourceImport, name: string) =>
  i.specifier === name || i.specifier.startsWith(`${name}/`);
const show = (list: SourceImport[]) => list.map((i) => `${i.file}: ${i.specifier}`);

test("the graph reads the imports of src/ (a test over nothing cannot fail)", () => {
  assert.ok(graph.imports.length > 500, `only ${graph.imports.length} imports read`);
  assert.ok(graph.edges.size > 40, `only ${graph.edges.size} folder edges`);
});

test("fastify is imported only by the HTTP layers (src/api, src/attester, src/bin)", () => {
  const found = graph.imports.filter(
    (i) => isPackage(i, "fastify") || i.specifier.startsWith("@fastify/"),
  );
  assert.ok(found.length > 0, "no fastify import found: the rule reads nothing");
  // src/attester serves POST /v1/attest: an HTTP surface like src/api.
  assert.deepEqual(
    show(found.filter((i) => !["api", "attester", "bin"].includes(folderOf(i.file)))),
    [],
  );
});

test("bullmq is imported only by the queue adapter (src/queue) and src/bin", () => {
  const found = graph.imports.filter((i) => isPackage(i, "bullmq"));
  assert.ok(found.length > 0, "no bullmq import found: the rule reads nothing");
  assert.deepEqual(show(found.filter((i) => !["queue", "bin"].includes(folderOf(i.file)))), []);
});

test("nothing outside src/bin imports src/bin (sources, tests and benches)", () => {
  const found = withTests.imports.filter(
    (i) => i.folder === "bin" && !i.file.startsWith("src/bin/"),
  );
  assert.ok(
    withTests.imports.some((i) => i.file.startsWith("src/bin/")),
    "no import of src/bin read: the rule reads nothing",
  );
  assert.deepEqual(show(found), []);
});

test("src/features does no I/O: no fs, pg, ioredis, net, http, child_process or fetch", () => {
  const io = [
    "fs",
    "fs/promises",
    "pg",
    "pg-copy-streams",
    "ioredis",
    "net",
    "http",
    "https",
    "child_process",
  ];
  const features = graph.imports.filter((i) => i.file.startsWith("src/features/"));
  assert.ok(features.length > 10, `only ${features.length} imports read in src/features`);
  const bad = features.filter((i) => io.some((m) => isPackage(i, m) || isPackage(i, `node:${m}`)));
  assert.deepEqual(show(bad), []);
  const fetching = [...new Set(features.map((i) => i.file))].filter((f) =>
    /\bfetch\s*\(/.test(readFileSync(f, "utf8")),
  );
  assert.deepEqual(fetching, []);
});

test("src/api reads PostgreSQL only: no beacon client, no viem", () => {
  const api = graph.imports.filter((i) => i.file.startsWith("src/api/"));
  assert.ok(api.length > 50, `only ${api.length} imports read in src/api`);
  assert.deepEqual(show(api.filter((i) => i.folder === "beacon" || isPackage(i, "viem"))), []);
});

test("Prisma is the migration tool only: no Prisma client in src/ (every query is SQL in src/db)", () => {
  const found = graph.imports.filter(
    (i) => isPackage(i, "@prisma/client") || isPackage(i, "@prisma/adapter-pg"),
  );
  assert.deepEqual(show(found), []);
});

test("no folder-level cycle in src/", () => {
  assert.deepEqual(graph.cycles, []);
});

test("the cycle check finds a cycle where there is one", () => {
  const root = mkdtempSync(join(tmpdir(), "layering-"));
  try {
    for (const [folder, other] of [
      ["a", "b"],
      ["b", "a"],
      ["c", "a"],
    ]) {
      mkdirSync(join(root, "src", folder), { recursive: true });
      writeFileSync(
        join(root, "src", folder, "x.ts"),
        `import type { T } from "../${other}/x.js";\nexport type T = T;\n`,
      );
    }
    const { edges, cycles } = folderGraph({ root });
    assert.equal(edges.size, 3);
    assert.deepEqual(cycles, [["a", "b"]]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
