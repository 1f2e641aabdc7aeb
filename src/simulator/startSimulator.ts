import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Logger } from "../common/logger.js";
import { BaseError } from "../common/errors.js";
import { createChain, toHex, type Chain, type Finality } from "./createChain.js";
import { createFaults, validateFaultRule, type FaultRule, type Faults } from "./faults.js";
import { HttpError, readBody, sendError, sendJson } from "./http.js";
import { beaconRoutes, type NodeStorage, type NodeView } from "./routes.js";
import { parseScenario, type Scenario, type ScenarioInput } from "./scenario.js";
import { TOPICS, createEventHub } from "./sse.js";

export type StartSimulatorParameters = {
  scenario: ScenarioInput | Scenario;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * "manual" (default): the head moves only by advanceToSlot/advanceToEpoch or /_sim/advance.
   * "wall": the head follows genesis_time + slot × seconds_per_slot; without a genesisTime in the
   * scenario, genesis is placed so that the head starts at headStartEpoch now.
   */
  clock?: "manual" | "wall";
  /**
   * "pruned" (default): refuses past states, past proposer duties and pruned rewards exactly as a
   * default non-archive Lodestar node does; "archive": serves every past epoch, for backfill.
   */
  storage?: NodeStorage;
  logger?: Logger;
};

export type SimulatorStatus = {
  headSlot: number;
  headEpoch: number;
  finalizedEpoch: number;
  finalityStalled: boolean;
  faults: FaultRule[];
  subscribers: number;
};

export type StartSimulatorReturnType = {
  url: string;
  chain: Chain;
  headSlot(): number;
  advanceToSlot(slot: number): void;
  advanceToEpoch(epoch: number): void;
  /** Freeze (true) or release (false) the finalized checkpoint the node reports; the chain itself is unchanged. */
  setFinalityStall(stalled: boolean): void;
  /** Replace the block at a non-finalized `slot` up to the head (chain.reorgAt), with a `chain_reorg` event. */
  reorg(slot: number): void;
  faults: Faults;
  status(): SimulatorStatus;
  close(): Promise<void>;
};

