import {
  BeaconError,
  CREDENTIALS_BYTES,
  PUBKEY_BYTES,
  type BeaconClient,
} from "../beacon/index.js";
import type { Logger } from "../common/logger.js";
import {
  ingestedEpochs,
  loadEpochBalances,
  loadOperatorDefinitionsVersion,
  loadRegistry,
  writeEpoch,
  type Db,
} from "../db/index.js";
import type { Metrics } from "../metrics/index.js";
import { loadOperatorMapping, type OperatorMapping } from "../operators/index.js";
import { buildEpoch } from "./buildEpoch.js";
import { createEpochStaging } from "./createEpochStaging.js";
import { lastIngestableEpoch } from "./epochSlots.js";
import { readEpochInputs } from "./readEpochInputs.js";
import { IngestError } from "./errors.js";
import type { RegistrySnapshot } from "../db/registrySnapshot.js";

export type CreateIngesterParameters = {
  beacon: BeaconClient;
  db: Db;
  logger: Logger;
  metrics?: Metrics;
  /** Timeout for the huge all-validator answers (they take seconds at mainnet scale). */
  bulkTimeoutMs: number;
  /** Blocks fetched at once within an epoch. */
  blockConcurrency?: number;
  /** No epoch before this one is staged near the head (EpochStaging). */
  stageFromEpoch?: number;
};

export type IngestEpochReturnType =
  | {
      epoch: number;
      status: "ingested";
      validators: number;
      ms: number;
      phases: Record<string, number>;
    }
  | { epoch: number; status: "already-ingested" };

export type Ingester = {
  ingestEpoch(epoch: number, finalizedEpoch: number): Promise<IngestEpochReturnType>;
  /** Reads epochs near the head while a non-archive node still serves them (EpochStaging). */
  stageNearHead(headSlot: number): Promise<void>;
  /** Epochs read near the head and not yet promoted (staged in PostgreSQL, never served). */
  stagedEpochs(): Promise<number[]>;
};

/**
 * Ingests finalized epochs. Keeps the registry, operator mapping and last balances in memory
 * between epochs (they are large to read back), and drops them after any failure so the next
 * attempt starts again from what PostgreSQL holds.
 */
