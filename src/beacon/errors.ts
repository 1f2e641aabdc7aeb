import { BaseError, type BaseErrorParameters } from "../common/errors.js";

export type BeaconErrorCode =
  | "BEACON_TIMEOUT"
  | "BEACON_HTTP_ERROR"
  | "BEACON_MALFORMED_RESPONSE"
  | "BEACON_NETWORK_ERROR"
  | "BEACON_UNAVAILABLE"
  | "BEACON_NOT_SERVED"
  | "BEACON_PRESET_MISMATCH";

export class BeaconError extends BaseError {
  override name = "BeaconError";
  declare readonly code: BeaconErrorCode;
  readonly route: string;
  readonly status?: number;
  constructor(
    code: BeaconErrorCode,
    route: string,
    shortMessage: string,
    params: BaseErrorParameters & { status?: number } = {},
  ) {
    super(code, shortMessage, {
      ...params,
      meta: { ...params.meta, route, status: params.status },
    });
    this.route = route;
    this.status = params.status;
  }
}
