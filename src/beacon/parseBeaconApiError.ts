import { ApiError } from "@lodestar/api";

/** A Beacon API error answer (`{ code, message }` in the spec), as typed fields. */
export type BeaconApiErrorBody = {
  /** The HTTP status; the spec's body `code` repeats it. */
  status: number;
  /** The body's `message` (Lodestar adds the `failures` lines after it). */
  message: string;
  /** Lodestar's operation id, or the path of a plain JSON request (openJsonStream). */
  operationId: string;
};

/**
 * Reads an HTTP error answer of a beacon node out of what a request threw: Lodestar's ApiError,
 * which openJsonStream throws too, keeps status and operation id as fields and the body's message after
 * a fixed prefix. Anything else (a timeout, a connection failure, a body that does not decode) is
 * not an answer: undefined.
 */
export function parseBeaconApiError(failure: unknown): BeaconApiErrorBody | undefined {
  if (!(failure instanceof ApiError)) return undefined;
  const prefix = `${failure.operationId} failed with status ${failure.status}: `;
  const message = failure.message.startsWith(prefix)
    ? failure.message.slice(prefix.length)
    : failure.message;
  return { status: failure.status, message, operationId: failure.operationId };
}
