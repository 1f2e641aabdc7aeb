import type { IncomingMessage, ServerResponse } from "node:http";
import { ssz } from "@lodestar/types";
import { toHex, type Chain, type Finality, type ValidatorStatus } from "./createChain.js";
import {
  HttpError,
  prefersSsz,
  queryInt,
  queryList,
  readBody,
  sendJson,
  streamJsonArray,
} from "./http.js";

/**
 * What the node keeps: "archive" serves every past state; "pruned" refuses what a default
 * (non-archive) Lodestar node refuses, with its status codes and messages, and answers rewards
 * in its shapes (fractional gwei ideal rewards, an ideal entry for effective balance 0).
 */
export type NodeStorage = "archive" | "pruned";

/** The node's view: the head it has reached and the finality it reports (runtime stalls included). */
export type NodeView = {
  chain: Chain;
  headSlot(): number;
  finality(epoch: number): Finality;
  storage: NodeStorage;
};

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpMatchArray,
  url: URL,
) => Promise<void> | void;
export type Route = { method: string; pattern: RegExp; handler: RouteHandler };

const FAR_FUTURE = "18446744073709551615";
const VERSION = "BeaconSim/v0.1.0 (beacon-risk-oracle simulator)";

export function beaconRoutes(node: NodeView): Route[] {
  const { chain } = node;
  const c = chain.constants;
  const SPE = c.SLOTS_PER_EPOCH;
  const n = chain.validatorCount;
  const epochOf = (slot: number) => Math.floor(slot / SPE);
  const headEpoch = () => epochOf(node.headSlot());
  const finalizedEpoch = () => node.finality(headEpoch()).finalized.epoch;
  const meta = (slot: number) =>
    `"execution_optimistic":false,"finalized":${epochOf(slot) <= finalizedEpoch() && slot <= finalizedEpoch() * SPE}`;

  const pruned = node.storage === "pruned";
  const stateSlot = (stateId: string): number => {
    const head = node.headSlot();
    const f = node.finality(epochOf(head));
    if (stateId === "head") return head;
    if (stateId === "genesis") return 0;
    if (stateId === "finalized") return f.finalized.epoch * SPE;
    if (stateId === "justified") return f.currentJustified.epoch * SPE;
    if (/^\d+$/.test(stateId)) {
      const slot = Number(stateId);
      if (slot > head)
        throw new HttpError(404, `State not found: slot ${slot} is beyond the head ${head}`);
      // Lodestar keeps states by slot only after the finalized checkpoint and only where a block is.
      if (
        pruned &&
        slot !== 0 &&
        (slot < f.finalized.epoch * SPE || !chain.schedule.produced(slot))
      ) {
        throw new HttpError(404, `No state found for id '${stateId}'`);
      }
      return slot;
    }
    if (/^0x[0-9a-fA-F]{64}$/.test(stateId)) {
      const slot = chain.slotOfStateRoot(stateId, head);
      if (slot === undefined) throw new HttpError(404, `State not found: ${stateId}`);
      return slot;
    }
    throw new HttpError(400, `Invalid state ID: ${stateId}`);
  };

  /** The slot of an existing block; missed slots and unknown roots are 404. */
  const blockSlot = (blockId: string): number => {
    const head = node.headSlot();
    const f = node.finality(epochOf(head));
    if (blockId === "head") return chain.blockSlotAt(head);
    if (blockId === "genesis") return 0;
    if (blockId === "finalized") return chain.blockSlotAt(f.finalized.epoch * SPE);
    if (blockId === "justified") return chain.blockSlotAt(f.currentJustified.epoch * SPE);
    if (/^\d+$/.test(blockId)) {
      const slot = Number(blockId);
      if (slot > head)
        throw new HttpError(404, `Block not found: slot ${slot} is beyond the head ${head}`);
      if (!chain.schedule.produced(slot))
        throw new HttpError(404, `Block not found: no block at slot ${slot}`);
      return slot;
    }
    if (/^0x[0-9a-fA-F]{64}$/.test(blockId)) {
      const slot = chain.slotOfBlockRoot(blockId, head);
      if (slot === undefined) throw new HttpError(404, `Block not found: ${blockId}`);
      return slot;
    }
    throw new HttpError(400, `Invalid block ID: ${blockId}`);
  };

  /** Validator ids (indices or 0x pubkeys) to sorted indices; unknown ones are skipped, as nodes do. */
  let pubkeyIndex: Map<string, number> | undefined;
  const resolveIds = (ids: (string | number)[] | undefined): number[] | undefined => {
    if (!ids || ids.length === 0) return undefined;
    const out = new Set<number>();
    for (const raw of ids) {
      const id = String(raw);
      if (/^\d+$/.test(id)) {
        const i = Number(id);
        if (i < n) out.add(i);
      } else if (/^0x[0-9a-fA-F]{96}$/.test(id)) {
        if (!pubkeyIndex) {
          pubkeyIndex = new Map();
          for (let i = 0; i < n; i++) pubkeyIndex.set(toHex(chain.pubkey(i)), i);
        }
        const i = pubkeyIndex.get(id.toLowerCase());
        if (i !== undefined) out.add(i);
      } else throw new HttpError(400, `Invalid validator ID: ${id}`);
    }
    return [...out].sort((a, b) => a - b);
  };

  const statusMatches = (status: ValidatorStatus, filters: Set<string> | undefined) =>
    !filters || filters.has(status) || filters.has(status.slice(0, status.indexOf("_")));

  const sendValidators = async (
    res: ServerResponse,
    stateId: string,
    ids: (string | number)[] | undefined,
    statuses: string[] | undefined,
  ) => {
    const slot = stateSlot(stateId);
    const e = epochOf(slot);
    const st = chain.epochState(e);
    let indices = resolveIds(ids);
    const filters = statuses && statuses.length > 0 ? new Set(statuses) : undefined;
    if (filters) {
      const all = indices ?? Array.from({ length: n }, (_, i) => i);
      indices = all.filter((i) => statusMatches(chain.statusAt(i, e, st.balances[i]), filters));
    }
    const credCache = new Map<number, string>();
    const list = indices;
    await streamJsonArray(res, `{${meta(slot)},"data":[`, list ? list.length : n, (k) => {
      const i = list ? list[k] : k;
      const ordinal = chain.operatorOf(i)?.ordinal ?? -1;
      let cred = ordinal >= 0 ? credCache.get(ordinal) : undefined;
      if (!cred) {
        cred = toHex(chain.withdrawalCredentials(i));
        if (ordinal >= 0) credCache.set(ordinal, cred);
      }
      const slashed = chain.schedule.isSlashedAt(i, e - 1);
      const exit = slashed ? String(chain.schedule.exitEpoch(i)) : FAR_FUTURE;
      const withdrawable = slashed ? String(chain.schedule.withdrawableEpoch(i)) : FAR_FUTURE;
      return `{"index":"${i}","balance":"${st.balances[i]}","status":"${chain.statusAt(i, e, st.balances[i])}","validator":{"pubkey":"${toHex(chain.pubkey(i))}","withdrawal_credentials":"${cred}","effective_balance":"${st.effective[i] * c.EFFECTIVE_BALANCE_INCREMENT}","slashed":${slashed},"activation_eligibility_epoch":"0","activation_epoch":"0","exit_epoch":"${exit}","withdrawable_epoch":"${withdrawable}"}}`;
    });
  };

  const sendBalances = async (
    res: ServerResponse,
    stateId: string,
    ids: (string | number)[] | undefined,
  ) => {
    const slot = stateSlot(stateId);
    const st = chain.epochState(epochOf(slot));
    const list = resolveIds(ids);
    await streamJsonArray(res, `{${meta(slot)},"data":[`, list ? list.length : n, (k) => {
      const i = list ? list[k] : k;
      return `{"index":"${i}","balance":"${st.balances[i]}"}`;
    });
  };

  const bodyIds = (body: unknown): (string | number)[] | undefined => {
    if (body === undefined || body === null) return undefined;
    if (!Array.isArray(body)) throw new HttpError(400, "body must be an array of validator ids");
    return body as (string | number)[];
  };

  const headerJson = (slot: number) => {
    const block = chain.block(slot)!;
    const m = block.message;
    return {
      root: toHex(chain.blockRootAt(slot)),
      canonical: true,
      header: {
        message: {
          slot: String(m.slot),
          proposer_index: String(m.proposerIndex),
          parent_root: toHex(m.parentRoot),
          state_root: toHex(m.stateRoot),
          body_root: toHex(ssz.electra.BeaconBlockBody.hashTreeRoot(m.body)),
        },
        signature: toHex(block.signature),
      },
    };
  };

  const checkpointJson = (cp: { epoch: number; root: Uint8Array }) => ({
    epoch: String(cp.epoch),
    root: toHex(cp.root),
  });
  // The last block before the epoch; for the next epoch that block may not exist yet: the head stands in.
  const dependentRoot = (epoch: number) =>
    toHex(chain.blockRootAt(Math.min(node.headSlot(), Math.max(0, epoch * SPE - 1))));
  const requireEpoch = (epoch: number, max: number) => {
    if (epoch > max)
      throw new HttpError(404, `Epoch ${epoch} is beyond what the node has (${max})`);
  };

  const route = (method: string, path: string, handler: RouteHandler): Route => ({
    method,
    pattern: new RegExp(`^${path.replace(/\{[a-z_]+\}/g, "([^/]+)")}$`),
    handler,
  });

  return [
    route("GET", "/eth/v1/node/version", (_q, res) =>
      sendJson(res, 200, { data: { version: VERSION } }),
    ),
    route("GET", "/eth/v1/node/syncing", (_q, res) =>
      sendJson(res, 200, {
        data: {
          head_slot: String(node.headSlot()),
          sync_distance: "0",
          is_syncing: false,
          is_optimistic: false,
          el_offline: false,
        },
      }),
    ),
    route("GET", "/eth/v1/node/health", (_q, res) => {
      res.writeHead(200, { "Content-Length": 0 });
      res.end();
    }),
    route("GET", "/eth/v1/config/spec", (_q, res) => sendJson(res, 200, { data: chain.spec })),
    route("GET", "/eth/v1/beacon/genesis", (_q, res) =>
      sendJson(res, 200, {
        data: {
          genesis_time: String(chain.genesisTime),
          genesis_validators_root: toHex(chain.genesisValidatorsRoot),
          genesis_fork_version: chain.spec.GENESIS_FORK_VERSION,
        },
      }),
    ),
    route("GET", "/eth/v1/beacon/states/{state_id}/root", (_q, res, m) => {
      const slot = stateSlot(m[1]);
      sendJson(res, 200, `{${meta(slot)},"data":{"root":"${toHex(chain.stateRoot(slot))}"}}`);
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/fork", (_q, res, m) => {
      const slot = stateSlot(m[1]);
      const v = chain.spec.ELECTRA_FORK_VERSION as string;
      sendJson(
        res,
        200,
        `{${meta(slot)},"data":{"previous_version":"${v}","current_version":"${v}","epoch":"0"}}`,
      );
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/finality_checkpoints", (_q, res, m) => {
      const slot = stateSlot(m[1]);
      const f = node.finality(epochOf(slot));
      const data = {
        previous_justified: checkpointJson(f.previousJustified),
        current_justified: checkpointJson(f.currentJustified),
        finalized: checkpointJson(f.finalized),
      };
      sendJson(res, 200, `{${meta(slot)},"data":${JSON.stringify(data)}}`);
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/validators", (q, res, m, url) =>
      sendValidators(
        res,
        m[1],
        queryList(url.searchParams, "id"),
        queryList(url.searchParams, "status"),
      ),
    ),
    route("POST", "/eth/v1/beacon/states/{state_id}/validators", async (q, res, m) => {
      const body = ((await readBody(q)) ?? {}) as {
        ids?: (string | number)[];
        statuses?: string[];
      };
      await sendValidators(res, m[1], body.ids ?? undefined, body.statuses ?? undefined);
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/validators/{validator_id}", (_q, res, m) => {
      const ids = resolveIds([decodeURIComponent(m[2])]);
      if (!ids || ids.length === 0) throw new HttpError(404, `Validator not found: ${m[2]}`);
      return sendValidators(res, m[1], ids, undefined);
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/validator_balances", (_q, res, m, url) =>
      sendBalances(res, m[1], queryList(url.searchParams, "id")),
    ),
    route("POST", "/eth/v1/beacon/states/{state_id}/validator_balances", async (q, res, m) => {
      await sendBalances(res, m[1], bodyIds(await readBody(q)));
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/committees", (_q, res, m, url) => {
      const slot = stateSlot(m[1]);
      const epoch = queryInt(url.searchParams, "epoch") ?? epochOf(slot);
      requireEpoch(epoch, epochOf(slot) + 1);
      const index = queryInt(url.searchParams, "index");
      const onlySlot = queryInt(url.searchParams, "slot");
      const committees = chain.schedule.committees(epoch);
      const data: { index: string; slot: string; validators: string[] }[] = [];
      for (let s = epoch * SPE; s < (epoch + 1) * SPE; s++) {
        if (onlySlot !== undefined && s !== onlySlot) continue;
        for (let k = 0; k < committees.committeesPerSlot; k++) {
          if (index !== undefined && k !== index) continue;
          data.push({
            index: String(k),
            slot: String(s),
            validators: Array.from(committees.committee(s, k), String),
          });
        }
      }
      sendJson(res, 200, `{${meta(slot)},"data":${JSON.stringify(data)}}`);
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/sync_committees", (_q, res, m, url) => {
      const slot = stateSlot(m[1]);
      const epoch = queryInt(url.searchParams, "epoch") ?? epochOf(slot);
      const period = Math.floor(epoch / c.EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
      const statePeriod = Math.floor(epochOf(slot) / c.EPOCHS_PER_SYNC_COMMITTEE_PERIOD);
      if (period > statePeriod + 1 || period < statePeriod)
        throw new HttpError(400, `Epoch ${epoch} is outside the state's sync committee periods`);
      const members = Array.from(chain.schedule.syncCommittee(period), String);
      const subnetSize = members.length / 4;
      const aggregates = [0, 1, 2, 3].map((k) =>
        members.slice(k * subnetSize, (k + 1) * subnetSize),
      );
      sendJson(
        res,
        200,
        `{${meta(slot)},"data":${JSON.stringify({ validators: members, validator_aggregates: aggregates })}}`,
      );
    }),
    route("GET", "/eth/v1/beacon/states/{state_id}/randao", (_q, res, m, url) => {
      const slot = stateSlot(m[1]);
      const epoch = queryInt(url.searchParams, "epoch") ?? epochOf(slot);
      requireEpoch(epoch, epochOf(slot));
      sendJson(res, 200, `{${meta(slot)},"data":{"randao":"${toHex(chain.randaoMix(epoch))}"}}`);
    }),
    route("GET", "/eth/v1/beacon/headers", (_q, res, _m, url) => {
      const head = node.headSlot();
      const slot = queryInt(url.searchParams, "slot") ?? chain.blockSlotAt(head);
      const parentRoot = url.searchParams.get("parent_root");
      let data: ReturnType<typeof headerJson>[] = [];
      if (slot <= head && chain.schedule.produced(slot)) data = [headerJson(slot)];
      if (parentRoot)
        data = data.filter((h) => h.header.message.parent_root === parentRoot.toLowerCase());
      sendJson(res, 200, `{${meta(Math.min(slot, head))},"data":${JSON.stringify(data)}}`);
    }),
    route("GET", "/eth/v1/beacon/headers/{block_id}", (_q, res, m) => {
      const slot = blockSlot(m[1]);
      sendJson(res, 200, `{${meta(slot)},"data":${JSON.stringify(headerJson(slot))}}`);
    }),
    route("GET", "/eth/v1/beacon/blocks/{block_id}/root", (_q, res, m) => {
      const slot = blockSlot(m[1]);
      sendJson(res, 200, `{${meta(slot)},"data":{"root":"${toHex(chain.blockRootAt(slot))}"}}`);
    }),
    route("GET", "/eth/v2/beacon/blocks/{block_id}", (q, res, m) => {
      const slot = blockSlot(m[1]);
      const block = chain.block(slot)!;
      const finalized = epochOf(slot) <= finalizedEpoch() && slot <= finalizedEpoch() * SPE;
      if (prefersSsz(q.headers.accept)) {
        const bytes = ssz.electra.SignedBeaconBlock.serialize(block);
        res.writeHead(200, {
          "Content-Type": "application/octet-stream",
          "Content-Length": bytes.length,
          "Eth-Consensus-Version": "electra",
          "Eth-Execution-Optimistic": "false",
          "Eth-Consensus-Finalized": String(finalized),
        });
        res.end(bytes);
        return;
      }
      const data = ssz.electra.SignedBeaconBlock.toJson(block);
      res.setHeader("Eth-Consensus-Version", "electra");
      sendJson(res, 200, `{"version":"electra",${meta(slot)},"data":${JSON.stringify(data)}}`);
    }),
    route("POST", "/eth/v1/beacon/rewards/attestations/{epoch}", async (q, res, m) => {
      if (!/^\d+$/.test(m[1])) throw new HttpError(400, `Invalid epoch: ${m[1]}`);
      const epoch = Number(m[1]);
      const ids = resolveIds(bodyIds(await readBody(q)));
      // The epoch's rewards exist once the epoch is over.
      if (epoch >= headEpoch())
        throw new HttpError(
          404,
          `Attestation rewards for epoch ${epoch} are not available before epoch ${epoch + 1}`,
        );
      // Lodestar computes them from the state at the end of the next epoch, which a pruned node
      // no longer has once that slot is before the finalized checkpoint (or not reached yet).
      const rewardsStateSlot = (epoch + 2) * SPE - 1;
      if (
        pruned &&
        (rewardsStateSlot < finalizedEpoch() * SPE || rewardsStateSlot > node.headSlot())
      ) {
        throw new HttpError(500, `State is unavailable for slot ${rewardsStateSlot}`);
      }
      const r = chain.epochResult(epoch);
      const idealSource = pruned ? r.idealExact : r.ideal;
      const idealEntries = [...idealSource.entries()];
      // Lodestar lists effective balance 0 too (all zeros) among its ideal rewards.
      if (pruned && !idealSource.has(0)) idealEntries.push([0, { head: 0, target: 0, source: 0 }]);
      const ideal = idealEntries
        .sort((a, b) => a[0] - b[0])
        .map(([eb, x]) =>
          JSON.stringify({
            effective_balance: String(eb * c.EFFECTIVE_BALANCE_INCREMENT),
            head: String(x.head),
            target: String(x.target),
            source: String(x.source),
            inclusion_delay: "0",
            inactivity: "0",
          }),
        );
      const list = ids ? ids.filter((i) => r.eligible[i]) : undefined;
      let count = n;
      let at = (k: number) => k;
      if (list) {
        count = list.length;
        at = (k) => list[k];
      } else {
        const eligible: number[] = [];
        for (let i = 0; i < n; i++) if (r.eligible[i]) eligible.push(i);
        if (eligible.length !== n) {
          count = eligible.length;
          at = (k) => eligible[k];
        }
      }
      const slot = (epoch + 1) * SPE - 1;
      await streamJsonArray(
        res,
        `{${meta(slot)},"data":{"ideal_rewards":[${ideal.join(",")}],"total_rewards":[`,
        count,
        (k) => {
          const i = at(k);
          return `{"validator_index":"${i}","head":"${r.head[i]}","target":"${r.target[i]}","source":"${r.source[i]}","inclusion_delay":"0","inactivity":"${r.inactivity[i]}"}`;
        },
        "]}}",
      );
    }),
    route("GET", "/eth/v1/beacon/rewards/blocks/{block_id}", (_q, res, m) => {
      const slot = blockSlot(m[1]);
      const br = chain.epochResult(epochOf(slot)).blockRewards.get(slot);
      const x = br ?? {
        proposerIndex: 0,
        attestations: 0,
        syncAggregate: 0,
        proposerSlashings: 0,
        attesterSlashings: 0,
      };
      const total = x.attestations + x.syncAggregate + x.proposerSlashings + x.attesterSlashings;
      const data = {
        proposer_index: String(x.proposerIndex),
        total: String(total),
        attestations: String(x.attestations),
        sync_aggregate: String(x.syncAggregate),
        proposer_slashings: String(x.proposerSlashings),
        attester_slashings: String(x.attesterSlashings),
      };
      sendJson(res, 200, `{${meta(slot)},"data":${JSON.stringify(data)}}`);
    }),
    route("POST", "/eth/v1/beacon/rewards/sync_committee/{block_id}", async (q, res, m) => {
      const ids = resolveIds(bodyIds(await readBody(q)));
      const slot = blockSlot(m[1]);
      const rewards =
        chain.epochResult(epochOf(slot)).syncRewardsBySlot.get(slot) ?? new Map<number, number>();
      const wanted = ids ? new Set(ids) : undefined;
      const data = [...rewards.entries()]
        .filter(([v]) => !wanted || wanted.has(v))
        .sort((a, b) => a[0] - b[0])
        .map(([v, reward]) => ({ validator_index: String(v), reward: String(reward) }));
      sendJson(res, 200, `{${meta(slot)},"data":${JSON.stringify(data)}}`);
    }),
    route("GET", "/eth/v1/validator/duties/proposer/{epoch}", (_q, res, m) => {
      if (!/^\d+$/.test(m[1])) throw new HttpError(400, `Invalid epoch: ${m[1]}`);
      const epoch = Number(m[1]);
      requireEpoch(epoch, headEpoch() + 1);
      // Lodestar computes duties from its head state only: the current and the next epoch.
      if (pruned && epoch !== headEpoch() && epoch !== headEpoch() + 1) {
        throw new HttpError(
          500,
          `Requested epoch ${epoch} must equal current ${headEpoch()} or next epoch ${headEpoch() + 1}`,
        );
      }
      const data = [];
      for (let s = epoch * SPE; s < (epoch + 1) * SPE; s++) {
        const v = chain.schedule.proposer(s);
        data.push({ pubkey: toHex(chain.pubkey(v)), validator_index: String(v), slot: String(s) });
      }
      sendJson(res, 200, {
        dependent_root: dependentRoot(epoch),
        execution_optimistic: false,
        data,
      });
    }),
  ];
}
