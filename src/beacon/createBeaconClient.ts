import { getClient, type ApiClient } from "@lodestar/api";
import {
  chainConfigFromJson,
  createChainForkConfig,
  defaultChainConfig,
  type ChainForkConfig,
  type SpecJson,
} from "@lodestar/config";
import { ACTIVE_PRESET } from "@lodestar/params";
import type { Logger } from "../common/logger.js";
import { retry } from "../common/retry.js";
import type { Metrics } from "../metrics/index.js";
import { classifyBeaconFailure } from "./classifyBeaconFailure.js";
import { BeaconError } from "./errors.js";

export type BeaconClientOptions = {
  urls: readonly string[];
  timeoutMs: number;
  /** Extra attempts after the first, each going round every node once. */
  retries: number;
  retryBaseMs: number;
};

export type CreateBeaconClientParameters = {
  options: BeaconClientOptions;
  logger: Logger;
  metrics?: Metrics;
  /**
   * The process's stop: aborts the requests in flight, not only the waits between retries, so a
   * shutdown does not wait out a node that does not answer (BEACON_TIMEOUT_MS per attempt).
   */
  signal?: AbortSignal;
};

export type BeaconClient = {
  /** The chain's fork config built from the node's own /eth/v1/config/spec. */
  readonly config: ChainForkConfig;
  readonly spec: Readonly<SpecJson>;
  readonly slotsPerEpoch: number;
  /**
   * Runs `fn` against the first healthy node and returns its result. Retryable failures
   * (timeouts, connection errors, 5xx, malformed bodies) move on to the next node, and after a
   * full round wait with exponential backoff; other failures throw at once. `fn` gets the
   * client's signal for requests it makes outside Lodestar's client (the bulk reads).
   */
  request<T>(route: string, fn: (api: ApiClient, signal?: AbortSignal) => Promise<T>): Promise<T>;
  /** The underlying clients, one per node in failover order (for event streams). */
  readonly apis: readonly ApiClient[];
};

/**
 * Connects to one or more beacon nodes. The chain config comes from the node itself so any
 * network works, but SSZ types are fixed per process by @lodestar/params' preset
 * (LODESTAR_PRESET), so a node on another preset is refused with a clear error.
 */
export async function createBeaconClient({
  options,
  logger,
  metrics,
  signal,
}: CreateBeaconClientParameters): Promise<BeaconClient> {
  const log = logger.child({ module: "beacon" });
  const makeApis = (config: ChainForkConfig) =>
    options.urls.map((baseUrl) =>
      getClient(
        { baseUrl, globalInit: { timeoutMs: options.timeoutMs, retries: 0, signal } },
        { config },
      ),
    );

  let apis = makeApis(createChainForkConfig(defaultChainConfig));
  let preferred = 0;

  /** One round: every node once, from the preferred one; throws the round's verdict. */
  async function round<T>(
    route: string,
    fn: (api: ApiClient, signal?: AbortSignal) => Promise<T>,
    attempt: number,
  ): Promise<T> {
    let last: BeaconError | undefined;
    let notServed: BeaconError | undefined;
    for (let i = 0; i < apis.length; i++) {
      // Lodestar checks the signal only for an abort during a request: none starts after one.
      signal?.throwIfAborted();
      const index = (preferred + i) % apis.length;
      const baseUrl = options.urls[index];
      const end = metrics?.beacon.requestSeconds.startTimer({ route });
      try {
        const result = await fn(apis[index], signal);
        end?.({ outcome: "ok" });
        if (index !== preferred) {
          log.info(
            { from: printable(options.urls[preferred]), to: printable(baseUrl) },
            "beacon failover",
          );
          preferred = index;
        }
        return result;
      } catch (failure) {
        end?.({ outcome: "error" });
        const error = classifyBeaconFailure(route, failure, printable(baseUrl));
        metrics?.beacon.requestErrors.inc({ route, kind: errorKind(error) });
        // A pruned node's refusal: another node (an archive one) may have it, asking again will not.
        if (error.code === "BEACON_NOT_SERVED") {
          notServed = error;
          continue;
        }
        if (!error.retryable) throw error;
        last = error;
        log.warn(
          {
            route,
            node: printable(baseUrl),
            attempt,
            code: error.code,
            status: error.status,
            reason: error.details ?? error.shortMessage,
          },
          "beacon request failed",
        );
        if (apis.length > 1) metrics?.beacon.failovers.inc();
      }
    }
    if (notServed) throw notServed;
    // Only this verdict is retried (by `request`); the last round's is what the caller sees.
    throw new BeaconError(
      "BEACON_UNAVAILABLE",
      route,
      `No beacon node answered ${route} after ${attempt} attempt(s)`,
      {
        cause: last,
        details: last?.shortMessage,
        retryable: true,
      },
    );
  }

  function request<T>(
    route: string,
    fn: (api: ApiClient, signal?: AbortSignal) => Promise<T>,
  ): Promise<T> {
    // Rounds, not single calls, are retried: a failure moves on to the next node at once, and
    // only a round in which every node failed waits (base * 2^n, 75 to 100 % of it) and goes again.
    return retry((attempt) => round(route, fn, attempt), {
      retries: options.retries,
      delayMs: options.retryBaseMs,
      factor: 2,
      maxDelayMs: Number.POSITIVE_INFINITY,
      jitter: 0.25,
      shouldRetry: (error) => error instanceof BeaconError && error.code === "BEACON_UNAVAILABLE",
      signal,
    });
  }

  const spec = await request("getSpec", async (api) => (await api.config.getSpec()).value());
  const presetBase = spec.PRESET_BASE;
  if (presetBase && presetBase !== ACTIVE_PRESET) {
    throw new BeaconError(
      "BEACON_PRESET_MISMATCH",
      "getSpec",
      `Beacon node runs the ${presetBase} preset but this process uses ${ACTIVE_PRESET}`,
      {
        details: `Restart with LODESTAR_PRESET=${presetBase} so SSZ types match the node's.`,
      },
    );
  }
  const config = createChainForkConfig(chainConfigFromJson(spec));
  apis = makeApis(config);
  const slotsPerEpoch = Number(spec.SLOTS_PER_EPOCH);
  log.info(
    { nodes: options.urls.map(printable), preset: presetBase, configName: spec.CONFIG_NAME },
    "beacon client ready",
  );
  return {
    config,
    spec,
    slotsPerEpoch,
    request,
    get apis() {
      return apis;
    },
  };
}

/** URLs may carry credentials (user:pass@ or API keys in the path); logs show only the origin. */
function printable(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid url)";
  }
}

function errorKind(error: BeaconError): string {
  switch (error.code) {
    case "BEACON_TIMEOUT":
      return "timeout";
    case "BEACON_MALFORMED_RESPONSE":
      return "malformed";
    case "BEACON_NOT_SERVED":
      return "not_served";
    case "BEACON_HTTP_ERROR":
      return error.status !== undefined && error.status >= 500 ? "http_5xx" : "http_4xx";
    default:
      return "network";
  }
}
