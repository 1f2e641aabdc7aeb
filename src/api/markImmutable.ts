import type { FastifyReply } from "fastify";

/** A year: the longest max-age caches honour, for answers that can never change. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/**
 * Marks an answer that can never change (a proven report's artifacts, a posted report, scores of
 * a past scoring epoch): shared caches may keep it for a year without asking again.
 */
export function markImmutable(reply: FastifyReply): void {
  reply.header("cache-control", IMMUTABLE_CACHE_CONTROL);
}
