import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { keccak256, type Hex } from "viem";

export type RpcProxy = {
  url: string;
  /** After forwarding the next `count` calls of `method`, drop the connection instead of answering. */
  dropResponses(method: string, count?: number): void;
  /** After dropping the next such answer, go down (a crash right after the node took the transaction). */
  dropResponseThenGoDown(method: string): void;
  /** Refuse the next `count` calls of `method` without forwarding them (the node never sees them). */
  refuse(method: string, count?: number): void;
  /**
   * Answer the next `count` eth_sendRawTransaction calls with their hash without forwarding them:
   * a mempool that takes a transaction and never mines it (a stuck transaction).
   */
  swallowTransactions(count?: number): void;
  /**
   * Forward the next call of `method` to the node but never answer it (the caller hangs until
   * killed). Resolves with the node's answer once the proxy holds it: the node has acted on the
   * call, so a test can crash the caller at that moment instead of polling the chain for it.
   */
  holdResponse(method: string): Promise<string>;
  /** Answer with a JSON-RPC error every call `predicate` picks (e.g. a log range a public RPC refuses). */
  refuseCalls(
    predicate: ((call: { method: string; params: unknown[] }) => boolean) | undefined,
  ): void;
  /** While down, every request is refused (connection destroyed) without reaching the node. */
  setDown(down: boolean): void;
  /** Requests forwarded to the node, per method. */
  forwarded: Map<string, number>;
  close(): Promise<void>;
};

/**
 * A JSON-RPC proxy in front of the test node that can lose answers: it forwards a request, lets
 * the node act on it, and then destroys the client's connection, the way a load balancer or a
 * flaky network does. Used to prove the poster does not double-post.
 */
export async function startRpcProxy(upstream: string): Promise<RpcProxy> {
  const drops = new Map<string, number>();
  const forwarded = new Map<string, number>();
  const refusals = new Map<string, number>();
  const downAfterDrop = new Set<string>();
  let down = false;
  let swallow = 0;
  const holds = new Map<string, (answer: string) => void>();
  let refuseCall: ((call: { method: string; params: unknown[] }) => boolean) | undefined;

  const server: Server = createServer(async (req, res) => {
    if (down) return req.socket.destroy();
    const body = await readBody(req);
    let methods: string[] = [];
    let calls: { id?: unknown; method: string; params: unknown[] }[] = [];
    try {
      const parsed = JSON.parse(body) as
        | { method: string; params: unknown[] }
        | { method: string; params: unknown[] }[];
      calls = Array.isArray(parsed) ? parsed : [parsed];
      methods = calls.map((m) => m.method);
    } catch {
      /* forward as is */
    }
    const single = calls.length === 1 ? calls[0] : undefined;
    const reply = (result: Record<string, unknown>) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: single!.id, ...result }));
    };
    if (single && refuseCall?.(single))
      return reply({
        error: { code: -32005, message: "query exceeds the range this node serves" },
      });
    if (single?.method === "eth_sendRawTransaction" && swallow > 0) {
      swallow--;
      return reply({ result: keccak256(single.params[0] as Hex) });
    }
    const refused = methods.find((m) => (refusals.get(m) ?? 0) > 0);
    if (refused) {
      refusals.set(refused, refusals.get(refused)! - 1);
      return req.socket.destroy();
    }
    for (const m of methods) forwarded.set(m, (forwarded.get(m) ?? 0) + 1);
    const answer = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = await answer.text();
    const held = methods.find((m) => holds.has(m));
    if (held) {
      const announce = holds.get(held)!;
      holds.delete(held);
      return announce(text);
    }
    const dropped = methods.find((m) => (drops.get(m) ?? 0) > 0);
    if (dropped) {
      drops.set(dropped, drops.get(dropped)! - 1);
      if (downAfterDrop.delete(dropped)) down = true;
      return req.socket.destroy();
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropResponses(method, count = 1) {
      drops.set(method, (drops.get(method) ?? 0) + count);
    },
    dropResponseThenGoDown(method) {
      drops.set(method, (drops.get(method) ?? 0) + 1);
      downAfterDrop.add(method);
    },
    refuse(method, count = 1) {
      refusals.set(method, (refusals.get(method) ?? 0) + count);
    },
    holdResponse(method) {
      return new Promise<string>((resolve) => holds.set(method, resolve));
    },
    swallowTransactions(count = 1) {
      swallow += count;
    },
    refuseCalls(predicate) {
      refuseCall = predicate;
    },
    setDown(value) {
      down = value;
    },
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
