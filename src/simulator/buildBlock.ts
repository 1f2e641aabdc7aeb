import { BitArray } from "@chainsafe/ssz";
import { ssz, type electra, type phase0 } from "@lodestar/types";
import { Tag, randomBytes } from "./random.js";
import { Vote, type Schedule } from "./schedule.js";
import type { ChainConstants } from "./preset.js";
import type { Registry } from "./registry.js";
import type { EpochResult } from "./transition.js";
import type { Operator } from "./scenario.js";

export type BlockContext = {
  c: ChainConstants;
  seed: number;
  n: number;
  genesisTime: number;
  secondsPerSlot: number;
  schedule: Schedule;
  registry: Registry;
  operatorOf(index: number): Operator | undefined;
  epochResult(epoch: number): EpochResult;
  /** Root of the canonical block at or before `slot` (already computed: slot < the block's). */
  blockRootAt(slot: number): Uint8Array;
  /** Slot of the canonical block at or before `slot`. */
  blockSlotAt(slot: number): number;
  stateRoot(slot: number): Uint8Array;
  randaoMix(epoch: number): Uint8Array;
  justifiedAt(epoch: number): { epoch: number; root: Uint8Array };
  slashingOpsAt(slot: number): { proposer: number[]; attester: number[][] };
  executionHash(slot: number): Uint8Array;
  executionNumber(slot: number): number;
  /** How many times a reorg replaced the block at `slot` (0: the original block). */
  variantOf(slot: number): number;
};

/**
 * The signed Electra block at a produced slot. Content is plausible, not valid: signatures,
 * state roots and execution hashes are seeded bytes; the block's own root is the real
 * hash_tree_root of this message.
 */
export function buildBlock(
  ctx: BlockContext,
  slot: number,
  parentRoot: Uint8Array,
  parentSlot: number,
): electra.SignedBeaconBlock {
  const { c, seed, schedule } = ctx;
  const SPE = c.SLOTS_PER_EPOCH;
  const epoch = Math.floor(slot / SPE);
  const block = ssz.electra.SignedBeaconBlock.defaultValue();
  const msg = block.message;
  msg.slot = slot;
  msg.proposerIndex = schedule.proposer(slot);
  msg.parentRoot = parentRoot;
  msg.stateRoot = ctx.stateRoot(slot);
  block.signature = randomBytes(seed, Tag.signature, slot, 0, 96);
  const body = msg.body;
  body.randaoReveal = randomBytes(seed, Tag.signature, slot, 1, 96);
  body.eth1Data = {
    depositRoot: randomBytes(seed, Tag.root, 0, 7, 32),
    depositCount: BigInt(ctx.n),
    blockHash: randomBytes(seed, Tag.root, 0, 8, 32),
  };
  const graffiti = new Uint8Array(32);
  graffiti.set(
    Buffer.from((ctx.operatorOf(msg.proposerIndex)?.name ?? "solo").slice(0, 32), "utf8").subarray(
      0,
      32,
    ),
  );
  // A block that replaced an orphaned one at its slot differs in its graffiti, hence its root.
  const variant = ctx.variantOf(slot);
  if (variant > 0) graffiti.set(Buffer.from(`reorg ${variant}`.padEnd(12, " "), "utf8"), 20);
  body.graffiti = graffiti;
  if (slot === 0) return block;

  body.attestations = buildAttestations(ctx, slot, parentSlot);
  const ops = ctx.slashingOpsAt(slot);
  body.proposerSlashings = ops.proposer.map((v, k) => proposerSlashing(ctx, v, epoch * SPE, k));
  body.attesterSlashings = ops.attester.map((indices, k) =>
    attesterSlashing(ctx, indices, epoch, k),
  );

  const members = schedule.syncBits(slot);
  body.syncAggregate = {
    syncCommitteeBits: BitArray.fromBoolArray(Array.from(members, (b) => b === 1)),
    syncCommitteeSignature: randomBytes(seed, Tag.signature, slot, 2, 96),
  };

  const result = ctx.epochResult(epoch);
  const p = body.executionPayload;
  p.parentHash = ctx.executionHash(parentSlot);
  p.feeRecipient = ctx.registry.credentials(msg.proposerIndex).slice(12);
  p.stateRoot = randomBytes(seed, Tag.root, slot, 3, 32);
  p.receiptsRoot = randomBytes(seed, Tag.root, slot, 4, 32);
  p.prevRandao = ctx.randaoMix(epoch);
  p.blockNumber = ctx.executionNumber(slot);
  p.gasLimit = 36_000_000;
  p.gasUsed = 8_000_000 + (randomBytes(seed, Tag.gasUsed, slot, 0, 4)[0] << 16);
  p.timestamp = ctx.genesisTime + slot * ctx.secondsPerSlot;
  p.baseFeePerGas = BigInt(1_000_000_000 + ((slot * 7919) % 5_000_000_000));
  p.blockHash = ctx.executionHash(slot);
  p.withdrawals = (result.withdrawalsBySlot.get(slot) ?? []).map((w) => ({
    index: w.index,
    validatorIndex: w.validatorIndex,
    address: w.address,
    amount: BigInt(w.amount),
  }));
  return block;
}

