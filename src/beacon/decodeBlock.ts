import type { ChainForkConfig } from "@lodestar/config";
import type { SignedBeaconBlock } from "@lodestar/types";
import { toHex } from "./hex.js";

export type SlashingFact = {
  type: "proposer" | "attester";
  /** Position in the block body's list; with the slot it identifies the operation. */
  position: number;
  offendingIndices: number[];
  evidence: Record<string, unknown>;
};

/** What ingestion needs from one block, independent of the fork it was produced in. */
export type BlockFacts = {
  slot: number;
  proposerIndex: number;
  blockRoot: Uint8Array;
  slashings: SlashingFact[];
  /** Sync-committee positions that signed, or null before Altair. */
  syncBits: boolean[] | null;
  withdrawals: { validatorIndex: number; amountGwei: number }[];
  deposits: { pubkey: string; amountGwei: number }[];
  attestationCount: number;
};

type AnyBody = {
  proposerSlashings: { signedHeader1: SignedHeader; signedHeader2: SignedHeader }[];
  attesterSlashings: { attestation1: IndexedAttestation; attestation2: IndexedAttestation }[];
  attestations: unknown[];
  deposits: { data: { pubkey: Uint8Array; amount: number } }[];
  syncAggregate?: { syncCommitteeBits: { bitLen: number; get(i: number): boolean } };
  executionPayload?: { withdrawals?: { validatorIndex: number; amount: bigint | number }[] };
};
type SignedHeader = {
  message: {
    slot: number;
    proposerIndex: number;
    parentRoot: Uint8Array;
    stateRoot: Uint8Array;
    bodyRoot: Uint8Array;
  };
  signature: Uint8Array;
};
type IndexedAttestation = {
  attestingIndices: number[];
  data: {
    slot: number;
    index: number;
    beaconBlockRoot: Uint8Array;
    source: { epoch: number; root: Uint8Array };
    target: { epoch: number; root: Uint8Array };
  };
  signature: Uint8Array;
};

/**
 * Reduces a signed block of any fork to the facts ingestion stores. Live blocks (from the
 * beacon client) and recorded mainnet blocks (tests) go through this same function.
 */
export function decodeBlock(config: ChainForkConfig, signed: SignedBeaconBlock): BlockFacts {
  const message = signed.message;
  const types = config.getForkTypes(message.slot);
  const blockRoot = types.BeaconBlock.hashTreeRoot(message as never);
  const body = message.body as unknown as AnyBody;

  const slashings: SlashingFact[] = [];
  body.proposerSlashings.forEach((s, position) => {
    slashings.push({
      type: "proposer",
      position,
      offendingIndices: [s.signedHeader1.message.proposerIndex],
      evidence: { header_1: headerJson(s.signedHeader1), header_2: headerJson(s.signedHeader2) },
    });
  });
  body.attesterSlashings.forEach((s, position) => {
    // The spec slashes the validators that signed both conflicting attestations.
    const second = new Set(s.attestation2.attestingIndices.map(Number));
    const offenders = [...new Set(s.attestation1.attestingIndices.map(Number))]
      .filter((i) => second.has(i))
      .sort((a, b) => a - b);
    slashings.push({
      type: "attester",
      position,
      offendingIndices: offenders,
      evidence: {
        attestation_1: attestationJson(s.attestation1),
        attestation_2: attestationJson(s.attestation2),
      },
    });
  });

  const bits = body.syncAggregate?.syncCommitteeBits;
  const syncBits = bits ? Array.from({ length: bits.bitLen }, (_, i) => bits.get(i)) : null;

  return {
    slot: message.slot,
    proposerIndex: message.proposerIndex,
    blockRoot,
    slashings,
    syncBits,
    withdrawals: (body.executionPayload?.withdrawals ?? []).map((w) => ({
      validatorIndex: w.validatorIndex,
      amountGwei: Number(w.amount),
    })),
    deposits: body.deposits.map((d) => ({
      pubkey: toHex(d.data.pubkey),
      amountGwei: Number(d.data.amount),
    })),
    attestationCount: body.attestations.length,
  };
}

function headerJson(h: SignedHeader) {
  return {
    message: {
      slot: String(h.message.slot),
      proposer_index: String(h.message.proposerIndex),
      parent_root: toHex(h.message.parentRoot),
      state_root: toHex(h.message.stateRoot),
      body_root: toHex(h.message.bodyRoot),
    },
    signature: toHex(h.signature),
  };
}

function attestationJson(a: IndexedAttestation) {
  return {
    attesting_indices: a.attestingIndices.map(String),
    data: {
      slot: String(a.data.slot),
      index: String(a.data.index),
      beacon_block_root: toHex(a.data.beaconBlockRoot),
      source: { epoch: String(a.data.source.epoch), root: toHex(a.data.source.root) },
      target: { epoch: String(a.data.target.epoch), root: toHex(a.data.target.root) },
    },
    signature: toHex(a.signature),
  };
}
