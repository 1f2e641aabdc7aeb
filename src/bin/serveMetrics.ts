import { createServer } from "node:http";
import type { Common } from "../config/index.js";

export type ServeMetricsParameters = {
  common: Common;
  port: number;
  host: string;
  /** Ready means caught up; the body says how far behind when not. */
  readiness: () => Promise<{ ready: boolean; detail: Record<string, unknown> }>;
};

/** /metrics, /health and /ready of a worker process (the API serves its own). */
export function serveMetrics({ common, port, host, readiness }: ServeMetricsParameters) {
  const server = createServer(async (req, res) => {
    try {
      if (req.url === "/metrics") {
        res.setHeader("content-type", common.metrics.registry.contentType);
        return void res.end(await common.metrics.registry.metrics());
      }
      if (req.url === "/health") return void res.end(JSON.stringify({ status: "ok" }));
      if (req.url === "/ready") {
        const { ready, detail } = await readiness();
        res.statusCode = ready ? 200 : 503;
        res.setHeader("content-type", "application/json");
        return void res.end(JSON.stringify({ ready, ...detail }));
      }
      res.statusCode = 404;
      res.end();
    } catch (error) {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  server.listen(port, host);
  common.shutdown.add(
    "metrics server",
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  );
  return server;
}
