import { BeaconError } from "./errors.js";

/**
 * Answers meaning "this node does not keep that": asking again, or another node of the same
 * kind, gives the same answer. Lodestar's exact messages (checked against a real node).
 */
const NOT_SERVED = [
  /No state found for id '/,
  /State is unavailable for slot \d+/,
  /Requested epoch \d+ must equal current \d+ or next epoch \d+/,
];

/**
 * Turns anything a Beacon API call can throw or answer into a BeaconError that says whether
 * another try (or another node) may help: timeouts, connection failures, 5xx, 429 and
 * unparseable bodies may; other 4xx answers will not change on retry.
 */
export function classifyBeaconFailure(route: string, failure: unknown, baseUrl: string): BeaconError {
  if (failure instanceof BeaconError) return failure;
  const error = failure as { name?: string; message?: string; status?: number; code?: string; type?: string } | undefined;
  const message = error?.message ?? String(failure);
  const where = { meta: { baseUrl } };

  if (error?.name === "TimeoutError" || /timeout/i.test(message)) {
    return new BeaconError("BEACON_TIMEOUT", route, `Beacon API ${route} timed out`, { cause: failure, retryable: true, ...where });
  }
  if (typeof error?.status === "number" && NOT_SERVED.some((pattern) => pattern.test(message))) {
    return new BeaconError("BEACON_NOT_SERVED", route, `Beacon node cannot serve ${route}: it keeps no state for the data asked (not an archive node)`, {
      status: error.status,
      details: `${message}. Non-archive nodes prune states before the finalized checkpoint and at empty slots, and answer proposer duties only for the current and next epoch: read the epoch while the node still serves it, or use an archive node for past epochs.`,
      cause: failure,
      retryable: false,
      ...where,
    });
  }
  if (typeof error?.status === "number") {
    const status = error.status;
    const retryable = status >= 500 || status === 429 || status === 408;
    return new BeaconError("BEACON_HTTP_ERROR", route, `Beacon API ${route} answered HTTP ${status}`, {
      status,
      details: message,
      cause: failure,
      retryable,
      ...where,
    });
  }
  if (failure instanceof SyntaxError || /JSON|Unexpected end|Unexpected token|deserializ|invalid|expected/i.test(message)) {
    return new BeaconError("BEACON_MALFORMED_RESPONSE", route, `Beacon API ${route} returned a malformed response`, {
      details: message,
      cause: failure,
      retryable: true,
      ...where,
    });
  }
  return new BeaconError("BEACON_NETWORK_ERROR", route, `Beacon API ${route} request failed`, {
    details: message,
    cause: failure,
    retryable: true,
    ...where,
  });
}
