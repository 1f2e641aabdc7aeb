import type pg from "pg";
import type { Logger } from "../common/logger.js";
import type { Metrics } from "../metrics/index.js";
import { loadScoringInputs, writeScores, type StoredOperatorScore } from "../db/index.js";
import { computeFeatures, WINDOWS } from "../features/index.js";
import {
  operatorLoss,
  poolLoss,
  slashingRecord,
  type OperatorLossReturnType,
} from "../loss/index.js";
import { feedId } from "../report/feedId.js";
import { UNLABELLED_OPERATOR } from "../operators/index.js";
import { poolScore, ScoringWindowIncompleteError, type Scorer } from "../scoring/index.js";

export type ScoreEpochParameters = {
  pool: pg.Pool;
  scorer: Scorer;
  epoch: number;
  riskThresholdBps: number;
  logger?: Logger;
  metrics?: Pick<Metrics, "risk">;
};

export type ScoreEpochReturnType = {
  epoch: number;
  operators: number;
  pools: number;
  written: boolean;
  durationMs: number;
};

/**
 * Scores every labelled operator at `epoch` in one batch and stores operator scores, pool scores
 * (stake-weighted) and the run, all in one transaction. Refuses (retryably) while any epoch of the
 * 30-day window since the first ingested one is missing, so a score never silently rests on a gap.
 */
export async function scoreEpoch({
  pool,
  scorer,
  epoch,
  riskThresholdBps,
  logger,
  metrics,
}: ScoreEpochParameters): Promise<ScoreEpochReturnType> {
  const started = performance.now();
  const window = WINDOWS["30d"];
  const { rows } = await pool.query<{ expected: number; stored: number; first: number }>(
    `SELECT $1::int - greatest(min(epoch), $1::int - $2::int + 1) + 1 AS expected, count(*) FILTER (WHERE epoch BETWEEN $1::int - $2::int + 1 AND $1::int)::int AS stored, min(epoch) AS first FROM epoch WHERE epoch <= $1::int`,
    [epoch, window],
  );
  const missing = (rows[0]?.expected ?? 1) - (rows[0]?.stored ?? 0);
  if (rows[0]?.expected === null || missing > 0)
    throw new ScoringWindowIncompleteError(epoch, Math.max(1, missing));

  const inputs = await loadScoringInputs({ pool, atEpoch: epoch });
  for (const id of inputs.operators.keys())
    if (id === UNLABELLED_OPERATOR) inputs.operators.delete(id);
  const features = computeFeatures({
    operators: inputs.operators,
    network: inputs.network,
    validatorDuties: inputs.validatorDuties,
    atEpoch: epoch,
  });
  const scores = features.length === 0 ? [] : await scorer.scoreOperators(features);
  // Every stored score carries its explanation and the losses a CDP prices (docs/model.md).
  const contributions = features.length === 0 ? [] : scorer.explain(features);
  // The operator's own slashings update the slashing prior (history, not a forecast), over the
  // span the oracle has observed since its first ingested epoch.
  const losses = new Map<string, OperatorLossReturnType>(
    features.map((f, i) => [
      f.operatorId,
      operatorLoss({
        features: f.values,
        shortfallBps30d: scores[i].expectedShortfallBps,
        history: slashingRecord({
          events: inputs.slashings,
          operatorId: f.operatorId,
          atEpoch: epoch,
          sinceEpoch: rows[0].first,
        }),
      }),
    ]),
  );

  const operators: StoredOperatorScore[] = scores.map((s, i) => {
    const info = inputs.operatorInfo.get(s.operatorId);
    return {
      contributions: contributions[i],
      loss: losses.get(s.operatorId),
      operatorId: s.operatorId,
      scoreBps: s.scoreBps,
      probability: s.probability,
      grade: s.grade,
      features: features[i].values,
      validators: info?.validators ?? 0,
      stakeGwei: info?.stakeGwei ?? 0,
      feedId: feedId({ kind: "operator", id: s.operatorId }),
    };
  });
  const byPool = new Map<string, StoredOperatorScore[]>();
  for (const o of operators) {
    const poolId = inputs.operatorInfo.get(o.operatorId)?.poolId;
    if (!poolId) continue;
    const list = byPool.get(poolId) ?? [];
    list.push(o);
    byPool.set(poolId, list);
  }
  const pools = [...byPool].map(([poolId, list]) => {
    const p = poolScore({ operators: list, tailThresholdBps: riskThresholdBps });
    const loss = poolLoss({
      operators: list.map((o) => ({
        operatorId: o.operatorId,
        stakeGwei: o.stakeGwei,
        loss: losses.get(o.operatorId)!,
      })),
    });
    return {
      poolId,
      scoreBps: p.scoreBps,
      grade: p.grade,
      tailStakeBps: p.tailStakeBps,
      worstOperatorId: p.worstOperator?.operatorId ?? null,
      operators: p.operators,
      stakeGwei: p.stakeGwei,
      loss,
    };
  });
  const durationMs = performance.now() - started;
  const { written } = await writeScores({
    pool,
    epoch,
    modelSha256: scorer.modelHash,
    featureVersion: scorer.featureVersion,
    operators,
    pools,
    durationMs,
  });
  if (written && metrics) {
    metrics.risk.scoredEpoch.set(epoch);
    metrics.risk.maxOperatorScoreBps.set(Math.max(0, ...operators.map((o) => o.scoreBps)));
    for (const q of pools) {
      metrics.risk.poolScoreBps.set({ pool: q.poolId }, q.scoreBps);
      metrics.risk.poolTailStakeBps.set({ pool: q.poolId }, q.tailStakeBps);
      metrics.risk.poolExpectedLossBps.set({ pool: q.poolId }, q.loss.expectedLossBps30d);
    }
    // One series per operator: its largest contribution now (the previous batch's series go).
    metrics.risk.operatorTopDriverLogit.reset();
    operators.forEach((o, i) => {
      const c = contributions[i] ?? [];
      let top = -1;
      for (let k = 0; k < c.length; k++)
        if (c[k] !== 0 && (top < 0 || Math.abs(c[k]) > Math.abs(c[top]))) top = k;
      if (top >= 0)
        metrics.risk.operatorTopDriverLogit.set(
          { operator: o.operatorId, feature: scorer.featureNames[top] },
          c[top],
        );
    });
  }
  logger?.info(
    {
      epoch,
      operators: operators.length,
      pools: pools.length,
      written,
      ms: Math.round(durationMs),
    },
    written ? "epoch scored" : "epoch already scored",
  );
  return { epoch, operators: operators.length, pools: pools.length, written, durationMs };
}
