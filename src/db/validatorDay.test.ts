/**
 * The per-validator day rows against real PostgreSQL: written with each epoch by writeEpoch,
 * counted once per epoch even when written twice or concurrently, and summed by
 * loadScoringInputs over exactly the CSM window's whole days, grouped as the scored epoch's
 * operator_epoch rows were.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createLogger } from "../common/index.js";
import { csmWindowDays, EPOCHS_PER_DAY, type ValidatorDuties } from "../features/index.js";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { waitFor } from "../../test/support/waitFor.js";
import { addEpochToDay } from "./addEpochToDay.js";
import type { BuiltEpoch, SetAggregate } from "./builtEpoch.js";
import { createDb, type Db } from "./createDb.js";
import { emptySetAggregate } from "./emptySetAggregate.js";
import { loadScoringInputs } from "./loadScoringInputs.js";
import {
  FLAG_DUTY,
  FLAG_HEAD_HIT,
  FLAG_SLASHED,
  FLAG_SOURCE_HIT,
  FLAG_TARGET_HIT,
  createPackedEpoch,
} from "./packedEpoch.js";
import { emptyRegistry, type RegistryRow } from "./registrySnapshot.js";
import { writeEpoch } from "./writeEpoch.js";

const logger = createLogger({ level: "silent", pretty: false });
const OPERATORS = ["op-a", "op-b"];
const HIT = FLAG_DUTY | FLAG_SOURCE_HIT | FLAG_TARGET_HIT | FLAG_HEAD_HIT;

/** Varied flags: no duty, a missed source, slashed with a duty, a source hit without a duty, hits. */
function flagsFor(epoch: number, count: number): Uint8Array {
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = (i * 7 + epoch * 13) % 10;
    flags[i] =
      k === 0
        ? 0
        : k === 1
          ? FLAG_DUTY | FLAG_TARGET_HIT
          : k === 2
            ? FLAG_SLASHED | HIT
            : k === 3
              ? FLAG_SOURCE_HIT
              : HIT;
  }
  return flags;
}

/** An epoch as buildEpoch would hand it over, with only what the day rows read set. */
function builtEpoch(
  epoch: number,
  flags: Uint8Array,
  operatorOf: Int32Array,
  registryRows: RegistryRow[] = [],
): BuiltEpoch {
  const packed = createPackedEpoch(flags.length);
  packed.flags.set(flags);
  const operators = new Map<number, SetAggregate>();
  const network = emptySetAggregate(epoch);
  for (let i = 0; i < flags.length; i++) {
    network.validators++;
    const o = operatorOf[i];
    if (o < 0) continue;
    const a = operators.get(o) ?? emptySetAggregate(epoch);
    a.validators++;
    operators.set(o, a);
  }
  return {
    epoch,
    packed,
    idealRewards: [],
    registry: emptyRegistry(),
    registryRows,
    changes: [],
    proposals: [],
    slashings: [],
    sync: { slotsWithBlock: 0, members: new Int32Array(0), participated: new Uint8Array(0) },
    network,
    operatorOf,
    operators,
  };
}

function write(db: Db, built: BuiltEpoch) {
  return writeEpoch({
    pool: db.pool,
    built,
    finalizedEpoch: built.epoch + 2,
    stateSlot: (built.epoch + 1) * 32,
    operatorIds: OPERATORS,
    operatorOfRow: (index) => OPERATORS[built.operatorOf[index]],
    newOperators: OPERATORS,
    ingestMs: 0,
  });
}

/** Validator i belongs to op-a when even, op-b when odd. */
const byParity = (count: number) => Int32Array.from({ length: count }, (_, i) => i % 2);

/** What a day row must hold, counted straight from the flags written. */
function expectedDay(epochs: { flags: Uint8Array }[]) {
  const count = Math.max(...epochs.map((e) => e.flags.length));
  const assigned = new Uint8Array(count);
  const included = new Uint8Array(count);
  for (const { flags } of epochs)
    flags.forEach((f, i) => {
      const duty = (f & FLAG_DUTY) !== 0 && (f & FLAG_SLASHED) === 0;
      if (duty) assigned[i]++;
      if (duty && f & FLAG_SOURCE_HIT) included[i]++;
    });
  return { count, assigned: Buffer.from(assigned), included: Buffer.from(included) };
}

