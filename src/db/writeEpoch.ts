import type pg from "pg";
import type { BuiltEpoch } from "./builtEpoch.js";
import { addEpochToDay } from "./addEpochToDay.js";
import { epochAttribution } from "./epochAttribution.js";
import { PACKED_ENCODING, bytesOf } from "./packedEpoch.js";
import { VALIDATOR_COLUMNS, copyValidatorRows } from "./copyValidatorRows.js";
import { withTransaction } from "./withTransaction.js";

export type WriteEpochParameters = {
  pool: pg.Pool;
  built: BuiltEpoch;
  finalizedEpoch: number;
  stateSlot: number;
  operatorIds: readonly string[];
  /** Operator id of each registry row (new or changed validators). */
  operatorOfRow: (index: number) => string;
  newOperators: string[];
  ingestMs: number;
};

export type WriteEpochReturnType = { written: boolean };

/** Above this many registry rows, COPY through a staging table beats a single INSERT. */
const COPY_THRESHOLD = 2_000;

/**
 * Writes one epoch in one transaction: either all of it is stored or none of it, its day's
 * per-validator counts (addEpochToDay) and its validator → operator attribution included. An
 * advisory lock per epoch and the `epoch` row (written last) make a second run a no-op, so
 * a retried or duplicated job changes nothing.
 */