/** Serves a scenario's chain over the Beacon API (node:http), with an admin API under /_sim. */
export async function startSimulator({
  scenario: input,
  port = 0,
  host = "127.0.0.1",
  clock = "manual",
  storage = "pruned",
  logger,
}: StartSimulatorParameters): Promise<StartSimulatorReturnType> {
  let scenario =
    (input as Scenario).missedSlots instanceof Set ? (input as Scenario) : parseScenario(input);
  if (clock === "wall" && !scenario.genesisTimeGiven) {
    const startSlot = scenario.headStartEpoch * slotsPerEpoch(scenario);
    scenario = {
      ...scenario,
      genesisTime: Math.floor(Date.now() / 1000) - startSlot * scenario.secondsPerSlot,
    };
  }
  const chain = createChain(scenario);
  const SPE = chain.constants.SLOTS_PER_EPOCH;
  let headSlot = scenario.headStartEpoch * SPE;
  let stallFrom: number | undefined;
  let lastFinalized = -1;
  const faults = createFaults();
  const events = createEventHub();

  const finality = (epoch: number): Finality =>
    stallFrom !== undefined && epoch > stallFrom
      ? chain.finality(stallFrom)
      : chain.finality(epoch);
  const view: NodeView = { chain, headSlot: () => headSlot, finality, storage };
  const routes = beaconRoutes(view);
  lastFinalized = finality(Math.floor(headSlot / SPE)).finalized.epoch;

  const advanceToSlot = (target: number): void => {
    for (let s = headSlot + 1; s <= target; s++) {
      headSlot = s;
      const epoch = Math.floor(s / SPE);
      if (s % SPE === 0) {
        const f = finality(epoch).finalized;
        if (f.epoch !== lastFinalized) {
          lastFinalized = f.epoch;
          const stateRoot = toHex(chain.stateRoot(f.epoch * SPE));
          events.publish("finalized_checkpoint", {
            block: toHex(f.root),
            state: stateRoot,
            epoch: String(f.epoch),
            execution_optimistic: false,
          });
          logger?.info({ epoch: f.epoch }, "finalized");
        }
      }
      if (!chain.schedule.produced(s)) continue;
      const block = toHex(chain.blockRootAt(s));
      events.publish("block", { slot: String(s), block, execution_optimistic: false });
      events.publish("head", {
        slot: String(s),
        block,
        state: toHex(chain.stateRoot(s)),
        epoch_transition: s % SPE === 0,
        previous_duty_dependent_root: toHex(chain.blockRootAt(Math.max(0, (epoch - 1) * SPE - 1))),
        current_duty_dependent_root: toHex(chain.blockRootAt(Math.max(0, epoch * SPE - 1))),
        execution_optimistic: false,
      });
    }
    logger?.debug({ headSlot }, "head advanced");
  };
  const advanceToEpoch = (epoch: number) => advanceToSlot(epoch * SPE);
  const reorg = (slot: number): void => {
    const finalizedSlot = finality(Math.floor(headSlot / SPE)).finalized.epoch * SPE;
    if (!Number.isInteger(slot) || slot <= finalizedSlot || slot > headSlot) {
      throw new HttpError(
        400,
        `a reorg replaces a block after the finalized checkpoint (slot ${finalizedSlot}) up to the head (${headSlot})`,
      );
    }
    if (!chain.schedule.produced(slot))
      throw new HttpError(400, `slot ${slot} has no block to replace`);
    const oldHead = toHex(chain.blockRootAt(headSlot));
    chain.reorgAt(slot);
    const epoch = Math.floor(headSlot / SPE);
    events.publish("chain_reorg", {
      slot: String(headSlot),
      depth: String(headSlot - slot + 1),
      old_head_block: oldHead,
      new_head_block: toHex(chain.blockRootAt(headSlot)),
      old_head_state: toHex(chain.stateRoot(headSlot)),
      new_head_state: toHex(chain.stateRoot(headSlot)),
      epoch: String(epoch),
      execution_optimistic: false,
    });
    logger?.info({ slot }, "reorg");
  };
  const setFinalityStall = (stalled: boolean) => {
    stallFrom = stalled ? (stallFrom ?? Math.floor(headSlot / SPE)) : undefined;
  };
  const status = (): SimulatorStatus => ({
    headSlot,
    headEpoch: Math.floor(headSlot / SPE),
    finalizedEpoch: finality(Math.floor(headSlot / SPE)).finalized.epoch,
    finalityStalled: stallFrom !== undefined,
    faults: faults.list(),
    subscribers: events.subscribers,
  });

  const hanging = new Set<Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://simulator");
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/_sim/")) return admin(req, res, url);

    const fault = faults.take(url.pathname + url.search);
    if (fault) {
      logger?.debug({ path: url.pathname, kind: fault.kind }, "fault injected");
      switch (fault.kind) {
        case "down":
          req.socket.destroy();
          return;
        case "timeout":
          hanging.add(req.socket);
          req.socket.once("close", () => hanging.delete(req.socket));
          return;
        case "5xx":
          return sendError(res, fault.status ?? 500, "Injected server error");
        case "malformed":
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end('{"execution_optimistic":false,"finalized":false,"data":{"oops":[1,2,,}');
          return;
        case "slow":
          await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
          break;
        case "truncate":
          truncate(res);
          break;
      }
    }

    if (url.pathname === "/eth/v1/events" && method === "GET") {
      const topics = new Set(
        url.searchParams
          .getAll("topics")
          .flatMap((t) => t.split(","))
          .map((t) => t.trim()),
      );
      const unknown = [...topics].filter((t) => !(TOPICS as readonly string[]).includes(t));
      if (topics.size === 0 || unknown.length > 0)
        return sendError(res, 400, `Invalid topics: ${unknown.join(",") || "(none)"}`);
      events.subscribe(res, topics);
      return;
    }
    for (const route of routes) {
      if (route.method !== method) continue;
      const match = url.pathname.match(route.pattern);
      if (match) return await route.handler(req, res, match, url);
    }
    sendError(res, 404, `Route not found: ${method} ${url.pathname}`);
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? "GET";
    const path = url.pathname;
    if (method === "GET" && path === "/_sim/status") return sendJson(res, 200, status());
    if (method === "POST" && path === "/_sim/advance") {
      const body = ((await readBody(req)) ?? {}) as {
        slot?: number;
        epoch?: number;
        slots?: number;
      };
      const target =
        body.slot ?? (body.epoch !== undefined ? body.epoch * SPE : headSlot + (body.slots ?? 1));
      if (!Number.isInteger(target) || target < 0)
        throw new HttpError(400, "give slot, epoch or slots as integers");
      advanceToSlot(target);
      return sendJson(res, 200, status());
    }
    if (method === "POST" && path === "/_sim/reorg") {
      const body = ((await readBody(req)) ?? {}) as { slot?: unknown };
      reorg(Number(body.slot));
      return sendJson(res, 200, status());
    }
    if (method === "POST" && path === "/_sim/finality-stall") {
      const body = ((await readBody(req)) ?? {}) as { stalled?: unknown };
      if (typeof body.stalled !== "boolean")
        throw new HttpError(400, "body must be {stalled: boolean}");
      setFinalityStall(body.stalled);
      return sendJson(res, 200, status());
    }
    if (method === "POST" && path === "/_sim/faults") {
      faults.inject(validateFaultRule(await readBody(req)));
      return sendJson(res, 200, status());
    }
    if (method === "DELETE" && path === "/_sim/faults") {
      faults.clear();
      return sendJson(res, 200, status());
    }
    const truth = path.match(/^\/_sim\/truth\/(\d+)$/);
    if (method === "GET" && truth) {
      const epoch = Number(truth[1]);
      if (epoch >= Math.floor(headSlot / SPE))
        throw new HttpError(404, `epoch ${epoch} is not complete`);
      return sendJson(res, 200, truthSummary(chain, epoch));
    }
    sendError(res, 404, `Route not found: ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error.status, error.message);
      if (error instanceof BaseError) return sendError(res, 400, error.message);
      logger?.error({ err: error, url: req.url }, "simulator request failed");
      sendError(res, 500, error instanceof Error ? error.message : String(error));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  let timer: NodeJS.Timeout | undefined;
  if (clock === "wall") {
    const tick = () => {
      const wallSlot = Math.floor(
        (Date.now() / 1000 - chain.genesisTime) / scenario.secondsPerSlot,
      );
      if (wallSlot > headSlot) advanceToSlot(wallSlot);
    };
    timer = setInterval(tick, Math.min(1000, scenario.secondsPerSlot * 250));
    tick();
  }
  logger?.info(
    { url, scenario: scenario.name, validators: scenario.validatorCount, headSlot },
    "beacon simulator listening",
  );

  return {
    url,
    chain,
    headSlot: () => headSlot,
    advanceToSlot,
    advanceToEpoch,
    setFinalityStall,
    reorg,
    faults,
    status,
    async close() {
      if (timer) clearInterval(timer);
      events.closeAll();
      for (const socket of hanging) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function slotsPerEpoch(scenario: Scenario): number {
  return scenario.preset === "minimal" ? 8 : 32;
}

/** Cut the response mid-way: half of the first chunk, then a reset connection. */
function truncate(res: ServerResponse): void {
  const write = res.write.bind(res) as (chunk: unknown) => boolean;
  let cut = false;
  const cutNow = (chunk: unknown) => {
    if (cut) return;
    cut = true;
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    write(buf.subarray(0, Math.max(1, buf.length >> 1)));
    setImmediate(() => res.socket?.destroy());
  };
  res.write = ((chunk: unknown) => {
    cutNow(chunk);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== "function") cutNow(chunk);
    else if (!cut) res.socket?.destroy();
    return res;
  }) as typeof res.end;
}

/** Per-operator figures of one epoch for out-of-process tests (GET /_sim/truth/{epoch}). */
function truthSummary(chain: Chain, epoch: number) {
  const t = chain.epochTruth(epoch);
  const operators = chain.operators.map((op) => {
    let attested = 0;
    let headTimely = 0;
    let offline = 0;
    let rewards = 0;
    for (let i = op.firstIndex; i < op.firstIndex + op.validatorCount; i++) {
      if (t.flags[i] & 2) attested++;
      if (t.flags[i] & 4) headTimely++;
      if (!t.online[i]) offline++;
      rewards += t.balanceEnd[i] - t.balanceStart[i];
    }
    return {
      id: op.id,
      validators: op.validatorCount,
      offline,
      targetTimely: attested,
      headTimely,
      balanceDelta: rewards,
    };
  });
  return {
    epoch,
    finalizedEpoch: t.finalizedEpoch,
    inLeak: t.inLeak,
    baseRewardPerIncrement: t.baseRewardPerIncrement,
    proposals: t.proposals,
    slashings: t.slashings,
    sync: t.sync.perSlot,
    operators,
  };
}
