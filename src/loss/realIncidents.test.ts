import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sharedPath, skipUnlessShared } from "../../test/support/shared.js";
import { FEATURE_COUNT, FEATURE_NAMES } from "../features/index.js";
import {
  BACKGROUND_SLASHED_VALIDATORS,
  clusterSizeDistribution,
  operatorLoss,
  slashedValidatorLoss,
} from "./index.js";

const FILE = "known_mainnet_slashings_from_test_fixtures.csv";
/** RockLogic ran about 5,700 validators in April 2023 (issue 13; Lido curated module). */
const ROCKLOGIC_VALIDATORS = 5_700;

describe("losses against the real RockLogic cluster (April 2023)", () => {
  it(
    "prices the cluster before, at and after it by the spec and the prior",
    skipUnlessShared("data", FILE),
    () => {
      const rows = readFileSync(sharedPath("data", FILE)!, "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(","));
      const rock = rows.filter((c) => c[6].startsWith("RockLogic"));
      assert.equal(rock.length, 11);
      const slots = rock.map((c) => Number(c[3]));
      assert.ok(Math.max(...slots) - Math.min(...slots) <= 6, "11 slashings within 6 slots");
      const k = rock.length;

      const features = Array.from({ length: FEATURE_COUNT }, (_, i) =>
        FEATURE_NAMES[i] === "validators_log" ? Math.log10(ROCKLOGIC_VALIDATORS + 1) : -2.5,
      );
      // Before: the prior gives a cluster of this size a real chance, and a small 30-day probability.
      const before = operatorLoss({ features, shortfallBps30d: 0.3 });
      const sizes = clusterSizeDistribution(ROCKLOGIC_VALIDATORS);
      assert.ok(sizes.some((s) => s.size === k && s.probability > 0));
      assert.ok(
        before.slashingProbability30d > 0.01 && before.slashingProbability30d < 0.1,
        `before ${before.slashingProbability30d}`,
      );

      // At: the realised loss of each slashed validator by the spec, and of the operator's stake.
      const perValidator =
        Number(
          slashedValidatorLoss({
            slashedInWindowGwei: BigInt(k + BACKGROUND_SLASHED_VALIDATORS) * 32_000_000_000n,
          }).totalGwei,
        ) / 1e9;
      assert.ok(
        perValidator > 0.066 && perValidator < 0.07,
        `per slashed validator ${perValidator} ETH`,
      );
      const realisedPer32 = (k / ROCKLOGIC_VALIDATORS) * perValidator;
      // The whole-set stress bounds what happened by three orders of magnitude.
      assert.ok(before.stressed.operator_set_slashed.ethPer32 > 1_000 * realisedPer32);

      // After (30 days on, nothing more happened): history, not a forecast.
      const after = operatorLoss({
        features,
        shortfallBps30d: 0.3,
        history: { incidents: 1, exposureYears: 2 },
      });
      assert.ok(after.slashingIncidentsPerYear > before.slashingIncidentsPerYear);
      assert.ok(after.slashingIncidentsPerYear < 2 * before.slashingIncidentsPerYear);
      assert.ok(after.slashingProbability30d < 0.1, `after ${after.slashingProbability30d}`);
      assert.ok(
        after.expectedLossBps30d - before.expectedLossBps30d < 1,
        "expected loss moves by under 1 bp",
      );
    },
  );
});
