import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { checkKeyCache, keyCacheDir } from "./getKeys.js";
import { createKeyStagingDir, publishKeyDir, removeStaleKeyDirs } from "./keyCacheStaging.js";

describe("key cache staging and cleanup", () => {
  const root = mkdtempSync(path.join(tmpdir(), "key-cache-test-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  it("removes staging folders of dead processes and all but the newest quarantined copy", async () => {
    const keysRoot = path.join(root, "cleanup");
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    assert.ok(deadPid > 0);
    const uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const names = [
      "entry",
      `entry.partial-${deadPid}-${uuid}`,
      `entry.partial-${process.pid}-${uuid}`,
      "entry.corrupt-100",
      "entry.corrupt-300",
      "entry.corrupt-200",
      "other.corrupt-50",
    ];
    for (const name of names) {
      mkdirSync(path.join(keysRoot, name), { recursive: true });
      writeFileSync(path.join(keysRoot, name, "pk.key"), "x");
    }
    const { removed } = await removeStaleKeyDirs(keysRoot);
    assert.deepEqual(
      removed.map((d) => path.basename(d)).sort(),
      ["entry.corrupt-100", "entry.corrupt-200", `entry.partial-${deadPid}-${uuid}`].sort(),
    );
    assert.deepEqual(
      readdirSync(keysRoot).sort(),
      [
        "entry",
        "entry.corrupt-300",
        `entry.partial-${process.pid}-${uuid}`,
        "other.corrupt-50",
      ].sort(),
    );
  });

  it("a check while keys are being generated finds them missing and leaves the generator's files", async () => {
    const cacheDir = path.join(root, "live");
    const parameters = { compiled: new Uint8Array([1]), srs: new Uint8Array([2]), cacheDir };
    const dir = keyCacheDir(parameters);
    const staging = await createKeyStagingDir(dir);
    writeFileSync(path.join(staging, "pk.key.tmp"), "half a key");
    assert.deepEqual(await checkKeyCache(parameters), { state: "missing" });
    assert.ok(existsSync(path.join(staging, "pk.key.tmp")), "the live generator's file is kept");
    const keysRoot = path.dirname(dir);
    assert.equal(readdirSync(keysRoot).filter((n) => n.includes(".corrupt-")).length, 0);
  });

  it("publishes a staged entry in one rename, and keeps an entry another process installed first", async () => {
    const dir = path.join(root, "publish", "entry");
    const first = await createKeyStagingDir(dir);
    writeFileSync(path.join(first, "keys.json"), "first");
    const second = await createKeyStagingDir(dir);
    writeFileSync(path.join(second, "keys.json"), "second");
    await publishKeyDir({ staging: first, dir });
    await publishKeyDir({ staging: second, dir });
    assert.deepEqual(readdirSync(path.dirname(dir)), ["entry"]);
    assert.deepEqual(readdirSync(dir), ["keys.json"]);
    assert.equal(readFileSync(path.join(dir, "keys.json"), "utf8"), "first");
  });
});
