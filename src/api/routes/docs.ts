import type { FastifyInstance } from "fastify";

/**
 * The OpenAPI 3.1 document built by @fastify/swagger from the routes' own schemas, at /docs/json,
 * and at /docs a small page listing the routes and linking it (no UI bundle is shipped: load
 * the JSON into any OpenAPI viewer).
 */
export function docs(app: FastifyInstance): void {
  let page: string | undefined;
  app.get("/docs/json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/docs", { schema: { hide: true } }, async (_request, reply) => {
    page ??= renderPage(app.swagger() as OpenApi);
    reply.type("text/html; charset=utf-8");
    return page;
  });
}

type OpenApi = {
  info: { title: string; version: string };
  paths: Record<string, Record<string, { summary?: string }>>;
};

function renderPage(spec: OpenApi): string {
  const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary ?? "")}</td></tr>`,
    ),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(spec.info.title)}</title></head><body>
<h1>${escapeHtml(spec.info.title)} ${escapeHtml(spec.info.version)}</h1>
<p>OpenAPI 3.1 document: <a href="/docs/json">/docs/json</a>. Errors are RFC 9457 problem details (<code>application/problem+json</code>).</p>
<table><thead><tr><th>method</th><th>path</th><th>summary</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></body></html>`;
}
