import type pg from "pg";
import {
  WINDOWS,
  type NetworkEpochAggregate,
  type OperatorEpochAggregate,
  type SlashingEvent,
  type ValidatorDuties,
} from "../features/index.js";
import { loadValidatorDuties } from "./loadValidatorDuties.js";

export type LoadScoringInputsParameters = {
  pool: pg.Pool | pg.PoolClient;
  atEpoch: number;
  /** Epochs of history to load, ending at `atEpoch`; default the longest feature window (30 days). */
  epochs?: number;
};

export type LoadScoringInputsReturnType = {
  operators: Map<string, OperatorEpochAggregate[]>;
  network: NetworkEpochAggregate[];
  slashings: SlashingEvent[];
  /** Operator → pool, and the operator's effective balance at `atEpoch` (its stake). */
  operatorInfo: Map<string, { poolId: string | null; validators: number; stakeGwei: number }>;
  /** Each operator's validators' duties over the whole days of the 30-day window (loadValidatorDuties). */
  validatorDuties: Map<string, ValidatorDuties[]>;
};

const AGGREGATE_COLUMNS = `epoch, active_validators, effective_balance_gwei, balance_delta_gwei, source_earned, source_ideal,
  target_earned, target_ideal, head_earned, head_ideal, inactivity_penalty, attestation_duties, source_misses,
  target_misses, head_misses, proposal_duties, proposals_produced, sync_duties, sync_participated, exited_validators`;

type AggregateRow = Record<string, number>;

function toAggregate(r: AggregateRow) {
  return {
    epoch: r.epoch,
    activeValidators: r.active_validators,
    attestations: {
      duties: r.attestation_duties,
      sourceEarned: r.source_earned,
      sourceIdeal: r.source_ideal,
      targetEarned: r.target_earned,
      targetIdeal: r.target_ideal,
      headEarned: r.head_earned,
      headIdeal: r.head_ideal,
      inactivityPenalty: r.inactivity_penalty,
      sourceMisses: r.source_misses,
      targetMisses: r.target_misses,
      headMisses: r.head_misses,
    },
    proposals: { duties: r.proposal_duties, produced: r.proposals_produced },
    sync: { duties: r.sync_duties, participated: r.sync_participated },
    balanceDeltaGwei: r.balance_delta_gwei,
    effectiveBalanceGwei: r.effective_balance_gwei,
    exitedValidators: r.exited_validators,
  };
}

/**
 * Everything src/features needs to score every operator at `atEpoch`, read from the stored
 * per-operator and per-network epoch aggregates and the per-validator day rows. Attesters call
 * the same function on their own database, so a report's inputs are recomputed exactly as the
 * scorer computed them.
 */
export async function loadScoringInputs({
  pool,
  atEpoch,
  epochs = WINDOWS["30d"],
}: LoadScoringInputsParameters): Promise<LoadScoringInputsReturnType> {
  const from = atEpoch - epochs + 1;
  const [ops, net, slashed, info, validatorDuties] = await Promise.all([
    pool.query<AggregateRow & { operator_id: string }>(
      `SELECT operator_id, ${AGGREGATE_COLUMNS} FROM operator_epoch WHERE epoch BETWEEN $1 AND $2 ORDER BY operator_id, epoch`,
      [from, atEpoch],
    ),
    pool.query<AggregateRow>(
      `SELECT ${AGGREGATE_COLUMNS} FROM epoch WHERE epoch BETWEEN $1 AND $2 ORDER BY epoch`,
      [from, atEpoch],
    ),
    // One event per validator: the first finalized slashing operation that names it.
    pool.query<{
      epoch: number;
      validator_index: number;
      operator_id: string | null;
      type: "attester" | "proposer";
    }>(
      `SELECT DISTINCT ON (i.validator_index) s.epoch, i.validator_index, v.operator_id, s.type::text AS type
       FROM slashing s CROSS JOIN LATERAL unnest(s.offending_indices) AS i(validator_index)
       LEFT JOIN validator v ON v.index = i.validator_index
       WHERE s.epoch <= $1 ORDER BY i.validator_index, s.epoch, s.slot`,
      [atEpoch],
    ),
    pool.query<{
      id: string;
      pool_id: string | null;
      validators: number | null;
      stake: number | null;
    }>(
      `SELECT o.id, o.pool_id, oe.active_validators AS validators, oe.effective_balance_gwei AS stake
       FROM operator o LEFT JOIN operator_epoch oe ON oe.operator_id = o.id AND oe.epoch = $1`,
      [atEpoch],
    ),
    loadValidatorDuties({ pool, atEpoch }),
  ]);
  const operators = new Map<string, OperatorEpochAggregate[]>();
  for (const row of ops.rows) {
    let list = operators.get(row.operator_id);
    if (!list) {
      list = [];
      operators.set(row.operator_id, list);
    }
    list.push({ ...toAggregate(row), operatorId: row.operator_id });
  }
  const operatorInfo = new Map(
    info.rows.map((r) => [
      r.id,
      { poolId: r.pool_id, validators: r.validators ?? 0, stakeGwei: r.stake ?? 0 },
    ]),
  );
  return {
    operators,
    network: net.rows.map(toAggregate),
    slashings: slashed.rows.map((r) => ({
      epoch: r.epoch,
      validatorIndex: r.validator_index,
      operatorId: r.operator_id ?? "unlabelled",
      kind: r.type,
    })),
    operatorInfo,
    validatorDuties,
  };
}