export async function writeEpoch(p: WriteEpochParameters): Promise<WriteEpochReturnType> {
  const { pool, built } = p;
  return withTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1, $2)", [0x0e90c4, built.epoch]);
    const exists = await client.query("SELECT 1 FROM epoch WHERE epoch = $1", [built.epoch]);
    if (exists.rowCount) return { written: false };
    // The day's counts are taken before anything else is written: two epochs of one day wait for
    // each other here, before either holds a lock on the registry the other could need.
    await addEpochToDay({ client, epoch: built.epoch, flags: built.packed.flags });

    if (p.newOperators.length > 0) {
      await client.query(
        `INSERT INTO operator (id, name, source) SELECT id, id, 'ingest' FROM unnest($1::text[]) AS id ON CONFLICT (id) DO NOTHING`,
        [p.newOperators],
      );
    }
    await upsertValidators(client, p);
    if (built.changes.length > 0) {
      await client.query(
        `INSERT INTO validator_change (epoch, validator_index, field, previous, current)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
        [
          built.epoch,
          built.changes.map((c) => c.validatorIndex),
          built.changes.map((c) => c.field),
          built.changes.map((c) => c.previous),
          built.changes.map((c) => c.current),
        ],
      );
    }

    const v = built.packed;
    const attribution = epochAttribution({
      operatorOf: built.operatorOf,
      operatorIds: p.operatorIds,
    });
    await client.query(
      `INSERT INTO epoch_validators (epoch, encoding, count, status, flags, effective_balance, balance,
         reward_source, reward_target, reward_head, reward_inactivity, ideal_rewards, operators, operator_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        built.epoch,
        PACKED_ENCODING,
        v.count,
        bytesOf(v.status),
        bytesOf(v.flags),
        bytesOf(v.effectiveBalanceEth),
        bytesOf(v.balance),
        bytesOf(v.rewardSource),
        bytesOf(v.rewardTarget),
        bytesOf(v.rewardHead),
        bytesOf(v.rewardInactivity),
        JSON.stringify(built.idealRewards),
        bytesOf(attribution.operators),
        attribution.operatorIds,
      ],
    );
    await client.query(
      `INSERT INTO epoch_sync (epoch, slots_with_block, members, participated) VALUES ($1, $2, $3, $4)`,
      [
        built.epoch,
        built.sync.slotsWithBlock,
        bytesOf(built.sync.members),
        bytesOf(built.sync.participated),
      ],
    );

    const pr = built.proposals;
    await client.query(
      `INSERT INTO proposal (slot, epoch, proposer_index, produced, block_root)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::bool[], $5::bytea[]) ON CONFLICT (slot) DO NOTHING`,
      [
        pr.map((x) => x.slot),
        pr.map((x) => x.epoch),
        pr.map((x) => x.proposerIndex),
        pr.map((x) => x.produced),
        pr.map((x) => (x.blockRoot ? Buffer.from(x.blockRoot) : null)),
      ],
    );
    for (const s of built.slashings) {
      await client.query(
        `INSERT INTO slashing (slot, epoch, type, position, offending_indices, evidence)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slot, type, position) DO NOTHING`,
        [s.slot, s.epoch, s.type, s.position, s.offendingIndices, JSON.stringify(s.evidence)],
      );
    }

    const ops = [...built.operators.entries()];
    const col = <T>(f: (a: (typeof ops)[number][1]) => T) => ops.map(([, a]) => f(a));
    await client.query(
      `INSERT INTO operator_epoch (epoch, operator_id, validators, active_validators, effective_balance_gwei, balance_gwei,
         balance_delta_gwei, source_earned, source_ideal, target_earned, target_ideal, head_earned, head_ideal,
         inactivity_penalty, attestation_duties, source_misses, target_misses, head_misses, proposal_duties,
         proposals_produced, sync_duties, sync_participated, newly_slashed, exited_validators)
       SELECT $1, u.* FROM unnest($2::text[], $3::int[], $4::int[], $5::float8[], $6::float8[], $7::float8[],
         $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::int[],
         $16::int[], $17::int[], $18::int[], $19::int[], $20::int[], $21::int[], $22::int[], $23::int[], $24::int[])
         AS u(operator_id, validators, active_validators, effective_balance_gwei, balance_gwei, balance_delta_gwei,
           source_earned, source_ideal, target_earned, target_ideal, head_earned, head_ideal, inactivity_penalty,
           attestation_duties, source_misses, target_misses, head_misses, proposal_duties, proposals_produced,
           sync_duties, sync_participated, newly_slashed, exited_validators)`,
      [
        built.epoch,
        ops.map(([ordinal]) => p.operatorIds[ordinal]),
        col((a) => a.validators),
        col((a) => a.activeValidators),
        col((a) => a.effectiveBalanceGwei),
        col((a) => a.balanceGwei),
        col((a) => a.balanceDeltaGwei),
        col((a) => a.attestations.sourceEarned),
        col((a) => a.attestations.sourceIdeal),
        col((a) => a.attestations.targetEarned),
        col((a) => a.attestations.targetIdeal),
        col((a) => a.attestations.headEarned),
        col((a) => a.attestations.headIdeal),
        col((a) => a.attestations.inactivityPenalty),
        col((a) => a.attestations.duties),
        col((a) => a.attestations.sourceMisses),
        col((a) => a.attestations.targetMisses),
        col((a) => a.attestations.headMisses),
        col((a) => a.proposals.duties),
        col((a) => a.proposals.produced),
        col((a) => a.sync.duties),
        col((a) => a.sync.participated),
        col((a) => a.newlySlashed),
        col((a) => a.exitedValidators),
      ],
    );

    const n = built.network;
    await client.query(
      `INSERT INTO epoch (epoch, finalized_checkpoint_epoch, state_slot, validator_count, active_validators, total_balance_gwei,
         source_earned, source_ideal, target_earned, target_ideal, head_earned, head_ideal, inactivity_penalty,
         attestation_duties, source_misses, target_misses, head_misses, proposal_duties, proposals_produced, sync_duties,
         sync_participated, balance_delta_gwei, effective_balance_gwei, exited_validators, newly_slashed,
         slashing_operations, ingest_ms)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)`,
      [
        built.epoch,
        p.finalizedEpoch,
        p.stateSlot,
        n.validators,
        n.activeValidators,
        n.balanceGwei,
        n.attestations.sourceEarned,
        n.attestations.sourceIdeal,
        n.attestations.targetEarned,
        n.attestations.targetIdeal,
        n.attestations.headEarned,
        n.attestations.headIdeal,
        n.attestations.inactivityPenalty,
        n.attestations.duties,
        n.attestations.sourceMisses,
        n.attestations.targetMisses,
        n.attestations.headMisses,
        n.proposals.duties,
        n.proposals.produced,
        n.sync.duties,
        n.sync.participated,
        n.balanceDeltaGwei,
        n.effectiveBalanceGwei,
        n.exitedValidators,
        n.newlySlashed,
        built.slashings.length,
        p.ingestMs,
      ],
    );
    return { written: true };
  });
}

