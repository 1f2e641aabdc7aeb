import { ApiError } from "./apiError.js";
import { PROBLEMS, PROBLEM_TYPE_PREFIX, type ProblemKind } from "./problems.js";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  parameter?: string;
  in?: "path" | "query" | "header" | "body";
};

type AjvError = {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
};
type ValidationFailure = { validation: AjvError[]; validationContext?: string };

const PLACES = { params: "path", querystring: "query", headers: "header", body: "body" } as const;

/**
 * Maps anything a handler or Fastify throws onto one problem body. Validation failures name the
 * parameter and where it was, so a client can fix the request from the message alone; unknown
 * errors become a 500 whose detail leaks nothing of the server.
 */
export function toProblem(error: unknown, instance: string): Problem {
  if (error instanceof ApiError) {
    return {
      ...base(error.kind, instance),
      detail: error.shortMessage,
      ...(error.parameter ? { parameter: error.parameter, in: error.in } : {}),
    };
  }
  const failure = error as Partial<ValidationFailure> & { statusCode?: number; message?: string };
  if (Array.isArray(failure.validation) && failure.validation.length > 0) {
    return describeValidation(failure.validation[0], failure.validationContext, instance);
  }
  if (
    typeof failure.statusCode === "number" &&
    failure.statusCode >= 400 &&
    failure.statusCode < 500
  ) {
    const kind: ProblemKind =
      failure.statusCode === 429
        ? "rate-limited"
        : failure.statusCode === 404
          ? "not-found"
          : "bad-request";
    return {
      ...base(kind, instance),
      status: failure.statusCode,
      detail: failure.message ?? PROBLEMS[kind].title,
    };
  }
  return {
    ...base("internal", instance),
    detail: "The server failed to answer this request; the failure is logged.",
  };
}

function base(kind: ProblemKind, instance: string) {
  return {
    type: PROBLEM_TYPE_PREFIX + kind,
    title: PROBLEMS[kind].title,
    status: PROBLEMS[kind].status as number,
    instance,
  };
}

function describeValidation(e: AjvError, context: string | undefined, instance: string): Problem {
  const place = PLACES[context as keyof typeof PLACES] ?? "body";
  const name =
    e.instancePath.replace(/^\//, "").split("/")[0] ||
    (typeof e.params.missingProperty === "string" ? e.params.missingProperty : "") ||
    (typeof e.params.additionalProperty === "string" ? e.params.additionalProperty : "");
  let rule = e.message ?? "is invalid";
  if (e.keyword === "required") rule = "is required";
  if (e.keyword === "enum" && Array.isArray(e.params.allowedValues))
    rule = `must be one of ${e.params.allowedValues.join(", ")}`;
  if (e.keyword === "type")
    rule = `must be ${e.params.type === "integer" ? "an integer" : `of type ${String(e.params.type)}`}`;
  const where =
    place === "query"
      ? "Query"
      : place === "path"
        ? "Path"
        : place === "header"
          ? "Header"
          : "Body";
  return {
    ...base("invalid-parameter", instance),
    detail: name ? `${where} parameter "${name}" ${rule}` : `${where} ${rule}`,
    ...(name ? { parameter: name, in: place } : {}),
  };
}
