import type { AttestationRewards, SlashingFact } from "../beacon/index.js";
import type { EpochAggregate } from "../features/types.js";
import type { PackedEpoch } from "./packedEpoch.js";
import type { RegistryChange, RegistryRow, RegistrySnapshot } from "./registrySnapshot.js";

export type ProposalRow = {
  slot: number;
  epoch: number;
  proposerIndex: number;
  produced: boolean;
  blockRoot: Uint8Array | null;
};
export type SlashingRow = SlashingFact & { slot: number; epoch: number };

/** One epoch as ingest builds it in memory and writeEpoch stores it (src/ingest/buildEpoch.ts). */
export type BuiltEpoch = {
  epoch: number;
  packed: PackedEpoch;
  idealRewards: AttestationRewards["ideal"];
  registry: RegistrySnapshot;
  registryRows: RegistryRow[];
  changes: RegistryChange[];
  proposals: ProposalRow[];
  slashings: SlashingRow[];
  sync: { slotsWithBlock: number; members: Int32Array; participated: Uint8Array };
  network: SetAggregate;
  /** Operator ordinal (index into the operator list) of each validator index, -1 for none: what the aggregates were summed by. */
  operatorOf: Int32Array;
  /** Aggregates by operator ordinal (index into the operator list), only for operators with validators. */
  operators: Map<number, SetAggregate>;
};

/** Sums over a set of validators (one operator's, or the whole network's). */
export type SetAggregate = EpochAggregate & {
  validators: number;
  balanceGwei: number;
  newlySlashed: number;
};
