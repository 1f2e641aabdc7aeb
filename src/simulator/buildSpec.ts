import { chainConfigToJson, type ChainConfig } from "@lodestar/config";
import { mainnetChainConfig, minimalChainConfig } from "@lodestar/config/configs";
import { presetToJson } from "@lodestar/params";
import type { ChainConstants } from "./preset.js";
import type { Scenario } from "./scenario.js";

export type BuildSpecParameters = { constants: ChainConstants; scenario: Scenario };

/** Constants real nodes also publish in /eth/v1/config/spec (not part of preset or config). */
const SPEC_CONSTANTS: Record<string, string> = {
  BLS_WITHDRAWAL_PREFIX: "0x00",
  ETH1_ADDRESS_WITHDRAWAL_PREFIX: "0x01",
  COMPOUNDING_WITHDRAWAL_PREFIX: "0x02",
  DOMAIN_BEACON_PROPOSER: "0x00000000",
  DOMAIN_BEACON_ATTESTER: "0x01000000",
  DOMAIN_RANDAO: "0x02000000",
  DOMAIN_DEPOSIT: "0x03000000",
  DOMAIN_VOLUNTARY_EXIT: "0x04000000",
  DOMAIN_SELECTION_PROOF: "0x05000000",
  DOMAIN_AGGREGATE_AND_PROOF: "0x06000000",
  DOMAIN_SYNC_COMMITTEE: "0x07000000",
  DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF: "0x08000000",
  DOMAIN_CONTRIBUTION_AND_PROOF: "0x09000000",
  DOMAIN_BLS_TO_EXECUTION_CHANGE: "0x0a000000",
  DOMAIN_APPLICATION_MASK: "0x00000001",
  TARGET_AGGREGATORS_PER_COMMITTEE: "16",
  TIMELY_SOURCE_FLAG_INDEX: "0x00",
  TIMELY_TARGET_FLAG_INDEX: "0x01",
  TIMELY_HEAD_FLAG_INDEX: "0x02",
  TIMELY_SOURCE_WEIGHT: "14",
  TIMELY_TARGET_WEIGHT: "26",
  TIMELY_HEAD_WEIGHT: "14",
  SYNC_REWARD_WEIGHT: "2",
  PROPOSER_WEIGHT: "8",
  WEIGHT_DENOMINATOR: "64",
  FAR_FUTURE_EPOCH: "18446744073709551615",
  GENESIS_SLOT: "0",
  GENESIS_EPOCH: "0",
};

/**
 * The /eth/v1/config/spec document: the scenario preset's values and its network config with
 * every fork up to Electra at epoch 0 and later forks never, all as strings, so lodestar's
 * `chainConfigFromJson` rebuilds the same fork schedule.
 */
export function buildSpec({ constants, scenario }: BuildSpecParameters): Record<string, unknown> {
  const base = constants.preset === "minimal" ? minimalChainConfig : mainnetChainConfig;
  const config: ChainConfig = {
    ...base,
    CONFIG_NAME: `simulator-${scenario.name}`,
    MIN_GENESIS_TIME: scenario.genesisTime,
    GENESIS_DELAY: 0,
    ALTAIR_FORK_EPOCH: 0,
    BELLATRIX_FORK_EPOCH: 0,
    CAPELLA_FORK_EPOCH: 0,
    DENEB_FORK_EPOCH: 0,
    ELECTRA_FORK_EPOCH: 0,
    FULU_FORK_EPOCH: Infinity,
    GLOAS_FORK_EPOCH: Infinity,
    HEZE_FORK_EPOCH: Infinity,
    SECONDS_PER_SLOT: scenario.secondsPerSlot,
    SLOT_DURATION_MS: scenario.secondsPerSlot * 1000,
    MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: Math.min(
      base.MIN_GENESIS_ACTIVE_VALIDATOR_COUNT,
      scenario.validatorCount,
    ),
  };
  return { ...SPEC_CONSTANTS, ...presetToJson(constants.raw), ...chainConfigToJson(config) };
}
