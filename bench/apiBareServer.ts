/**
 * The reference of `npm run bench:api`: a bare Fastify route answering a constant JSON body (the
 * same bytes as a real /v1/operators/:id answer, passed in BARE_BODY), with no database, schema,
 * hooks or plugins. Listens on BARE_PORT and prints "ready".
 */
import Fastify from "fastify";

const body = JSON.parse(process.env.BARE_BODY ?? "{}") as Record<string, unknown>;
const app = Fastify({ logger: false });
app.get("/v1/operators/:id", async () => body);
await app.listen({ host: "127.0.0.1", port: Number(process.env.BARE_PORT) });
console.log("ready");
