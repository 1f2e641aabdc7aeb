import type pg from "pg";

/** Validators no label or rule claims form their own group, scored like any operator. */
export const UNLABELLED_OPERATOR = "unlabelled";

/**
 * Validator index → operator, held in memory as one Int32Array of operator ordinals so
 * per-epoch aggregation over a million validators needs no lookups in PostgreSQL.
 * New validators are assigned from index labels first, then pubkey labels, then
 * withdrawal-credential rules.
 */
export type OperatorMapping = {
  readonly operatorIds: readonly string[];
  ordinalOf(index: number): number;
  /** Assigns an operator to a validator not yet mapped and returns its id. */
  assign(index: number, pubkeyHex: string, withdrawalCredentials: Uint8Array): string;
  /** Operators first used by `assign` since the last call (rows to create). */
  takeNewOperators(): string[];
};

export async function loadOperatorMapping(pool: pg.Pool): Promise<OperatorMapping> {
  const operatorIds: string[] = [];
  const ordinals = new Map<string, number>();
  const fresh: string[] = [];
  const ordinalFor = (id: string, isNew: boolean) => {
    let o = ordinals.get(id);
    if (o === undefined) {
      o = operatorIds.length;
      operatorIds.push(id);
      ordinals.set(id, o);
      if (isNew) fresh.push(id);
    }
    return o;
  };

  for (const row of (await pool.query<{ id: string }>("SELECT id FROM operator ORDER BY id")).rows)
    ordinalFor(row.id, false);
  const labels = new Map<string, string>();
  for (const row of (
    await pool.query<{ pubkey: Buffer; operator_id: string }>(
      "SELECT pubkey, operator_id FROM operator_label",
    )
  ).rows) {
    labels.set(`0x${row.pubkey.toString("hex")}`, row.operator_id);
  }
  const indexLabels = new Map<number, string>();
  for (const row of (
    await pool.query<{ validator_index: number; operator_id: string }>(
      "SELECT validator_index, operator_id FROM operator_index_label",
    )
  ).rows) {
    indexLabels.set(row.validator_index, row.operator_id);
  }
  const rules = new Map<string, string>();
  for (const row of (
    await pool.query<{ credentials: Buffer; operator_id: string }>(
      "SELECT credentials, operator_id FROM withdrawal_credential_rule",
    )
  ).rows) {
    rules.set(row.credentials.toString("hex"), row.operator_id);
  }

  let byIndex = new Int32Array(1024).fill(-1);
  const ensure = (n: number) => {
    if (n <= byIndex.length) return;
    const grown = new Int32Array(Math.max(n, byIndex.length * 2)).fill(-1);
    grown.set(byIndex);
    byIndex = grown;
  };
  const { rows } = await pool.query<{ index: number; operator_id: string }>(
    "SELECT index, operator_id FROM validator WHERE operator_id IS NOT NULL",
  );
  for (const row of rows) {
    ensure(row.index + 1);
    byIndex[row.index] = ordinalFor(row.operator_id, false);
  }

  return {
    operatorIds,
    ordinalOf: (index) => (index < byIndex.length ? byIndex[index] : -1),
    assign(index, pubkeyHex, credentials) {
      const creds = Buffer.from(credentials.buffer, credentials.byteOffset, credentials.byteLength);
      // 0x01 / 0x02 credentials end in an execution address; rules may name just the address.
      const address =
        creds[0] === 1 || creds[0] === 2 ? creds.subarray(12).toString("hex") : undefined;
      const id =
        indexLabels.get(index) ??
        labels.get(pubkeyHex.toLowerCase()) ??
        rules.get(creds.toString("hex")) ??
        (address && rules.get(address)) ??
        UNLABELLED_OPERATOR;
      ensure(index + 1);
      byIndex[index] = ordinalFor(id, true);
      return id;
    },
    takeNewOperators: () => fresh.splice(0),
  };
}
