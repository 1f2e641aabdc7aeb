import type { Hex } from "viem";

/** An attester's answer as sent: status code and JSON body. */
export type Decision = { status: number; body: Record<string, unknown> };

export type CreateDecisionCacheParameters = {
  /** Decisions kept (oldest dropped first). Default 1024. */
  maxEntries?: number;
  /**
   * How long a refusal is served from the cache. A signature stands for good; a refusal may
   * rest on state that moves (its own ingestion catching up, a model accepted on-chain).
   * Default 10 minutes.
   */
  refusalTtlMs?: number;
  now?: () => number;
};

export type DecisionCache = {
  get(digest: Hex): Decision | undefined;
  set(digest: Hex, decision: Decision): void;
};

/**
 * An attester's decisions by report digest (the EIP-712 digest for the request's own chain and
 * oracle), so a repeated or replayed request costs a map lookup instead of a proof verification.
 * Only final answers are cached: signatures and refusals that waiting cannot change.
 */
export function createDecisionCache({
  maxEntries = 1024,
  refusalTtlMs = 10 * 60_000,
  now = Date.now,
}: CreateDecisionCacheParameters = {}): DecisionCache {
  const entries = new Map<string, Decision & { expires: number }>();
  return {
    get(digest) {
      const key = digest.toLowerCase();
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return { status: entry.status, body: entry.body };
    },
    set(digest, decision) {
      const key = digest.toLowerCase();
      entries.delete(key);
      entries.set(key, {
        ...decision,
        expires: decision.status === 200 ? Number.POSITIVE_INFINITY : now() + refusalTtlMs,
      });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
