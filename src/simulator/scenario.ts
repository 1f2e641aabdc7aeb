import { ScenarioInvalidError } from "./errors.js";
import type { PresetName } from "./preset.js";

/** An epoch range, both ends inclusive. */
export type OfflineWindow = { fromEpoch: number; toEpoch: number; fraction: number };
export type SlashingEvent = { epoch: number; type: "proposer" | "attester"; count: number };

export type ScenarioOperator = {
  id: string;
  name: string;
  pool?: string;
  /** Exactly one of `validatorCount` and `share` (fraction of all validators). */
  validatorCount?: number;
  share?: number;
  /** 20-byte address: the operator's validators get 0x01 credentials to it. */
  withdrawalAddress: string;
  attestationMissRate?: number;
  headMissRate?: number;
  offline?: OfflineWindow[];
  missedProposals?: { epochs?: number[]; rate?: number };
  slashings?: SlashingEvent[];
};

export type ScenarioPool = { id: string; name: string; kind?: string };

/** The scenario file (JSON) as written; see docs/simulator.md. */
export type ScenarioInput = {
  name?: string;
  seed: string | number;
  preset: PresetName;
  validatorCount: number;
  genesisTime?: number;
  secondsPerSlot?: number;
  headStartEpoch?: number;
  finalityDelay?: number;
  finalityStalls?: { fromEpoch: number; toEpoch: number }[];
  baseline?: Partial<Baseline>;
  missedSlots?: number[];
  pools?: ScenarioPool[];
  operators?: ScenarioOperator[];
};

export type Baseline = {
  /** Healthy validators that do not attest at all in an epoch. */
  attestationMissRate: number;
  /** Healthy validators that vote for a wrong head. */
  headMissRate: number;
  syncMissRate: number;
  missedProposalRate: number;
};

export type Operator = Required<Pick<ScenarioOperator, "id" | "name" | "withdrawalAddress">> & {
  /** Position in the scenario's list; also the value stored in the compact operator map. */
  ordinal: number;
  pool?: string;
  /** Validators [firstIndex, firstIndex + validatorCount). */
  firstIndex: number;
  validatorCount: number;
  attestationMissRate: number;
  headMissRate: number;
  offline: OfflineWindow[];
  missedProposalEpochs: Set<number>;
  missedProposalRate: number;
  slashings: SlashingEvent[];
};

/** A validated scenario with every default filled in. */
export type Scenario = {
  name: string;
  seed: string | number;
  preset: PresetName;
  validatorCount: number;
  genesisTime: number;
  /** False when genesisTime is the default: a wall clock may then move genesis to "now". */
  genesisTimeGiven: boolean;
  secondsPerSlot: number;
  headStartEpoch: number;
  finalityDelay: number;
  finalityStalls: { fromEpoch: number; toEpoch: number }[];
  baseline: Baseline;
  missedSlots: Set<number>;
  pools: ScenarioPool[];
  operators: Operator[];
};

const DEFAULT_GENESIS_TIME = 1_700_000_000;
const DEFAULT_BASELINE: Baseline = {
  attestationMissRate: 0.003,
  headMissRate: 0.01,
  syncMissRate: 0.005,
  missedProposalRate: 0.002,
};

