/**
 * Every error the API answers with is an RFC 9457 problem (`application/problem+json`). Each
 * kind has a stable `type` URI (a URN: it names the kind, it is not meant to be fetched) and a
 * fixed title; `detail` says what went wrong with this request.
 */
export const PROBLEMS = {
  "invalid-parameter": { status: 400, title: "Invalid request parameter" },
  "bad-request": { status: 400, title: "Bad request" },
  "not-found": { status: 404, title: "Not found" },
  "report-not-proven": { status: 409, title: "Report not proven yet" },
  "rate-limited": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export const PROBLEM_TYPE_PREFIX = "urn:beacon-risk-oracle:problem:";
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemSchema = {
  type: "object",
  description: "RFC 9457 problem details",
  required: ["type", "title", "status", "detail", "instance"],
  properties: {
    type: { type: "string", description: `${PROBLEM_TYPE_PREFIX}<kind>; see docs/api.md` },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string", description: "The request path and query" },
    /** For validation problems: the parameter at fault and where it was. */
    parameter: { type: "string" },
    in: { type: "string", enum: ["path", "query", "header", "body"] },
  },
} as const;

/** A problem answer, documented (and serialized) as `application/problem+json`, not `application/json`. */
export const problemResponse = {
  description: "RFC 9457 problem details",
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
} as const;

/** Error responses every /v1 route may give, for its schema (serialization and OpenAPI). */
export const problemResponses = {
  400: problemResponse,
  404: problemResponse,
  429: problemResponse,
  500: problemResponse,
} as const;
