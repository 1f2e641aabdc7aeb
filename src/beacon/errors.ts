import { BaseError, type BaseErrorParameters } from "../common/errors.js";

/** Every code's meta names the route and the answer's HTTP status, when there was one. */
type BeaconRoute = { route: string; status?: number };

/** The fields each code carries in `meta`; `baseUrl` is the node a classified failure came from. */
export type BeaconErrorMeta = {
  BEACON_TIMEOUT: BeaconRoute & { baseUrl: string };
  BEACON_HTTP_ERROR: BeaconRoute & { status: number; baseUrl: string };
  BEACON_MALFORMED_RESPONSE: BeaconRoute & { baseUrl: string };
  BEACON_NETWORK_ERROR: BeaconRoute & { baseUrl: string };
  /** Every configured node failed the route: the last failure is the cause. */
  BEACON_UNAVAILABLE: BeaconRoute;
  BEACON_NOT_SERVED: BeaconRoute & { status: number; baseUrl: string };
  BEACON_PRESET_MISMATCH: BeaconRoute;
};

export type BeaconErrorCode = keyof BeaconErrorMeta;

export class BeaconError<C extends BeaconErrorCode = BeaconErrorCode> extends BaseError<
  BeaconErrorMeta[C]
> {
  override name = "BeaconError";
  declare readonly code: C;
  readonly route: string;
  readonly status?: number;
  constructor(
    code: C,
    route: string,
    shortMessage: string,
    params: BaseErrorParameters<Omit<BeaconErrorMeta[C], "route" | "status">> & {
      status?: number;
    } = {},
  ) {
    super(code, shortMessage, {
      ...params,
      meta: { ...params.meta, route, status: params.status } as BeaconErrorMeta[C],
    });
    this.route = route;
    this.status = params.status;
  }
}