export function createIngester({
  beacon,
  db,
  logger,
  metrics,
  bulkTimeoutMs,
  blockConcurrency = 8,
  stageFromEpoch,
}: CreateIngesterParameters): Ingester {
  const log = logger.child({ module: "ingest" });
  const staging = createEpochStaging({
    beacon,
    db,
    logger,
    bulkTimeoutMs,
    blockConcurrency,
    stageFromEpoch,
  });
  let registry: RegistrySnapshot | undefined;
  let mapping: { version: number; value: OperatorMapping } | undefined;
  let last: { epoch: number; balance: Uint32Array } | undefined;

  async function ingestEpoch(
    epoch: number,
    finalizedEpoch: number,
  ): Promise<IngestEpochReturnType> {
    if (epoch > lastIngestableEpoch(finalizedEpoch)) {
      throw new IngestError(
        "INGEST_NOT_FINALIZED",
        `Epoch ${epoch} is not final yet (finalized checkpoint ${finalizedEpoch})`,
        {
          retryable: true,
          details: "An epoch is ingested once the finalized checkpoint is two epochs past it.",
        },
      );
    }
    if ((await ingestedEpochs(db.pool, epoch, epoch)).has(epoch))
      return { epoch, status: "already-ingested" };

    const started = performance.now();
    const phases: Record<string, number> = {};
    const mark = (phase: string, since: number) => {
      phases[phase] = Math.round(performance.now() - since);
      metrics?.ingest.epochSeconds.observe({ phase }, (performance.now() - since) / 1000);
    };
    try {
      let t = performance.now();
      // What was staged near the head while the node served it, if still canonical; else read
      // now (an archive node serves any final epoch). The state at the first slot of the next
      // epoch holds the balances after this epoch's transition: "end of epoch" for deltas.
      const read =
        (await staging.takeCanonical(epoch)) ??
        (await readEpochInputs({ beacon, epoch, bulkTimeoutMs, blockConcurrency }));
      const { validators, rewards, duties, blocks, syncCommittee } = read.inputs;
      const stateSlot = read.stateSlot;
      mark("fetch", t);

      t = performance.now();
      registry ??= await loadRegistry(db.pool);
      // Operator imports (cli `operators import`) bump the version: reload rather than keep
      // attributing validators by labels that changed since this process started.
      const version = await loadOperatorDefinitionsVersion(db.pool);
      if (mapping?.version !== version) {
        if (mapping)
          log.info(
            { version },
            "operator definitions changed: reloading the validator → operator mapping",
          );
        mapping = { version, value: await loadOperatorMapping(db.pool) };
      }
      const previousBalance =
        last?.epoch === epoch - 1 ? last.balance : await loadEpochBalances(db.pool, epoch - 1);
      const m = mapping.value;
      // One byte view for every key: the first epoch maps a million new validators.
      const pubkeys = Buffer.from(
        validators.pubkeys.buffer,
        validators.pubkeys.byteOffset,
        validators.pubkeys.byteLength,
      );
      for (let k = 0; k < validators.count; k++) {
        const i = validators.index[k];
        if (m.ordinalOf(i) < 0)
          m.assign(
            i,
            `0x${pubkeys.toString("hex", k * PUBKEY_BYTES, (k + 1) * PUBKEY_BYTES)}`,
            validators.withdrawalCredentials.subarray(
              k * CREDENTIALS_BYTES,
              (k + 1) * CREDENTIALS_BYTES,
            ),
          );
      }
      const built = buildEpoch(
        { epoch, validators, rewards, duties, blocks, syncCommittee },
        { registry, previousBalance, operatorOf: m.ordinalOf },
      );
      mark("process", t);

      t = performance.now();
      const { written } = await writeEpoch({
        pool: db.pool,
        built,
        finalizedEpoch,
        stateSlot,
        operatorIds: m.operatorIds,
        operatorOfRow: (index) => m.operatorIds[m.ordinalOf(index)],
        newOperators: m.takeNewOperators(),
        ingestMs: Math.round(performance.now() - started),
      });
      mark("write", t);
      // Promoted (or written by another process meanwhile): the staged read has served.
      await staging.promoted(epoch);
      if (!written) return { epoch, status: "already-ingested" };

      registry = built.registry;
      last = { epoch, balance: built.packed.balance };
      const ms = Math.round(performance.now() - started);
      metrics?.ingest.epochSeconds.observe({ phase: "total" }, ms / 1000);
      metrics?.ingest.epochsIngested.inc({ outcome: "ingested" });
      metrics?.ingest.missedProposals.inc(built.proposals.filter((p) => !p.produced).length);
      for (const s of built.slashings) metrics?.ingest.slashingsSeen.inc({ type: s.type });
      log.info(
        { epoch, validators: validators.count, ms, phases, slashings: built.slashings.length },
        "epoch ingested",
      );
      return { epoch, status: "ingested", validators: validators.count, ms, phases };
    } catch (error) {
      registry = undefined;
      mapping = undefined;
      last = undefined;
      metrics?.ingest.epochsIngested.inc({ outcome: "failed" });
      if (error instanceof BeaconError && error.code === "BEACON_NOT_SERVED") {
        throw new IngestError(
          "INGEST_NODE_CANNOT_SERVE",
          `Epoch ${epoch} cannot be ingested from the configured beacon node(s): ${error.route} is not served`,
          {
            details: `${error.details ?? error.shortMessage} Ingesting finalized epochs needs an archive node (for example Lighthouse with --reconstruct-historic-states, or Teku with --data-storage-mode=archive).`,
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  return {
    ingestEpoch,
    stageNearHead: staging.stageNearHead,
    stagedEpochs: staging.stagedEpochs,
  };
}
