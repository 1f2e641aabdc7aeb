import { FEATURE_SPECS, FEATURE_VERSION } from "../features/index.js";
import { CALIBRATION_EDGES, type Metrics } from "./evaluate.js";
import { SCALED_RANGE } from "./inputScaling.js";
import { SEVERE_SHORTFALL_SHARE } from "./severeLoss.js";
import { OUTPUT_UNIT_BPS } from "../onnx/index.js";
import type { ArchetypeGateReturnType } from "./archetypeGate.js";
import type { FreshSeedResult } from "./evaluateFreshSeeds.js";
import type { TrainRiskModelReturnType } from "./trainRiskModel.js";

export type ModelCard = {
  name: string;
  modelSha256: string;
  kind: TrainRiskModelReturnType["kind"];
  architecture: string;
  onnxOperators: string[];
  target: string;
  /** What the ONNX output (the proven, posted number) is. */
  output: string;
  /** The expected-shortfall head: the points (probability, expected 30-day shortfall bp) it interpolates. */
  shortfallHead: { p: number; bps: number }[];
  featureVersion: string;
  features: { name: string; lo: number; hi: number; description: string }[];
  inputNormalisation: string;
  data: Record<string, unknown>;
  split: TrainRiskModelReturnType["split"];
  metrics: { model: Metrics; mlp: Metrics; logistic: Metrics; thresholdRule: Metrics };
  selection: string;
  reproduce: string;
  excludedFeatures: string[];
  platt?: { a: number; b: number };
  /** The reference operator (training medians) contributions are measured from. */
  contributionBaseline: number[];
  /** One entry per fresh simulator seed never used in training or selection (empty for CSV data). */
  fresh_seeds: FreshSeedResult[];
  /** The same measures on the validation seeds the training procedure was chosen on. */
  validation_seeds?: FreshSeedResult[];
  /** Whether the model beat the best single feature on every fresh seed: the shipping rule. */
  beatsBestSingleFeature: boolean;
  /** The command that re-measured fresh_seeds when they were added to an existing card. */
  freshSeedsReproduce?: string;
  /** The named operators' scores and the orderings the shipping rule requires of them. */
  archetypes?: ArchetypeGateReturnType;
  limitations: string[];
};

export type BuildModelCardParameters = {
  result: TrainRiskModelReturnType;
  modelSha256: string;
  data: Record<string, unknown>;
  reproduce: string;
  freshSeeds: FreshSeedResult[];
  validationSeeds?: FreshSeedResult[];
  archetypes?: ArchetypeGateReturnType;
};

export function buildModelCard({
  result,
  modelSha256,
  data,
  reproduce,
  freshSeeds,
  validationSeeds = [],
  archetypes,
}: BuildModelCardParameters): ModelCard {
  const sizes = [FEATURE_SPECS.length, ...result.hidden, 1];
  const hinges = result.head.layers[0].outputs;
  return {
    name: "operator-risk",
    modelSha256,
    kind: result.kind,
    architecture: `${sizes.join("→")} (${result.hidden.length > 0 ? "Relu hidden, " : ""}Sigmoid: the probability), then the expected-shortfall head 1→${hinges}→1 (Relu hinges, linear output)`,
    onnxOperators: ["Gemm", "Relu", "Sigmoid"],
    output: `Expected performance shortfall (missed rewards plus penalties) over the next 30 days, in units of ${OUTPUT_UNIT_BPS} bp of stake: the number the proof outputs and RiskOracle posts as bp (round(output × ${OUTPUT_UNIT_BPS}))`,
    shortfallHead: result.head.points,
    target: `P(severe loss in the next 30 days): any slashing of the operator's validators, or missed rewards plus penalties ≥ ${Number((SEVERE_SHORTFALL_SHARE * 1e4).toFixed(2))} bp of its stake`,
    featureVersion: FEATURE_VERSION,
    features: FEATURE_SPECS.map((s) => ({ ...s })),
    inputNormalisation: `x_scaled = (x − lo) · ${2 * SCALED_RANGE} / (hi − lo) − ${SCALED_RANGE} per feature, folded into the first Gemm; features are bounded to [lo, hi] by src/features, so scaled inputs lie in [−${SCALED_RANGE}, ${SCALED_RANGE}]`,
    data,
    split: result.split,
    metrics: result.metrics,
    selection: result.selection,
    reproduce,
    excludedFeatures: result.excludedFeatures,
    platt: result.platt,
    contributionBaseline: result.contributionBaseline,
    fresh_seeds: freshSeeds,
    validation_seeds: validationSeeds,
    archetypes,
    beatsBestSingleFeature:
      freshSeeds.length > 0 && freshSeeds.every((f) => f.model_auroc > f.best_single_feature_auroc),
    limitations: [
      "Trained on simulated operators (src/model/simulateOperator.ts) calibrated to public figures, not on observed mainnet outcomes; retrain with real labels (--data) when available.",
      "Slashing draws are boosted in the simulator and undone with importance weights: slashing positives are few in effective weight, so the score mostly ranks performance-driven losses; slashing without on-chain warning signs (e.g. a remote-signer misconfiguration) is not predictable from these features.",
      "The probability is calibrated to the simulated population; the calibration table shows how closely.",
    ],
  };
}