async function dayRow(db: Db, day: number) {
  const { rows } = await db.pool.query<{
    count: number;
    encoding: number;
    epochs: Buffer;
    assigned: Buffer;
    included: Buffer;
  }>("SELECT count, encoding, epochs, assigned, included FROM validator_day WHERE day = $1", [day]);
  assert.equal(rows.length, 1, `one row for day ${day}`);
  return rows[0];
}

/** The epochs of the day whose bits are set, as numbers. */
function countedEpochs(day: number, bitmap: Buffer): number[] {
  const out: number[] = [];
  for (let k = 0; k < EPOCHS_PER_DAY; k++)
    if (bitmap[k >> 3] & (1 << (k & 7))) out.push(day * EPOCHS_PER_DAY + k);
  return out;
}

describe("validator day rows written with each epoch", () => {
  let database: TestDatabase;
  let db: Db;

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
  });

  after(async () => {
    await db?.close();
    await database?.drop();
  });

  // Epochs 223 and 224 end day 0, 225 and 226 start day 1. Validator 40 joins at 225 (the
  // day's first epoch), 41 at 226 (mid-day); validator 5 misses its source in every epoch.
  const written = [223, 224, 225, 226].map((epoch) => {
    const count = epoch < 225 ? 40 : epoch === 225 ? 41 : 42;
    const flags = flagsFor(epoch, count);
    flags[5] = FLAG_DUTY | FLAG_TARGET_HIT;
    return { epoch, flags };
  });

  it("counts each validator's duties and source hits per day, across a day boundary", async () => {
    for (const e of written) {
      const r = await write(db, builtEpoch(e.epoch, e.flags, byParity(e.flags.length)));
      assert.equal(r.written, true);
    }
    for (const day of [0, 1]) {
      const epochs = written.filter((e) => Math.floor(e.epoch / EPOCHS_PER_DAY) === day);
      assert.equal(epochs.length, 2);
      const want = expectedDay(epochs);
      const row = await dayRow(db, day);
      assert.equal(row.encoding, 1);
      assert.equal(row.count, want.count);
      assert.deepEqual(row.assigned, want.assigned);
      assert.deepEqual(row.included, want.included);
      assert.deepEqual(
        countedEpochs(day, row.epochs),
        epochs.map((e) => e.epoch),
      );
    }
    // The joiners, both with a duty whenever present: 40 in both epochs of day 1, 41 in one.
    const day1 = await dayRow(db, 1);
    assert.equal((await dayRow(db, 0)).count, 40);
    assert.deepEqual([day1.count, day1.assigned[40], day1.assigned[41]], [42, 2, 1]);
    // The validator that always misses: assigned every epoch, never included.
    assert.deepEqual([day1.assigned[5], day1.included[5]], [2, 0]);
    // Slashed-with-a-duty and source-without-a-duty validators are in these flags, so the rule
    // that leaves them out was exercised.
    const all = written.flatMap((e) => [...e.flags]);
    assert.ok(all.filter((f) => f & FLAG_SLASHED && f & FLAG_DUTY).length > 0);
    assert.ok(all.filter((f) => f & FLAG_SOURCE_HIT && !(f & FLAG_DUTY)).length > 0);
  });

  it("counts an epoch written twice once", async () => {
    const before = await dayRow(db, 1);
    const again = await write(db, builtEpoch(226, written[3].flags, byParity(42)));
    assert.equal(again.written, false);
    assert.deepEqual(await dayRow(db, 1), before);
    // The day row's own guard, below writeEpoch's: the epoch's bit is set, so it is not added.
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      const r = await addEpochToDay({ client, epoch: 226, flags: written[3].flags });
      assert.equal(r.counted, false);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    assert.deepEqual(await dayRow(db, 1), before);
  });

  it("adds two epochs of one day written at the same time, one after the other", async () => {
    // Deterministic interleaving: the first epoch's transaction stays open until the second
    // writer is seen waiting on a lock, so without the day lock the second would read no row,
    // then overwrite the first's counts with its own when the first commits.
    const first = { epoch: 450, flags: flagsFor(450, 30) };
    const second = { epoch: 451, flags: flagsFor(451, 31) };
    const a = await db.pool.connect();
    const b = await db.pool.connect();
    try {
      const bPid = (await b.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      await a.query("BEGIN");
      assert.deepEqual(await addEpochToDay({ client: a, ...first }), { counted: true });
      await b.query("BEGIN");
      const pending = addEpochToDay({ client: b, ...second });
      await waitFor(
        async () =>
          (
            await db.pool.query(
              "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
              [bPid],
            )
          ).rowCount === 1,
        { what: "the second writer waiting on a lock" },
      );
      await a.query("COMMIT");
      assert.deepEqual(await pending, { counted: true });
      await b.query("COMMIT");
    } finally {
      a.release();
      b.release();
    }
    const want = expectedDay([first, second]);
    const row = await dayRow(db, 2);
    assert.deepEqual([row.count, row.assigned, row.included], [31, want.assigned, want.included]);
    assert.deepEqual(countedEpochs(2, row.epochs), [450, 451]);

    // And through writeEpoch, both epochs' whole transactions at once.
    const third = { epoch: 452, flags: flagsFor(452, 31) };
    const fourth = { epoch: 453, flags: flagsFor(453, 32) };
    const results = await Promise.all(
      [third, fourth].map((e) => write(db, builtEpoch(e.epoch, e.flags, byParity(e.flags.length)))),
    );
    assert.deepEqual(
      results.map((r) => r.written),
      [true, true],
    );
    const all = expectedDay([first, second, third, fourth]);
    const after = await dayRow(db, 2);
    assert.deepEqual([after.assigned, after.included], [all.assigned, all.included]);
    assert.deepEqual(countedEpochs(2, after.epochs), [450, 451, 452, 453]);
  });
});

