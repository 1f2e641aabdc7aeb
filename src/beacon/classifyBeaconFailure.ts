import { BeaconError } from "./errors.js";
import { parseBeaconApiError } from "./parseBeaconApiError.js";

/**
 * How Lodestar's error bodies begin when the node does not keep what was asked: asking again, or
 * another node of the same kind, gives the same answer (checked against a real node). The status
 * alone cannot tell them (404 is also an empty slot, 500 any server fault).
 */
const NOT_SERVED_MESSAGES = [
  "No state found for id '",
  "State is unavailable for slot ",
  "Requested epoch ",
];

/** System error codes of a request that got no answer; the timeouts among them are told apart. */
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Turns anything a Beacon API call can throw or answer into a BeaconError that says whether
 * another try (or another node) may help: timeouts, connection failures, 5xx, 429 and
 * undecodable bodies may; other 4xx answers will not change on retry. Read from typed fields:
 * the answer's status and message (parseBeaconApiError), the error's name and class, and the
 * system error code anywhere in the cause chain, never from the wording of an error message.
 */
export function classifyBeaconFailure(
  route: string,
  failure: unknown,
  baseUrl: string,
): BeaconError {
  if (failure instanceof BeaconError) return failure;
  const where = { meta: { baseUrl } };
  const answer = parseBeaconApiError(failure);
  const message = failure instanceof Error ? failure.message : String(failure);
  const systemCode = causeCode(failure);

  if (isTimeout(failure) || (systemCode !== undefined && TIMEOUT_CODES.has(systemCode))) {
    return new BeaconError("BEACON_TIMEOUT", route, `Beacon API ${route} timed out`, {
      cause: failure,
      retryable: true,
      ...where,
    });
  }
  if (answer && NOT_SERVED_MESSAGES.some((start) => answer.message.startsWith(start))) {
    return new BeaconError(
      "BEACON_NOT_SERVED",
      route,
      `Beacon node cannot serve ${route}: it keeps no state for the data asked (not an archive node)`,
      {
        status: answer.status,
        details: `${answer.message}. Non-archive nodes prune states before the finalized checkpoint and at empty slots, and answer proposer duties only for the current and next epoch: read the epoch while the node still serves it, or use an archive node for past epochs.`,
        cause: failure,
        retryable: false,
        ...where,
      },
    );
  }
  if (answer) {
    const { status } = answer;
    const retryable = status >= 500 || status === 429 || status === 408;
    return new BeaconError(
      "BEACON_HTTP_ERROR",
      route,
      `Beacon API ${route} answered HTTP ${status}`,
      { status, details: message, cause: failure, retryable, ...where },
    );
  }
  // A connection failure names its system code; a body that does not parse or decode (JSON,
  // SSZ past its end) throws without one.
  if (
    systemCode === undefined &&
    (failure instanceof SyntaxError || failure instanceof RangeError)
  ) {
    return new BeaconError(
      "BEACON_MALFORMED_RESPONSE",
      route,
      `Beacon API ${route} returned a malformed response`,
      { details: message, cause: failure, retryable: true, ...where },
    );
  }
  return new BeaconError("BEACON_NETWORK_ERROR", route, `Beacon API ${route} request failed`, {
    details: message,
    cause: failure,
    retryable: true,
    ...where,
  });
}

/** The first string `code` along the cause chain (fetch wraps the socket's error in `cause`). */
function causeCode(failure: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (
    let error = failure;
    error !== null && typeof error === "object" && !seen.has(error);
    error = (error as { cause?: unknown }).cause
  ) {
    seen.add(error);
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/**
 * AbortSignal.timeout's DOMException is named TimeoutError; Lodestar's TimeoutError (from
 * @lodestar/utils, not a dependency of ours) leaves `name` as "Error", so its class tells it.
 */
function isTimeout(failure: unknown): boolean {
  if (!(failure instanceof Error)) return false;
  return failure.name === "TimeoutError" || failure.constructor.name === "TimeoutError";
}
