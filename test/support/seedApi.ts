import { createHash } from "node:crypto";
import type pg from "pg";
import { FEATURE_SPECS, FEATURE_VERSION } from "../../src/features/index.js";
import {
  FLAG_DUTY,
  FLAG_HEAD_HIT,
  FLAG_SLASHED,
  FLAG_SOURCE_HIT,
  FLAG_TARGET_HIT,
} from "../../src/db/packedEpoch.js";

/**
 * A small, hand-written world for the REST API tests, inserted with SQL into the real tables:
 * three scoring runs of five operators in three pools, three ingested epochs with packed
 * per-validator arrays, slashings, and reports in every state with their proving artifacts.
 * The API tests assert these exact values.
 */
export const SEED = {
  scoredEpochs: [100, 125, 150],
  /**
   * Posted scores (expected 30-day loss, bp of stake, 0..100) per operator at each scored epoch;
   * op-e is never scored. At every epoch op-c < op-a < op-b < op-d, each operator's score rises
   * with the epoch, and op-b is at or above the pool tail threshold (10 bp) where op-a is below.
   */
  scores: {
    "op-a": { 100: 4, 125: 5, 150: 6 },
    "op-b": { 100: 19, 125: 23, 150: 27 },
    "op-c": { 100: 1, 125: 2, 150: 3 },
    "op-d": { 100: 60, 125: 75, 150: 90 },
  } as Record<string, Record<number, number>>,
  /** P(severe loss in 30 days) per operator and epoch, in the same order as the scores. */
  probabilities: {
    "op-a": { 100: 0.01, 125: 0.011, 150: 0.012 },
    "op-b": { 100: 0.08, 125: 0.085, 150: 0.09 },
    "op-c": { 100: 0.0035, 125: 0.004, 150: 0.0045 },
    "op-d": { 100: 0.25, 125: 0.3, 150: 0.33 },
  } as Record<string, Record<number, number>>,
  /** The grade is a band of the probability (GRADE_BANDS over round(probability × 10 000)), not of the score. */
  grades: {
    "op-a": { 100: "A", 125: "A", 150: "A" },
    "op-b": { 100: "B", 125: "B", 150: "B" },
    "op-c": { 100: "AAA", 125: "AAA", 150: "AAA" },
    "op-d": { 100: "CCC", 125: "CCC", 150: "D" },
  } as Record<string, Record<number, string>>,
  /**
   * Pool scores: the stake-weighted mean of the operators' scores, lido = op-a (64 ETH) and op-b
   * (32 ETH): (64·5 + 32·23) / 96 = 11 at 125, (64·6 + 32·27) / 96 = 13 at 150; rocket = op-c.
   * Their grades are of the stake-weighted probability.
   */
  poolScores: {
    lido: { 125: 11, 150: 13 },
    rocket: { 150: 3 },
  } as Record<string, Record<number, number>>,
  ingestedEpochs: [148, 149, 150],
  /** Validator 0's balance at epoch 150: above 2^32 gwei, so both u32 halves matter. */
  balance0: 32_000_123_456,
  vkBytes: Buffer.from("verifying-key-bytes\u0000\u0001\u00ff"),
  settingsText: JSON.stringify({ run_args: { logrows: 17, input_scale: 10 }, num_rows: 1234 }),
  proofBytes: Buffer.from(JSON.stringify({ proof: "0xabcdef", instances: [["01", "02"]] })),
};

export const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/**
 * Deterministic feature vector of an operator at an epoch, inside every feature's [lo, hi] as
 * src/features guarantees (the proven report's circuit is calibrated for that box only).
 */
export function seedFeatures(operatorId: string, epoch: number): number[] {
  const k = operatorId.charCodeAt(3);
  return FEATURE_SPECS.map((spec, i) => {
    const share = ((k * (i + 1) + epoch) % 97) / 96;
    return Math.round((spec.lo + share * (spec.hi - spec.lo)) * 1000) / 1000;
  });
}