/**
 * Electra aggregates: one per attested slot and head vote, each spanning every committee of that
 * slot with a participant (committee_bits), so validators voting for a stale head land in a
 * second aggregate whose beacon_block_root is the head's parent.
 */
function buildAttestations(
  ctx: BlockContext,
  slot: number,
  parentSlot: number,
): electra.Attestation[] {
  const { c, schedule, seed } = ctx;
  const SPE = c.SLOTS_PER_EPOCH;
  const out: electra.Attestation[] = [];
  for (let s = slot - 1; s >= Math.max(parentSlot, slot - SPE, 0); s--) {
    const se = Math.floor(s / SPE);
    const committees = schedule.committees(se);
    const votes = schedule.votes(se);
    const headSlot = ctx.blockSlotAt(s);
    const target = { epoch: se, root: ctx.blockRootAt(se * SPE) };
    const source = ctx.justifiedAt(se);
    for (const correct of [true, false]) {
      const committeeBits = BitArray.fromBitLen(c.MAX_COMMITTEES_PER_SLOT);
      const bools: boolean[] = [];
      for (let k = 0; k < committees.committeesPerSlot; k++) {
        const members = committees.committee(s, k);
        const bits = Array.from(
          members,
          (v) =>
            (votes[v] & Vote.attested) !== 0 && ((votes[v] & Vote.headCorrect) !== 0) === correct,
        );
        if (!bits.includes(true)) continue;
        committeeBits.set(k, true);
        bools.push(...bits);
      }
      if (bools.length === 0) continue;
      const root =
        correct || headSlot === 0
          ? ctx.blockRootAt(headSlot)
          : ctx.blockRootAt(ctx.blockSlotAt(headSlot - 1));
      out.push({
        aggregationBits: BitArray.fromBoolArray(bools),
        data: { slot: s, index: 0, beaconBlockRoot: root, source, target },
        signature: randomBytes(seed, Tag.signature, s, correct ? 3 : 4, 96),
        committeeBits,
      });
    }
  }
  // Blocks hold at most MAX_ATTESTATIONS_ELECTRA aggregates: after long gaps the oldest are left out.
  return out.slice(0, c.MAX_ATTESTATIONS_ELECTRA);
}

function proposerSlashing(
  ctx: BlockContext,
  v: number,
  slot: number,
  k: number,
): phase0.ProposerSlashing {
  const header = (variant: number) => ({
    message: {
      slot: BigInt(slot),
      proposerIndex: v,
      parentRoot: randomBytes(ctx.seed, Tag.root, slot, 10 + k, 32),
      stateRoot: randomBytes(ctx.seed, Tag.root, v, 20 + variant, 32),
      bodyRoot: randomBytes(ctx.seed, Tag.root, v, 30 + variant, 32),
    },
    signature: randomBytes(ctx.seed, Tag.signature, v, 40 + variant, 96),
  });
  return { signedHeader1: header(1), signedHeader2: header(2) };
}

function attesterSlashing(
  ctx: BlockContext,
  indices: number[],
  epoch: number,
  k: number,
): electra.AttesterSlashing {
  const SPE = ctx.c.SLOTS_PER_EPOCH;
  // A double vote: same target epoch, two different head roots.
  const attestation = (variant: number) => ({
    attestingIndices: [...indices].sort((a, b) => a - b),
    data: {
      slot: BigInt(epoch * SPE),
      index: 0n,
      beaconBlockRoot: randomBytes(ctx.seed, Tag.root, epoch, 50 + variant + 2 * k, 32),
      source: {
        epoch: BigInt(Math.max(0, epoch - 1)),
        root: randomBytes(ctx.seed, Tag.root, epoch, 60 + k, 32),
      },
      target: { epoch: BigInt(epoch), root: randomBytes(ctx.seed, Tag.root, epoch, 70 + k, 32) },
    },
    signature: randomBytes(ctx.seed, Tag.signature, epoch, 80 + variant + 2 * k, 96),
  });
  return { attestation1: attestation(1), attestation2: attestation(2) };
}
