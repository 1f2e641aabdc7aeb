import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { sharedPath, skipUnlessShared } from "../../test/support/shared.js";
import { parseOperatorFile } from "./parseOperatorFile.js";

const pk = (n: number) => `0x${n.toString(16).padStart(96, "0")}`;

describe("parseOperatorFile", () => {
  it("maps CSV entities, and Lido node operators into the lido pool", () => {
    const content = `pubkey,entity,lido_operator,source_file\n${pk(1)},kraken,,x\n${pk(2)},lido,Stakefish,y\n${pk(3).toUpperCase().replace("0X", "0x")},kraken,,x\n`;
    const defs = parseOperatorFile({ content, format: "csv", source: "t.csv" });
    assert.equal(defs.labels.get(pk(1)), "kraken");
    assert.equal(defs.labels.get(pk(2)), "lido/Stakefish");
    assert.equal(defs.labels.get(pk(3)), "kraken", "pubkeys are normalised to lowercase");
    assert.deepEqual(
      defs.pools.map((p) => p.id),
      ["lido"],
    );
    assert.deepEqual(defs.operators.find((o) => o.id === "lido/Stakefish")?.poolId, "lido");
  });

  it("reads quoted CSV fields: an entity with a comma or quotes, a header in any case", () => {
    const content = `"Pubkey",ENTITY,Pool\r\n${pk(1)},"Acme, Inc.",\r\n${pk(2)},"the ""big"" one","pool, one"\r\n`;
    const defs = parseOperatorFile({ content, format: "csv", source: "q.csv" });
    assert.equal(defs.labels.size, 2);
    assert.equal(defs.labels.get(pk(1)), "Acme, Inc.");
    assert.equal(defs.labels.get(pk(2)), 'the "big" one');
    assert.deepEqual(
      defs.pools.map((p) => p.id),
      ["pool, one"],
    );
    assert.throws(
      () =>
        parseOperatorFile({
          content: `pubkey,entity\n${pk(1)},"unclosed\n`,
          format: "csv",
          source: "u.csv",
        }),
      { code: "OPERATORS_INVALID_FILE", message: /u\.csv: not valid CSV/ },
    );
  });

  it("reads JSON operators with pubkeys, addresses, credentials and indices", () => {
    const content = JSON.stringify({
      pools: [{ id: "p", name: "Pool", kind: "lrt" }],
      operators: [
        {
          id: "a",
          pool: "p",
          pubkeys: [pk(9)],
          withdrawalAddresses: ["0x" + "ab".repeat(20)],
          withdrawalCredentials: ["0x01" + "00".repeat(11) + "cd".repeat(20)],
          validatorIndices: [7],
        },
      ],
    });
    const defs = parseOperatorFile({ content, format: "json", source: "t.json" });
    assert.equal(defs.labels.get(pk(9)), "a");
    assert.equal(defs.credentialRules.get("ab".repeat(20)), "a");
    assert.equal(defs.credentialRules.get("01" + "00".repeat(11) + "cd".repeat(20)), "a");
    assert.equal(defs.indices.get(7), "a");
    assert.equal(defs.pools[0].kind, "lrt");
  });

  it("refuses a file with bad entries, naming the lines, and imports nothing", () => {
    const content = `pubkey,entity\n${pk(1)},a\nnot-a-key,b\n${pk(2)},\n`;
    assert.throws(
      () => parseOperatorFile({ content, format: "csv", source: "bad.csv" }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, "OPERATORS_INVALID_FILE");
        assert.match(e.message, /line 3: invalid pubkey/);
        assert.match(e.message, /line 4: empty entity/);
        return true;
      },
    );
    assert.throws(
      () => parseOperatorFile({ content: "{oops", format: "json", source: "bad.json" }),
      /not valid JSON/,
    );
    assert.throws(
      () => parseOperatorFile({ content: "a,b\n1,2", format: "csv", source: "h.csv" }),
      /header needs/,
    );
  });

  const LABELS = ["data", "alrevuelta_eth_deposits_pubkey_entity_labels.csv"];
  it(
    "accepts the public entity-label list format (283k mainnet rows)",
    skipUnlessShared(...LABELS),
    () => {
      const content = readFileSync(sharedPath(...LABELS)!, "utf8");
      const defs = parseOperatorFile({ content, format: "csv", source: "labels.csv" });
      // Some pubkeys are listed by several source files: one label each (the last wins).
      const unique = new Set(
        content
          .trim()
          .split("\n")
          .slice(1)
          .map((line) => line.split(",")[0].toLowerCase()),
      );
      assert.equal(defs.labels.size, unique.size);
      assert.ok(unique.size > 250_000);
      const lido = defs.operators.filter((o) => o.poolId === "lido");
      assert.ok(lido.length >= 20, `lido operators: ${lido.length}`);
      assert.ok(defs.operators.length > 60);
    },
  );
});