export function renderModelCardMarkdown(card: ModelCard): string {
  const row = (name: string, m: Metrics) =>
    `| ${name} | ${m.auroc.toFixed(4)} | ${m.brier.toFixed(5)} | ${m.logLoss.toFixed(5)} |`;
  const calib = (name: string, m: Metrics) =>
    [
      `**${name}**`,
      "",
      "| predicted | samples | mean predicted | observed |",
      "|---|---|---|---|",
      ...m.calibration.map(
        (b) =>
          `| ${b.from}–${b.to} | ${b.count} | ${b.meanPredicted.toFixed(4)} | ${b.observedRate.toFixed(4)} |`,
      ),
      "",
    ].join("\n");
  return [
    `# Model card: ${card.name}`,
    "",
    `- Model: ${card.kind}, ${card.architecture}; ONNX operators ${card.onnxOperators.join(", ")}`,
    `- sha256 of the ONNX file: \`${card.modelSha256}\``,
    `- Target (the probability): ${card.target}`,
    `- Output (the proven, posted number): ${card.output}`,
    `- Expected-shortfall head (probability → bp): ${card.shortfallHead.map((pt) => `${pt.p.toFixed(4)} → ${pt.bps.toFixed(2)}`).join(", ")}`,
    `- Feature version: \`${card.featureVersion}\` (${card.features.length} features)`,
    `- Input normalisation: ${card.inputNormalisation}`,
    `- Reproduce: \`${card.reproduce}\``,
    "",
    "## Data",
    "",
    ...Object.entries(card.data).map(
      ([k, v]) => `- ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`,
    ),
    `- Split by operator: ${card.split.trainOperators} operators / ${card.split.trainSamples} samples train, ${card.split.testOperators} / ${card.split.testSamples} held out`,
    "",
    "## Held-out metrics (importance-weighted)",
    "",
    "| model | AUROC | Brier | log-loss |",
    "|---|---|---|---|",
    row(`shipped (${card.kind})`, card.metrics.model),
    row("MLP", card.metrics.mlp),
    row("logistic regression (baseline)", card.metrics.logistic),
    row("CSM threshold rule (baseline)", card.metrics.thresholdRule),
    "",
    `Held-out positives: ${card.metrics.model.positives} of ${card.metrics.model.count} samples (weighted rate ${(card.metrics.model.weightedPositiveRate * 100).toFixed(2)}%).`,
    "",
    `Selection: ${card.selection}.`,
    "",
    `Inputs held at weight 0: ${card.excludedFeatures.length > 0 ? card.excludedFeatures.map((f) => `\`${f}\``).join(", ") : "none"}. Platt scaling: ${card.platt ? `a=${card.platt.a.toFixed(4)}, b=${card.platt.b.toFixed(4)}` : "not applied"}.`,
    "",
    "## Fresh seeds (never used in training or selection; importance-weighted)",
    "",
    "| seed | model AUROC | best single feature | its AUROC | 1d shortfall | 7d shortfall | CSM rule | size (slashing) | slashing AUROC | slashing n_eff | ECE |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...card.fresh_seeds.map(
      (f) =>
        `| ${f.seed} | ${f.model_auroc.toFixed(4)} | \`${f.best_single_feature}\` | ${f.best_single_feature_auroc.toFixed(4)} | ${f.baselines.shortfall_1d_auroc.toFixed(4)} | ${f.baselines.shortfall_7d_auroc.toFixed(4)} | ${f.baselines.csm_rule_auroc.toFixed(4)} | ${f.baselines.size_slashing_auroc.toFixed(4)} | ${f.slashing_auroc.toFixed(4)} | ${f.slashing_effective_n.toFixed(1)} | ${f.ece.toFixed(4)} |`,
    ),
    "",
    `Beats the best single feature on every fresh seed: **${card.beatsBestSingleFeature ? "yes" : "no"}**.${card.freshSeedsReproduce ? ` Measured by \`${card.freshSeedsReproduce}\`.` : ""}`,
    "",
    ...renderShortfall(card.fresh_seeds),
    "## Validation seeds (the training procedure was chosen on these; importance-weighted)",
    "",
    "| seed | model AUROC | best single feature | its AUROC | ECE |",
    "|---|---|---|---|---|",
    ...(card.validation_seeds ?? []).map(
      (f) =>
        `| ${f.seed} | ${f.model_auroc.toFixed(4)} | \`${f.best_single_feature}\` | ${f.best_single_feature_auroc.toFixed(4)} | ${f.ece.toFixed(4)} |`,
    ),
    "",
    ...renderArchetypes(card.archetypes),
    `## Calibration (bins ${CALIBRATION_EDGES.join(", ")})`,
    "",
    calib(`shipped (${card.kind})`, card.metrics.model),
    calib("CSM threshold rule", card.metrics.thresholdRule),
    "## Features",
    "",
    "| # | name | range | definition |",
    "|---|---|---|---|",
    ...card.features.map(
      (f, i) => `| ${i} | \`${f.name}\` | [${f.lo}, ${f.hi}] | ${f.description} |`,
    ),
    "",
    "## Limitations",
    "",
    ...card.limitations.map((l) => `- ${l}`),
    "",
  ].join("\n");
}