describe("loadScoringInputs' per-validator duties over the CSM window's whole days", () => {
  let database: TestDatabase;
  let db: Db;
  const AT = 30 * EPOCHS_PER_DAY + 100; // 6850: its 30-day window starts at 101, inside day 0
  const COUNT = 24;
  const MOVED = 3; // op-b's at AT, op-a's from AT + 1 (an operator import in between)
  // Day 0 is partly inside the 30-day window (150) and partly before it (50); day 30 holds AT.
  const EPOCHS = [50, 150, 225, 3400, 6749, 6800, AT, AT + 1];
  const flagsOf = new Map(
    EPOCHS.map((e) => [e, flagsFor(e, e < 3000 ? COUNT - 4 : COUNT)] as const),
  );
  const attributionAt = (epoch: number) => {
    const a = byParity(flagsOf.get(epoch)!.length);
    if (epoch > AT) a[MOVED] = 0;
    return a;
  };
  const sumsOver = (epochs: number[]) =>
    expectedDay(epochs.map((e) => ({ flags: flagsOf.get(e)! })));

  before(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, logger });
    // The registry as the first epoch found it; the import below moves validator MOVED.
    const registryRows: RegistryRow[] = Array.from({ length: COUNT }, (_, index) => ({
      index,
      pubkey: new Uint8Array(48).fill(index + 1),
      withdrawalCredentials: new Uint8Array(32),
      status: "active_ongoing",
      slashed: false,
      activationEligibilityEpoch: 0,
      activationEpoch: 0,
      exitEpoch: null,
      withdrawableEpoch: null,
      effectiveBalanceGwei: 32e9,
    }));
    for (const epoch of EPOCHS) {
      const flags = flagsOf.get(epoch)!;
      const rows = epoch === EPOCHS[0] ? registryRows.slice(0, flags.length) : [];
      const r = await write(db, builtEpoch(epoch, flags, attributionAt(epoch), rows));
      assert.equal(r.written, true);
      // What `operators import` does between AT and AT + 1 (saveOperatorDefinitions).
      if (epoch === AT)
        await db.pool.query("UPDATE validator SET operator_id = 'op-a' WHERE index = $1", [MOVED]);
    }
  });

  after(async () => {
    await db?.close();
    await database?.drop();
  });

  /** Sums straight from the flags of the stored epochs in csmWindowDays, grouped by the epoch's attribution. */
  function expectedDuties(atEpoch: number) {
    const { fromDay, toDay } = csmWindowDays(atEpoch);
    const inDays = EPOCHS.filter((e) => {
      const d = Math.floor(e / EPOCHS_PER_DAY);
      return d >= fromDay && d <= toDay;
    });
    const operatorOf = attributionAt(atEpoch);
    const sums = sumsOver(inDays);
    const out = new Map<string, ValidatorDuties[]>();
    for (let i = 0; i < operatorOf.length; i++) {
      const id = OPERATORS[operatorOf[i]];
      const list = out.get(id) ?? [];
      list.push({ assigned: sums.assigned[i] ?? 0, included: sums.included[i] ?? 0 });
      out.set(id, list);
    }
    return { out, inDays };
  }

  it("sums exactly the whole days of the window, grouped as the epoch's operator_epoch rows", async () => {
    assert.deepEqual(csmWindowDays(AT), { fromDay: 1, toDay: 29 });
    const { out, inDays } = expectedDuties(AT);
    assert.deepEqual(inDays, [225, 3400, 6749]);
    const inputs = await loadScoringInputs({ pool: db.pool, atEpoch: AT });
    assert.deepEqual(inputs.validatorDuties, out);
    // Epochs 150 (day 0, inside the 30-day window) and 6800 (day 30) are left out: with them
    // the sums would differ.
    assert.notDeepEqual(sumsOver([150, ...inDays, 6800]).assigned, sumsOver(inDays).assigned);
    // One entry per validator operator_epoch counted at AT, for each operator.
    const { rows } = await db.pool.query<{ operator_id: string; validators: number }>(
      "SELECT operator_id, validators FROM operator_epoch WHERE epoch = $1 ORDER BY operator_id",
      [AT],
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((r) => [r.operator_id, r.validators]),
      OPERATORS.map((id) => [id, inputs.validatorDuties.get(id)?.length]),
    );
  });

  it("keeps the scored epoch's attribution after validator.operator_id has changed", async () => {
    const { rows } = await db.pool.query<{ operator_id: string }>(
      "SELECT operator_id FROM validator WHERE index = $1",
      [MOVED],
    );
    assert.equal(rows[0].operator_id, "op-a");
    const at = await loadScoringInputs({ pool: db.pool, atEpoch: AT });
    assert.equal(at.validatorDuties.get("op-b")?.length, COUNT / 2);
    const next = await loadScoringInputs({ pool: db.pool, atEpoch: AT + 1 });
    assert.deepEqual(next.validatorDuties, expectedDuties(AT + 1).out);
    assert.equal(next.validatorDuties.get("op-b")?.length, COUNT / 2 - 1);
  });

  it("refuses a window whose days miss a stored epoch, or an epoch without attribution", async () => {
    // An epoch stored without its day counted, as one ingested before validator_day existed.
    await db.pool.query(
      `INSERT INTO epoch SELECT (jsonb_populate_record(NULL::epoch, to_jsonb(e) || '{"epoch": 3401}')).*
       FROM epoch e WHERE epoch = 3400`,
    );
    await assert.rejects(loadScoringInputs({ pool: db.pool, atEpoch: AT }), {
      code: "DB_VALIDATOR_DAYS_INCOMPLETE",
      meta: { day: 15, counted: 1, ingested: 2 },
    });
    await db.pool.query("DELETE FROM epoch WHERE epoch = 3401");
    await db.pool.query("UPDATE epoch_validators SET operators = NULL WHERE epoch = $1", [AT]);
    await assert.rejects(loadScoringInputs({ pool: db.pool, atEpoch: AT }), {
      code: "DB_EPOCH_ATTRIBUTION_MISSING",
    });
  });
});
