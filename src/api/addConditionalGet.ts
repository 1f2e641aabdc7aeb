import { hash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { IMMUTABLE_CACHE_CONTROL } from "./markImmutable.js";

/**
 * Answers that can never change (marked by markImmutable) get a strong ETag, a hash of the body,
 * and a 304 Not Modified when If-None-Match names it. Other /v1 answers get `Cache-Control:
 * no-cache` and no ETag: they change with every scoring run, and hashing every body would tax
 * the busiest routes for little gain.
 */
export function addConditionalGet(app: FastifyInstance): void {
  app.addHook("onSend", (request, reply, payload, done) => {
    if (
      (request.method !== "GET" && request.method !== "HEAD") ||
      reply.statusCode !== 200 ||
      !request.url.startsWith("/v1/")
    ) {
      return done(null, payload);
    }
    if (reply.getHeader("cache-control") !== IMMUTABLE_CACHE_CONTROL) {
      reply.header("cache-control", "no-cache");
      return done(null, payload);
    }
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return done(null, payload);
    const etag = `"${hash("sha1", payload, "base64url")}"`;
    reply.header("etag", etag);
    if (matches(request.headers["if-none-match"], etag)) {
      reply.code(304);
      reply.removeHeader("content-type");
      return done(null, "");
    }
    done(null, payload);
  });
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