/** Validates a parsed scenario file and fills defaults; throws `ScenarioInvalidError` listing every problem. */
export function parseScenario(input: unknown): Scenario {
  const problems: string[] = [];
  const s = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof input !== "object" || input === null) problems.push("scenario must be a JSON object");

  const int = (path: string, v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      problems.push(`${path} must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
      return min;
    }
    return v;
  };
  const rate = (path: string, v: unknown, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      problems.push(`${path} must be a number in [0, 1], got ${JSON.stringify(v)}`);
      return fallback;
    }
    return v;
  };
  const array = (path: string, v: unknown): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problems.push(`${path} must be an array`);
      return [];
    }
    return v;
  };
  const str = (path: string, v: unknown): string => {
    if (typeof v !== "string" || v.length === 0) {
      problems.push(`${path} must be a non-empty string`);
      return "";
    }
    return v;
  };

  if (typeof s.seed !== "string" && typeof s.seed !== "number")
    problems.push("seed must be a string or a number");
  const preset = s.preset === "minimal" || s.preset === "mainnet" ? s.preset : undefined;
  if (!preset)
    problems.push(`preset must be "mainnet" or "minimal", got ${JSON.stringify(s.preset)}`);
  const validatorCount = int("validatorCount", s.validatorCount, 1, 4_000_000);
  const genesisTime =
    s.genesisTime === undefined ? DEFAULT_GENESIS_TIME : int("genesisTime", s.genesisTime);
  const secondsPerSlot =
    s.secondsPerSlot === undefined
      ? preset === "minimal"
        ? 6
        : 12
      : int("secondsPerSlot", s.secondsPerSlot, 1, 60);
  const headStartEpoch =
    s.headStartEpoch === undefined ? 0 : int("headStartEpoch", s.headStartEpoch, 0, 1_000_000);
  const finalityDelay =
    s.finalityDelay === undefined ? 0 : int("finalityDelay", s.finalityDelay, 0, 10_000);
  const finalityStalls = array("finalityStalls", s.finalityStalls).map((w, i) => {
    const r = (w ?? {}) as Record<string, unknown>;
    const fromEpoch = int(`finalityStalls[${i}].fromEpoch`, r.fromEpoch);
    const toEpoch = int(`finalityStalls[${i}].toEpoch`, r.toEpoch);
    if (toEpoch < fromEpoch) problems.push(`finalityStalls[${i}]: toEpoch < fromEpoch`);
    return { fromEpoch, toEpoch };
  });
  const b = (s.baseline ?? {}) as Record<string, unknown>;
  const baseline: Baseline = {
    attestationMissRate: rate(
      "baseline.attestationMissRate",
      b.attestationMissRate,
      DEFAULT_BASELINE.attestationMissRate,
    ),
    headMissRate: rate("baseline.headMissRate", b.headMissRate, DEFAULT_BASELINE.headMissRate),
    syncMissRate: rate("baseline.syncMissRate", b.syncMissRate, DEFAULT_BASELINE.syncMissRate),
    missedProposalRate: rate(
      "baseline.missedProposalRate",
      b.missedProposalRate,
      DEFAULT_BASELINE.missedProposalRate,
    ),
  };
  const missedSlots = new Set(
    array("missedSlots", s.missedSlots).map((v, i) => int(`missedSlots[${i}]`, v, 1)),
  );

  const pools = array("pools", s.pools).map((p, i) => {
    const r = (p ?? {}) as Record<string, unknown>;
    return {
      id: str(`pools[${i}].id`, r.id),
      name: str(`pools[${i}].name`, r.name),
      ...(typeof r.kind === "string" ? { kind: r.kind } : {}),
    };
  });
  const poolIds = new Set(pools.map((p) => p.id));

  let nextIndex = 0;
  const seenIds = new Set<string>();
  const operators: Operator[] = array("operators", s.operators).map((o, i) => {
    const r = (o ?? {}) as Record<string, unknown>;
    const at = `operators[${i}]`;
    const id = str(`${at}.id`, r.id);
    if (seenIds.has(id)) problems.push(`${at}.id "${id}" is duplicated`);
    seenIds.add(id);
    if (r.pool !== undefined && !poolIds.has(r.pool as string))
      problems.push(`${at}.pool "${String(r.pool)}" is not in pools`);
    let count = 0;
    if ((r.validatorCount === undefined) === (r.share === undefined))
      problems.push(`${at} needs exactly one of validatorCount and share`);
    else if (r.validatorCount !== undefined)
      count = int(`${at}.validatorCount`, r.validatorCount, 1);
    else count = Math.floor(rate(`${at}.share`, r.share, 0) * validatorCount);
    const withdrawalAddress = str(`${at}.withdrawalAddress`, r.withdrawalAddress).toLowerCase();
    if (!/^0x[0-9a-f]{40}$/.test(withdrawalAddress))
      problems.push(`${at}.withdrawalAddress must be a 0x-prefixed 20-byte hex address`);
    const offline = array(`${at}.offline`, r.offline).map((w, k) => {
      const x = (w ?? {}) as Record<string, unknown>;
      const fromEpoch = int(`${at}.offline[${k}].fromEpoch`, x.fromEpoch);
      const toEpoch = int(`${at}.offline[${k}].toEpoch`, x.toEpoch);
      if (toEpoch < fromEpoch) problems.push(`${at}.offline[${k}]: toEpoch < fromEpoch`);
      return {
        fromEpoch,
        toEpoch,
        fraction:
          x.fraction === undefined ? 1 : rate(`${at}.offline[${k}].fraction`, x.fraction, 1),
      };
    });
    const mp = (r.missedProposals ?? {}) as Record<string, unknown>;
    const slashings = array(`${at}.slashings`, r.slashings).map((e, k) => {
      const x = (e ?? {}) as Record<string, unknown>;
      if (x.type !== "proposer" && x.type !== "attester")
        problems.push(`${at}.slashings[${k}].type must be "proposer" or "attester"`);
      return {
        epoch: int(`${at}.slashings[${k}].epoch`, x.epoch, 1),
        type: x.type === "proposer" ? ("proposer" as const) : ("attester" as const),
        count: int(`${at}.slashings[${k}].count`, x.count, 1, count || 1),
      };
    });
    const totalSlashed = slashings.reduce((a, e) => a + e.count, 0);
    if (totalSlashed > count)
      problems.push(`${at} slashes ${totalSlashed} validators but has ${count}`);
    const operator: Operator = {
      ordinal: i,
      id,
      name: str(`${at}.name`, r.name),
      ...(typeof r.pool === "string" ? { pool: r.pool } : {}),
      firstIndex: nextIndex,
      validatorCount: count,
      withdrawalAddress,
      attestationMissRate: rate(
        `${at}.attestationMissRate`,
        r.attestationMissRate,
        baseline.attestationMissRate,
      ),
      headMissRate: rate(`${at}.headMissRate`, r.headMissRate, baseline.headMissRate),
      offline,
      missedProposalEpochs: new Set(
        array(`${at}.missedProposals.epochs`, mp.epochs).map((v, k) =>
          int(`${at}.missedProposals.epochs[${k}]`, v),
        ),
      ),
      missedProposalRate: rate(`${at}.missedProposals.rate`, mp.rate, baseline.missedProposalRate),
      slashings,
    };
    nextIndex += count;
    return operator;
  });
  if (nextIndex > validatorCount)
    problems.push(`operators hold ${nextIndex} validators but validatorCount is ${validatorCount}`);
  if (operators.length > 65_000) problems.push("at most 65,000 operators");

  if (problems.length > 0) throw new ScenarioInvalidError(problems);
  return {
    name: typeof s.name === "string" ? s.name : "scenario",
    seed: s.seed as string | number,
    preset: preset!,
    validatorCount,
    genesisTime,
    genesisTimeGiven: s.genesisTime !== undefined,
    secondsPerSlot,
    headStartEpoch,
    finalityDelay,
    finalityStalls,
    baseline,
    missedSlots,
    pools,
    operators,
  };
}