async function upsertValidators(client: pg.PoolClient, p: WriteEpochParameters): Promise<void> {
  const rows = p.built.registryRows;
  if (rows.length === 0) return;
  const tuple = (r: (typeof rows)[number]) => [
    r.index,
    r.pubkey,
    r.withdrawalCredentials,
    r.status,
    r.slashed,
    r.activationEligibilityEpoch,
    r.activationEpoch,
    r.exitEpoch,
    r.withdrawableEpoch,
    r.effectiveBalanceGwei,
    p.built.epoch,
    p.operatorOfRow(r.index),
  ];
  // Indices are assigned in order and never reused: rows above the highest stored index are new
  // and go straight into the table by COPY, with no conflict check (the first epoch is a million
  // of them). Should another epoch's writer store the same new indices first, the COPY fails on
  // the key and the job is retried against the registry as stored.
  const { rows: top } = await client.query<{ max: number }>(
    "SELECT coalesce(max(index), -1) AS max FROM validator",
  );
  const max = top[0].max;
  const fresh = rows.filter((r) => r.index > max);
  const known = fresh.length >= COPY_THRESHOLD ? rows.filter((r) => r.index <= max) : rows;
  if (fresh.length >= COPY_THRESHOLD) {
    // Into an empty table, sorting once to build each secondary index beats a million random
    // B-tree inserts (48-byte pubkeys): drop them and recreate them from their own definitions.
    // The DDL locks the table until commit; an empty registry has no reader to block.
    const rebuild = max < 0;
    const indexes = rebuild
      ? (
          await client.query<{ name: string; def: string }>(
            `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
              WHERE i.schemaname = current_schema() AND i.tablename = 'validator'
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')`,
          )
        ).rows
      : [];
    // Foreign keys too: checked row by row during the COPY they cost more than the load itself
    // (9.3 s against 3.7 s for a million rows here); added back, they are checked in one join.
    const foreignKeys = rebuild
      ? (
          await client.query<{ name: string; def: string }>(
            `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
              WHERE conrelid = 'validator'::regclass AND contype = 'f'`,
          )
        ).rows
      : [];
    for (const fk of foreignKeys)
      await client.query(`ALTER TABLE validator DROP CONSTRAINT "${fk.name}"`);
    // A million 48-byte keys sort in memory with this; the 64 MB default spills the index builds
    // to disk (1.9 s against 1.05 s for the pubkey index here). For this transaction only.
    if (rebuild) await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    for (const ix of indexes) {
      const unique = await client.query("SELECT 1 FROM pg_constraint WHERE conname = $1", [
        ix.name,
      ]);
      await client.query(
        unique.rowCount
          ? `ALTER TABLE validator DROP CONSTRAINT "${ix.name}"`
          : `DROP INDEX "${ix.name}"`,
      );
    }
    await copyValidatorRows({
      client,
      table: "validator",
      rows: fresh,
      epoch: p.built.epoch,
      operatorOfRow: p.operatorOfRow,
    });
    for (const ix of indexes) await client.query(ix.def);
    for (const fk of foreignKeys)
      await client.query(`ALTER TABLE validator ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  }
  if (known.length === 0) return;
  const update = `ON CONFLICT (index) DO UPDATE SET withdrawal_credentials = EXCLUDED.withdrawal_credentials,
      status = EXCLUDED.status, slashed = EXCLUDED.slashed,
      activation_eligibility_epoch = EXCLUDED.activation_eligibility_epoch, activation_epoch = EXCLUDED.activation_epoch,
      exit_epoch = EXCLUDED.exit_epoch, withdrawable_epoch = EXCLUDED.withdrawable_epoch,
      effective_balance_gwei = EXCLUDED.effective_balance_gwei, updated_epoch = EXCLUDED.updated_epoch`;
  if (known.length >= COPY_THRESHOLD) {
    await client.query(
      `CREATE TEMP TABLE validator_stage (LIKE validator INCLUDING DEFAULTS) ON COMMIT DROP`,
    );
    await copyValidatorRows({
      client,
      table: "validator_stage",
      rows: known,
      epoch: p.built.epoch,
      operatorOfRow: p.operatorOfRow,
    });
    await client.query(
      `INSERT INTO validator (${VALIDATOR_COLUMNS.join(", ")}) SELECT ${VALIDATOR_COLUMNS.join(", ")} FROM validator_stage ${update}`,
    );
    return;
  }
  const tuples = known.map(tuple);
  const columns = VALIDATOR_COLUMNS.map((_, c) => tuples.map((t) => t[c]));
  await client.query(
    `INSERT INTO validator (${VALIDATOR_COLUMNS.join(", ")})
     SELECT * FROM unnest($1::int[], $2::bytea[], $3::bytea[], $4::text[], $5::bool[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int8[], $11::int[], $12::text[])
     ${update}`,
    columns.map((c) => c.map((x) => (x instanceof Uint8Array ? Buffer.from(x) : x))),
  );
}