function renderShortfall(seeds: ModelCard["fresh_seeds"]): string[] {
  const measured = seeds.filter((f) => f.expected_shortfall);
  if (measured.length === 0) return [];
  return [
    "## Expected 30-day shortfall on the fresh seeds (bp of stake, importance-weighted)",
    "",
    "| seed | mean predicted | mean realised | calibration error | bins: predicted / realised [95% CI] (n_eff) |",
    "|---|---|---|---|---|",
    ...measured.map((f) => {
      const e = f.expected_shortfall!;
      const bins = e.points
        .map(
          (b) =>
            `${b.fromBps}–${b.toBps}: ${b.meanPredictedBps.toFixed(2)} / ${b.meanRealisedBps.toFixed(2)} [${b.ciLowBps.toFixed(2)}, ${b.ciHighBps.toFixed(2)}] (${b.effectiveN.toFixed(0)})`,
        )
        .join("; ");
      return `| ${f.seed} | ${e.meanPredictedBps.toFixed(3)} | ${e.meanRealisedBps.toFixed(3)} | ${e.calibrationErrorBps.toFixed(3)} | ${bins} |`;
    }),
    "",
  ];
}

function renderArchetypes(gate: ModelCard["archetypes"]): string[] {
  if (!gate) return [];
  return [
    "## Archetypes (the shipping rule's gate; operators built by src/features)",
    "",
    "| operator | score | what it is |",
    "|---|---|---|",
    ...gate.archetypes.map((a) => `| \`${a.name}\` | ${a.score.toFixed(4)} | ${a.description} |`),
    "",
    `Training population p95 score: ${gate.populationP95.toFixed(4)}.`,
    "",
    "| required | holds |",
    "|---|---|",
    ...gate.checks.map((c) => `| ${c.rule} | ${c.passes ? "yes" : "**no**"} |`),
    "",
    `Passes the archetype gate: **${gate.passes ? "yes" : "no"}**.`,
    "",
  ];
}
