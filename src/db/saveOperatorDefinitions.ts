import type pg from "pg";
import type { OperatorDefinitions } from "../operators/parseOperatorFile.js";
import { copyRows } from "./copyRows.js";
import { bumpOperatorDefinitionsVersion } from "./syncState.js";
import { withTransaction } from "./withTransaction.js";

export type SaveOperatorDefinitionsParameters = {
  pool: pg.Pool;
  defs: OperatorDefinitions;
  source: string;
  /** pubkey → validator index, as resolved through the beacon node (absent: not yet on chain). */
  resolved: Map<string, number>;
};

export type SaveOperatorDefinitionsReturnType = {
  operators: number;
  labels: number;
  rules: number;
  /** Definitions by validator index (kept for validators not stored yet). */
  indexLabels: number;
  /** Stored validators whose operator the import set. */
  validatorsMapped: number;
};

/**
 * Stores pools, operators, labels (by pubkey and by validator index) and rules, and maps the
 * stored validators they claim, all in one transaction. Labels of validators not stored yet stay
 * stored and apply when ingestion first sees the validator; a running ingester reloads its
 * mapping before its next epoch.
 */
export async function saveOperatorDefinitions({
  pool,
  defs,
  source,
  resolved,
}: SaveOperatorDefinitionsParameters): Promise<SaveOperatorDefinitionsReturnType> {
  return withTransaction(pool, async (client) => {
    for (const p of defs.pools) {
      await client.query(
        `INSERT INTO pool (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`,
        [p.id, p.name, p.kind],
      );
    }
    const ops = defs.operators;
    await client.query(
      `INSERT INTO operator (id, name, pool_id, source) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, pool_id = EXCLUDED.pool_id, source = EXCLUDED.source`,
      [
        ops.map((o) => o.id),
        ops.map((o) => o.name),
        ops.map((o) => o.poolId),
        ops.map(() => source),
      ],
    );
    await client.query(
      `CREATE TEMP TABLE label_stage (pubkey bytea, operator_id text) ON COMMIT DROP`,
    );
    await copyRows(
      client,
      "label_stage",
      ["pubkey", "operator_id"],
      [...defs.labels].map(([pk, id]) => [Buffer.from(pk.slice(2), "hex"), id]),
    );
    await client.query(
      `INSERT INTO operator_label (pubkey, operator_id, source) SELECT pubkey, operator_id, $1 FROM label_stage
       ON CONFLICT (pubkey) DO UPDATE SET operator_id = EXCLUDED.operator_id, source = EXCLUDED.source`,
      [source],
    );
    const indexLabels = [...defs.indices];
    await client.query(
      `INSERT INTO operator_index_label (validator_index, operator_id, source) SELECT i, o, $3 FROM unnest($1::int[], $2::text[]) AS u(i, o)
       ON CONFLICT (validator_index) DO UPDATE SET operator_id = EXCLUDED.operator_id, source = EXCLUDED.source`,
      [indexLabels.map(([i]) => i), indexLabels.map(([, o]) => o), source],
    );
    const rules = [...defs.credentialRules];
    await client.query(
      `INSERT INTO withdrawal_credential_rule (credentials, operator_id, source) SELECT c, o, $3 FROM unnest($1::bytea[], $2::text[]) AS u(c, o)
       ON CONFLICT (credentials) DO UPDATE SET operator_id = EXCLUDED.operator_id, source = EXCLUDED.source`,
      [rules.map(([c]) => Buffer.from(c, "hex")), rules.map(([, o]) => o), source],
    );
    // Map validators already stored: by resolved pubkey labels, by explicit indices, by rules.
    let mapped = 0;
    const byIndex = new Map(defs.indices);
    for (const [pk, index] of resolved) {
      const id = defs.labels.get(pk);
      if (id) byIndex.set(index, id);
    }
    if (byIndex.size > 0) {
      const entries = [...byIndex];
      mapped +=
        (
          await client.query(
            `UPDATE validator v SET operator_id = u.o FROM unnest($1::int[], $2::text[]) AS u(i, o) WHERE v.index = u.i`,
            [entries.map(([i]) => i), entries.map(([, o]) => o)],
          )
        ).rowCount ?? 0;
    }
    if (rules.length > 0) {
      mapped +=
        (
          await client.query(
            `UPDATE validator v SET operator_id = r.operator_id FROM withdrawal_credential_rule r
           WHERE r.source = $1 AND (v.withdrawal_credentials = r.credentials
             OR (get_byte(v.withdrawal_credentials, 0) IN (1, 2) AND substring(v.withdrawal_credentials from 13) = r.credentials))`,
            [source],
          )
        ).rowCount ?? 0;
    }
    await bumpOperatorDefinitionsVersion(client);
    return {
      operators: ops.length,
      labels: defs.labels.size,
      rules: rules.length,
      indexLabels: indexLabels.length,
      validatorsMapped: mapped,
    };
  });
}
