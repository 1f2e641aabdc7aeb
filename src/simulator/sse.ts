import type { ServerResponse } from "node:http";

export const TOPICS = ["head", "block", "finalized_checkpoint", "chain_reorg"] as const;
export type Topic = (typeof TOPICS)[number];

export type EventHub = {
  subscribe(res: ServerResponse, topics: Set<string>): void;
  publish(topic: Topic, data: unknown): void;
  closeAll(): void;
  readonly subscribers: number;
};

/** Server-sent events for /eth/v1/events: `event: <topic>` + `data: <json>` per message. */
export function createEventHub(): EventHub {
  const clients = new Set<{ res: ServerResponse; topics: Set<string> }>();
  return {
    subscribe(res, topics) {
      res.writeHead(200, {
        "Content-Type": "text/event-stream",
        "Cache-Control": "no-cache",
        Connection: "keep-alive",
      });
      res.write(": connected\n\n");
      const client = { res, topics };
      clients.add(client);
      res.on("close", () => clients.delete(client));
    },
    publish(topic, data) {
      const text = `event: ${topic}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const client of clients) if (client.topics.has(topic)) client.res.write(text);
    },
    closeAll() {
      for (const client of clients) client.res.end();
      clients.clear();
    },
    get subscribers() {
      return clients.size;
    },
  };
}
