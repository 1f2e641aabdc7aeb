import { parseCsv, type ParseCsvReturnType } from "../common/parseCsv.js";
import { OperatorsError } from "./errors.js";

/** Everything a label file can say, normalised (lowercase 0x hex). */
export type OperatorDefinitions = {
  pools: { id: string; name: string; kind: string }[];
  operators: { id: string; name: string; poolId: string | null }[];
  /** pubkey → operator id */
  labels: Map<string, string>;
  /** 32-byte withdrawal credentials or 20-byte execution address (hex, no 0x) → operator id */
  credentialRules: Map<string, string>;
  /** validator index → operator id */
  indices: Map<number, string>;
};

export type ParseOperatorFileParameters = {
  content: string;
  format: "csv" | "json";
  source: string;
};

const PUBKEY = /^0x[0-9a-f]{96}$/;
const ADDRESS = /^0x[0-9a-f]{40}$/;
const CREDENTIALS = /^0x[0-9a-f]{64}$/;

/**
 * Reads a label file. CSV (quoted fields allowed; header names in any case): a header with
 * `pubkey` and `entity` (or `operator`), optional `pool`
 * and `lido_operator` (the format of public entity-label lists: a Lido node operator becomes
 * operator "lido/<name>" in pool "lido"). JSON: `{pools:[{id,name,kind}], operators:[{id, name,
 * pool, pubkeys, withdrawalAddresses, withdrawalCredentials, validatorIndices}]}`.
 * Every bad line is reported with its line number; nothing is imported from a bad file.
 */
export function parseOperatorFile({
  content,
  format,
  source,
}: ParseOperatorFileParameters): OperatorDefinitions {
  const defs: OperatorDefinitions = {
    pools: [],
    operators: [],
    labels: new Map(),
    credentialRules: new Map(),
    indices: new Map(),
  };
  const operators = new Map<string, { id: string; name: string; poolId: string | null }>();
  const pools = new Map<string, { id: string; name: string; kind: string }>();
  const problems: string[] = [];
  const addOperator = (id: string, name: string, poolId: string | null) => {
    if (!operators.has(id)) operators.set(id, { id, name, poolId });
  };

  if (format === "csv") {
    let csv: ParseCsvReturnType;
    try {
      csv = parseCsv(content);
    } catch (error) {
      throw new OperatorsError("OPERATORS_INVALID_FILE", `${source}: not valid CSV`, {
        cause: error,
        meta: { source },
      });
    }
    const col = (name: string) => csv.header.indexOf(name);
    const iPubkey = col("pubkey");
    const iEntity = col("entity") >= 0 ? col("entity") : col("operator");
    const iPool = col("pool");
    const iLido = col("lido_operator");
    if (iPubkey < 0 || iEntity < 0)
      throw new OperatorsError(
        "OPERATORS_INVALID_FILE",
        `${source}: CSV header needs "pubkey" and "entity" (or "operator") columns`,
        { meta: { source } },
      );
    for (const { cells, line } of csv.rows) {
      const pubkey = (cells[iPubkey] ?? "").toLowerCase();
      const entity = cells[iEntity] ?? "";
      if (!PUBKEY.test(pubkey)) {
        problems.push(`line ${line}: invalid pubkey`);
        continue;
      }
      if (!entity) {
        problems.push(`line ${line}: empty entity`);
        continue;
      }
      const lido = iLido >= 0 ? (cells[iLido] ?? "") : "";
      let operatorId = entity;
      let poolId = iPool >= 0 ? cells[iPool] || null : null;
      if (lido) {
        operatorId = `lido/${lido}`;
        poolId = "lido";
      }
      if (poolId && !pools.has(poolId))
        pools.set(poolId, { id: poolId, name: poolId, kind: "lst" });
      addOperator(operatorId, lido || entity, poolId);
      defs.labels.set(pubkey, operatorId);
    }
  } else {
    let doc: { pools?: unknown; operators?: unknown };
    try {
      doc = JSON.parse(content);
    } catch (error) {
      throw new OperatorsError("OPERATORS_INVALID_FILE", `${source}: not valid JSON`, {
        cause: error,
        meta: { source },
      });
    }
    for (const p of arrayOf(doc.pools)) {
      if (typeof p?.id !== "string") problems.push("a pool has no string id");
      else
        pools.set(p.id, {
          id: p.id,
          name: typeof p.name === "string" ? p.name : p.id,
          kind: typeof p.kind === "string" ? p.kind : "lst",
        });
    }
    for (const [k, o] of arrayOf(doc.operators).entries()) {
      if (typeof o?.id !== "string" || !o.id) {
        problems.push(`operators[${k}]: missing id`);
        continue;
      }
      const poolId = typeof o.pool === "string" ? o.pool : null;
      if (poolId && !pools.has(poolId))
        pools.set(poolId, { id: poolId, name: poolId, kind: "lst" });
      addOperator(o.id, typeof o.name === "string" ? o.name : o.id, poolId);
      for (const pk of arrayOf(o.pubkeys)) {
        const v = String(pk).toLowerCase();
        if (PUBKEY.test(v)) defs.labels.set(v, o.id);
        else problems.push(`operators[${k}]: invalid pubkey ${String(pk).slice(0, 20)}`);
      }
      for (const a of arrayOf(o.withdrawalAddresses)) {
        const v = String(a).toLowerCase();
        if (ADDRESS.test(v)) defs.credentialRules.set(v.slice(2), o.id);
        else problems.push(`operators[${k}]: invalid withdrawal address ${String(a)}`);
      }
      for (const c of arrayOf(o.withdrawalCredentials)) {
        const v = String(c).toLowerCase();
        if (CREDENTIALS.test(v)) defs.credentialRules.set(v.slice(2), o.id);
        else problems.push(`operators[${k}]: invalid withdrawal credentials ${String(c)}`);
      }
      for (const i of arrayOf(o.validatorIndices)) {
        if (Number.isSafeInteger(i) && (i as number) >= 0) defs.indices.set(i as number, o.id);
        else problems.push(`operators[${k}]: invalid validator index ${String(i)}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new OperatorsError(
      "OPERATORS_INVALID_FILE",
      `${source}: ${problems.length} invalid entr${problems.length === 1 ? "y" : "ies"}`,
      {
        details: problems.slice(0, 20).join("; ") + (problems.length > 20 ? "; …" : ""),
        meta: { source, problems },
      },
    );
  }
  defs.pools = [...pools.values()];
  defs.operators = [...operators.values()];
  return defs;
}

// eslint-style any is confined here: JSON input is validated field by field above.
function arrayOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
