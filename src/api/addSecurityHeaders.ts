import type { FastifyInstance } from "fastify";

export type AddSecurityHeadersParameters = {
  /** Origins the pages may read besides their own (the configured RPC URL's). */
  connectOrigins?: readonly string[];
};

/**
 * One set of security headers on every answer, API and web pages alike. The policy allows what
 * the pages need and nothing else: scripts and workers from this origin only, WebAssembly
 * compilation for the EZKL engine, no inline code, no framing. `connect-src` also allows https
 * and loopback JSON-RPC endpoints, because the report page reads RiskOracle through an RPC URL
 * the user may type in. Cross-origin isolation (COOP + COEP) is what lets browsers give the
 * engine its shared WebAssembly memory.
 */
export function addSecurityHeaders(
  app: FastifyInstance,
  { connectOrigins = [] }: AddSecurityHeadersParameters = {},
): void {
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    [
      "connect-src 'self'",
      ...connectOrigins,
      "https:",
      "http://127.0.0.1:*",
      "http://localhost:*",
    ].join(" "),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
  };
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.headers(headers);
    return payload;
  });
}
