import { ClientError, type Problem } from "./errors.js";
import type { paths } from "./openapi.js";

/** Every path the API answers with GET. */
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];
type Operation<P extends GetPath> = paths[P]["get"];
type Parameters_<P extends GetPath> = Operation<P> extends { parameters: infer X } ? X : never;
export type PathParams<P extends GetPath> = Parameters_<P> extends { path: infer X } ? X : never;
export type QueryParams<P extends GetPath> = Parameters_<P> extends { query?: infer X } ? X : never;
/** The JSON body of a path's 200 answer, as the OpenAPI document declares it. */
export type ApiAnswer<P extends GetPath> =
  Operation<P> extends { responses: { 200: { content: { "application/json": infer X } } } }
    ? X
    : never;

export type Operator = ApiAnswer<"/v1/operators/{id}">;
export type OperatorPage = ApiAnswer<"/v1/operators">;
export type OperatorScorePage = ApiAnswer<"/v1/operators/{id}/scores">;
export type Report = ApiAnswer<"/v1/reports/{id}">;
export type ReportPage = ApiAnswer<"/v1/reports">;
export type ReportArtifacts = ApiAnswer<"/v1/reports/{id}/artifacts">;
export type Validator = ApiAnswer<"/v1/validators/{index}">;
export type SlashingPage = ApiAnswer<"/v1/slashings">;
export type PoolList = ApiAnswer<"/v1/pools">;
export type Readiness = ApiAnswer<"/ready">;

export type CreateClientParameters = {
  /** The API's origin, e.g. `https://oracle.example`; empty for the page's own origin. */
  baseUrl: string;
  /** Defaults to the global fetch (browsers, Node ≥ 18). */
  fetch?: typeof fetch;
  /** Per-request timeout. */
  timeoutMs?: number;
};

export type Client = ReturnType<typeof createClient>;

/**
 * The typed client of the REST API: one method per GET route, with path, query and answer types
 * taken from the OpenAPI document (src/client/openapi.ts). Errors are `ClientError`s carrying
 * the API's problem details. Used by the web pages, `cli verify` and the tests.
 */
export function createClient({
  baseUrl,
  fetch: fetchFn = globalThis.fetch.bind(globalThis),
  timeoutMs = 30_000,
}: CreateClientParameters) {
  const origin = baseUrl.replace(/\/+$/, "");

  async function get<P extends GetPath>(
    path: P,
    params: { path?: PathParams<P>; query?: QueryParams<P> } = {},
    okStatuses: number[] = [200],
  ): Promise<ApiAnswer<P>> {
    const url =
      origin +
      expand(path, (params.path ?? {}) as Record<string, string | number>) +
      queryString((params.query ?? {}) as Record<string, unknown>);
    let response: Response;
    try {
      response = await fetchFn(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new ClientError(
        "CLIENT_NETWORK_ERROR",
        `GET ${path} failed: the API could not be reached`,
        { cause, retryable: true },
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch (cause) {
      throw new ClientError(
        "CLIENT_BAD_ANSWER",
        `GET ${path} answered ${response.status} with a body that is not JSON`,
        { cause, status: response.status },
      );
    }
    if (!okStatuses.includes(response.status)) {
      const problem = isProblem(body) ? body : undefined;
      throw new ClientError(
        "CLIENT_HTTP_ERROR",
        problem ? `${problem.title}: ${problem.detail}` : `GET ${path} answered ${response.status}`,
        {
          status: response.status,
          problem,
          retryable: response.status === 429 || response.status >= 500,
        },
      );
    }
    return body as ApiAnswer<P>;
  }

  return {
    get,
    operators: (query?: QueryParams<"/v1/operators">) => get("/v1/operators", { query }),
    operator: (id: string) => get("/v1/operators/{id}", { path: { id } }),
    operatorScores: (id: string, query?: QueryParams<"/v1/operators/{id}/scores">) =>
      get("/v1/operators/{id}/scores", { path: { id }, query }),
    pools: () => get("/v1/pools"),
    pool: (id: string) => get("/v1/pools/{id}", { path: { id } }),
    validator: (index: number, query?: QueryParams<"/v1/validators/{index}">) =>
      get("/v1/validators/{index}", { path: { index }, query }),
    slashings: (query?: QueryParams<"/v1/slashings">) => get("/v1/slashings", { query }),
    epoch: (epoch: number) => get("/v1/epochs/{epoch}", { path: { epoch } }),
    reports: (query?: QueryParams<"/v1/reports">) => get("/v1/reports", { query }),
    report: (id: number) => get("/v1/reports/{id}", { path: { id } }),
    reportArtifacts: (id: number) => get("/v1/reports/{id}/artifacts", { path: { id } }),
    model: () => get("/v1/model"),
    /** 200 and 503 both carry the readiness body: not being ready is an answer, not an error. */
    ready: () => get("/ready", {}, [200, 503]),
  };
}

function expand(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (values[name] === undefined)
      throw new ClientError("CLIENT_BAD_ANSWER", `Path parameter ${name} is missing for ${path}`);
    return encodeURIComponent(String(values[name]));
  });
}

function queryString(query: Record<string, unknown>): string {
  const entries = Object.entries(query).filter(
    ([, v]) => v !== undefined && v !== null && v !== "",
  );
  return entries.length
    ? "?" +
        new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()
    : "";
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as Problem).type === "string" &&
    typeof (body as Problem).status === "number"
  );
}
