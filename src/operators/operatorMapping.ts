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
  assign(index: number, pubkey: Uint8Array, withdrawalCredentials: Uint8Array): string;
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
    assign(index, pubkey, credentials) {
      // The first epoch assigns a million validators: hex keys are built only for a map that has
      // entries (pubkey labels are usually few or none).
      const id =
        indexLabels.get(index) ??
        (labels.size > 0 ? labels.get(`0x${hexOf(pubkey)}`) : undefined) ??
        (rules.size > 0 ? ruleFor(credentials) : undefined) ??
        UNLABELLED_OPERATOR;
      ensure(index + 1);
      byIndex[index] = ordinalFor(id, true);
      return id;
    },
    takeNewOperators: () => fresh.splice(0),
  };

  function ruleFor(credentials: Uint8Array): string | undefined {
    const creds = bytesOf(credentials);
    // 0x01 / 0x02 credentials end in an execution address; rules may name just the address.
    return (
      rules.get(creds.toString("hex")) ??
      (creds[0] === 1 || creds[0] === 2 ? rules.get(creds.subarray(12).toString("hex")) : undefined)
    );
  }
}

function bytesOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lower-case hex, as the label map's keys are. */
function hexOf(bytes: Uint8Array): string {
  return bytesOf(bytes).toString("hex");
}