export async function seedApi(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO pool (id, name, kind) VALUES ('eigen', 'EigenLayer', 'lrt'), ('lido', 'Lido', 'lst'), ('rocket', 'Rocket Pool', 'lst')`,
  );
  await pool.query(
    `INSERT INTO operator (id, name, pool_id, source) VALUES
       ('op-a', 'Alpha', 'lido', 'test'), ('op-b', 'Beta', 'lido', 'test'), ('op-c', 'Gamma', 'rocket', 'test'),
       ('op-d', 'Delta', NULL, 'test'), ('op-e', 'Epsilon', 'lido', 'test')`,
  );
  for (const epoch of SEED.scoredEpochs) {
    await pool.query(
      `INSERT INTO score_run (epoch, model_sha256, feature_version, operators, pools, duration_ms) VALUES ($1, 'model-sha', $2, 4, 2, 12)`,
      [epoch, FEATURE_VERSION],
    );
    for (const [id, byEpoch] of Object.entries(SEED.scores)) {
      const bps = byEpoch[epoch];
      await pool.query(
        `INSERT INTO operator_score (operator_id, epoch, score_bps, probability, grade, model_sha256, feature_version, features, validators, stake_gwei)
         VALUES ($1, $2, $3, $4, $5, 'model-sha', $6, $7, $8, $9)`,
        [
          id,
          epoch,
          bps,
          SEED.probabilities[id][epoch],
          SEED.grades[id][epoch],
          FEATURE_VERSION,
          seedFeatures(id, epoch),
          id === "op-a" ? 2 : 1,
          (id === "op-a" ? 64 : 32) * 1e9,
        ],
      );
    }
  }
  await pool.query(
    `INSERT INTO pool_score (pool_id, epoch, score_bps, grade, tail_stake_bps, worst_operator_id, operators, stake_gwei, model_sha256, feature_version) VALUES
       ('lido', 125, $2, 'BBB', 3333, 'op-b', 2, 96e9, 'model-sha', $1),
       ('lido', 150, $3, 'BBB', 3333, 'op-b', 2, 96e9, 'model-sha', $1),
       ('rocket', 150, $4, 'AAA', 0, 'op-c', 1, 32e9, 'model-sha', $1)`,
    [
      FEATURE_VERSION,
      SEED.poolScores.lido[125],
      SEED.poolScores.lido[150],
      SEED.poolScores.rocket[150],
    ],
  );

  // Validators 0,1 → op-a, 2 → op-b, 3 → op-c, 4 → op-d, 5 unmapped.
  const owners = ["op-a", "op-a", "op-b", "op-c", "op-d", null];
  for (const [index, operatorId] of owners.entries()) {
    await pool.query(
      `INSERT INTO validator (index, pubkey, withdrawal_credentials, status, slashed, activation_eligibility_epoch, activation_epoch, exit_epoch,
                              withdrawable_epoch, effective_balance_gwei, updated_epoch, operator_id)
       VALUES ($1, $2, $3, $4, $5, 0, 1, NULL, NULL, 32000000000, 150, $6)`,
      [
        index,
        Buffer.alloc(48, index + 1),
        Buffer.alloc(32, 0xa0 + index),
        index === 1 ? "active_slashed" : "active_ongoing",
        index === 1,
        operatorId,
      ],
    );
  }

  for (const epoch of SEED.ingestedEpochs) {
    await pool.query(
      `INSERT INTO epoch (epoch, finalized_checkpoint_epoch, state_slot, validator_count, active_validators, total_balance_gwei, source_earned, source_ideal,
                          target_earned, target_ideal, head_earned, head_ideal, inactivity_penalty, attestation_duties, source_misses, target_misses,
                          head_misses, proposal_duties, proposals_produced, sync_duties, sync_participated, balance_delta_gwei, effective_balance_gwei,
                          exited_validators, newly_slashed, slashing_operations, ingested_at, ingest_ms)
       VALUES ($1, $1 + 2, ($1 + 1) * 32, 6, 6, 192e9, 600, 700, 1200, 1300, 300, 350, 5, 6, 1, 0, 2, 32, 31, 0, 0, 5000, 192e9, 0,
               CASE WHEN $1 = 149 THEN 1 ELSE 0 END, CASE WHEN $1 = 149 THEN 2 ELSE 0 END, '2026-01-02T03:04:05.678', 1234)`,
      [epoch],
    );
    // Validator 5 joined at epoch 149: the array of epoch 148 has five entries.
    const count = epoch === 148 ? 5 : 6;
    const status = Buffer.alloc(count, 2); // active_ongoing
    const flags = Buffer.alloc(
      count,
      FLAG_DUTY | FLAG_SOURCE_HIT | FLAG_TARGET_HIT | FLAG_HEAD_HIT,
    );
    const eb = Buffer.alloc(2 * count);
    const balance = Buffer.alloc(8 * count);
    const rewards = [
      Buffer.alloc(4 * count),
      Buffer.alloc(4 * count),
      Buffer.alloc(4 * count),
      Buffer.alloc(4 * count),
    ];
    for (let i = 0; i < count; i++) {
      eb.writeUInt16LE(32, 2 * i);
      const gwei = i === 0 && epoch === 150 ? SEED.balance0 : 32e9 + epoch;
      balance.writeUInt32LE(gwei % 2 ** 32, 8 * i);
      balance.writeUInt32LE(Math.floor(gwei / 2 ** 32), 8 * i + 4);
      rewards[0].writeInt32LE(100 + epoch - 148, 4 * i);
      rewards[1].writeInt32LE(200, 4 * i);
      rewards[2].writeInt32LE(50, 4 * i);
      rewards[3].writeInt32LE(0, 4 * i);
    }
    if (epoch === 150) {
      // Validator 0 missed the head vote and leaked; validator 1 was slashed at 149.
      flags[0] = FLAG_DUTY | FLAG_SOURCE_HIT | FLAG_TARGET_HIT;
      rewards[2].writeInt32LE(0, 0);
      rewards[3].writeInt32LE(-7, 0);
    }
    if (epoch >= 149) {
      status[1] = 4; // active_slashed
      flags[1] = FLAG_SLASHED | FLAG_DUTY;
    }
    await pool.query(
      `INSERT INTO epoch_validators (epoch, encoding, count, status, flags, effective_balance, balance, reward_source, reward_target, reward_head,
                                     reward_inactivity, ideal_rewards)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '{}')`,
      [epoch, count, status, flags, eb, balance, ...rewards],
    );
  }
  await pool.query(
    `INSERT INTO proposal (slot, epoch, proposer_index, produced) VALUES (4768, 149, 0, true), (4800, 150, 0, false), (4801, 150, 2, true)`,
  );
  // Inserted out of epoch order, so the listing's ordering is tested, not the insertion's.
  await pool.query(
    `INSERT INTO slashing (id, slot, epoch, type, position, offending_indices, evidence) VALUES
       (1, 4790, 149, 'attester', 0, '{2,5}', '{}'),
       (2, 3000, 93, 'proposer', 0, '{4}', '{}'),
       (3, 4795, 149, 'proposer', 0, '{1}', '{}')`,
  );

  // Feed indices in first-appearance order, as writeScores assigns them; reports cover ranges of them.
  await pool.query(
    `INSERT INTO feed (feed_index, feed_id, kind, ref_id) SELECT n - 1, 'feed-' || id, 'operator', id FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n)`,
    [["op-a", "op-b", "op-c", "op-d"]],
  );
  const vkHash = sha256(SEED.vkBytes);
  const settingsHash = sha256(SEED.settingsText);
  await pool.query(
    `INSERT INTO proving_artifact (sha256, kind, bytes) VALUES ($1, 'vk', $2), ($3, 'settings', $4)`,
    [vkHash, SEED.vkBytes, settingsHash, Buffer.from(SEED.settingsText)],
  );
  const ops = ["op-a", "op-b", "op-c"];
  const proven = (epoch: number) => [
    epoch,
    ops,
    JSON.stringify(ops.map((id) => seedFeatures(id, epoch))),
    ops.map((id) => SEED.scores[id][epoch]),
    `0x${"11".repeat(31)}${epoch.toString(16).padStart(2, "0")}`,
    JSON.stringify(["aa".repeat(32), "bb".repeat(32), "cc".repeat(32)]),
    SEED.proofBytes,
    vkHash,
    settingsHash,
  ];
  await pool.query(
    `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, scores_bps, model_hash, input_commitment,
                         instances, proof, vk_hash, settings_hash, srs_k, prove_ms, chain_id, oracle, digest, tx_hash, block_number, gas_used,
                         onchain_report_id, created_at, proven_at, posted_at)
     VALUES (1, $1, 0, $2, 'posted', 'model-sha', '${FEATURE_VERSION}', $3, $4, $5, '0xcommit', $6, $7, $8, $9, 17, 42000, 31337,
             '0x00000000000000000000000000000000000000aa', '0xdigest', '0xtx', 12345678901, 345678, 7,
             '2026-01-01T00:00:00', '2026-01-01T01:00:00', '2026-01-01T02:00:00')`,
    proven(125),
  );
  await pool.query(
    `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, scores_bps, model_hash, input_commitment,
                         instances, proof, vk_hash, settings_hash, srs_k, prove_ms, created_at, proven_at)
     VALUES (2, $1, 0, $2, 'proven', 'model-sha', '${FEATURE_VERSION}', $3, $4, $5, '0xcommit', $6, $7, $8, $9, 17, 41000, '2026-01-03T00:00:00', '2026-01-03T01:00:00')`,
    proven(150),
  );
  await pool.query(
    `INSERT INTO report (id, epoch, first_feed_index, operator_ids, status, model_sha256, feature_version, features, created_at)
     VALUES (3, 150, 3, '{op-d}', 'pending', 'model-sha', '${FEATURE_VERSION}', $1, '2026-01-03T00:00:00')`,
    [JSON.stringify([seedFeatures("op-d", 150)])],
  );
  await pool.query(
    `INSERT INTO report_attestation (report_id, attester, signature, refusal, created_at) VALUES
       (1, '0x00000000000000000000000000000000000000a1', '0xsig1', NULL, '2026-01-01T01:30:00'),
       (1, '0x00000000000000000000000000000000000000a2', NULL, 'INPUT_MISMATCH: feature 3 differs', '2026-01-01T01:31:00')`,
  );
}
