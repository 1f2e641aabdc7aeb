import type { Client, Operator, Validator } from "../../client/index.js";
import { renderScoreChart } from "../chart/renderScoreChart.js";
import { facts, h, link, section, table } from "../dom.js";
import { formatBps, formatEth, formatTime, gradeMeaning } from "../format.js";

/** Validators whose recent duties the page shows (each is one request). */
const DUTY_VALIDATORS = 10;
const DUTY_EPOCHS = 5;

/**
 * `/operators/:id`: the latest score, its grade and meaning, the score history as SVG, the drivers
 * of the score and what changed, validators with their recent duties, slashings, and the
 * reports that proved each score.
 */
export async function renderOperatorPage(client: Client, id: string): Promise<HTMLElement[]> {
  const operator = await client.operator(id);
  const [history, validators, slashings, reports] = await Promise.all([
    client.operatorScores(id, { limit: 500 }),
    client.get("/v1/operators/{id}/validators", { path: { id }, query: { limit: 50 } }),
    client.slashings({ operator: id, limit: 50 }),
    client.get("/v1/operators/{id}/reports", { path: { id }, query: { limit: 50 } }),
  ]);
  const duties = await Promise.all(
    validators.items
      .slice(0, DUTY_VALIDATORS)
      .map((v) => client.validator(v.index, { epochs: DUTY_EPOCHS })),
  );
  const score = operator.score;

  return [
    h("h1", {}, `Operator ${operator.name || operator.id}`),
    facts([
      ["Id", h("code", {}, operator.id)],
      ["Pool", operator.pool?.name ?? "none"],
      ["Validators", score?.validators ?? validators.total],
      ["Stake", score ? formatEth(score.stakeGwei) : "—"],
    ]),
    section(
      "Latest score",
      "score",
      score
        ? [
            h("p", { class: "verdict" }, `${formatBps(score.scoreBps)}, grade ${score.grade}`),
            h(
              "p",
              {},
              `Grade ${score.grade} means ${gradeMeaning(score.grade)}. Scored at epoch ${score.epoch} by model ${score.modelSha256.slice(0, 12)}…`,
            ),
            operator.latestReport
              ? h(
                  "p",
                  {},
                  "Newest report holding this operator: ",
                  link(
                    `/reports/${operator.latestReport.id}`,
                    `report ${operator.latestReport.id}`,
                  ),
                  ` (epoch ${operator.latestReport.epoch}, ${operator.latestReport.status}).`,
                )
              : null,
          ]
        : h("p", {}, "This operator has not been scored yet."),
    ),
    section(
      "Score history",
      "history",
      renderScoreChart({
        points: history.items,
        title: `Score history of ${operator.name || operator.id}`,
      }),
    ),
    section("Drivers of the score", "drivers", renderDrivers(operator, history.items[1]?.features)),
    section(
      "Validators and recent duties",
      "validators",
      table(
        `${validators.total} validators${validators.total > validators.items.length ? `, the first ${validators.items.length} shown` : ""}`,
        ["Index", "Status", "Slashed", "Effective balance"],
        validators.items.map((v) => [
          v.index,
          v.status,
          v.slashed ? "yes" : "no",
          formatEth(v.effectiveBalanceGwei),
        ]),
      ),
      renderDuties(duties),
    ),
    section(
      "Slashings",
      "slashings",
      slashings.items.length === 0
        ? h("p", {}, "No slashing of this operator's validators is recorded.")
        : table(
            `${slashings.total} slashings`,
            ["Epoch", "Slot", "Kind", "Slashed validators"],
            slashings.items.map((s) => [
              s.epoch,
              s.slot,
              s.type,
              s.offenders.map((v) => v.index).join(", "),
            ]),
          ),
    ),
    section(
      "Proven scores and their reports",
      "reports",
      reports.items.length === 0
        ? h("p", {}, "No report holds this operator yet.")
        : table(
            `${reports.total} reports hold this operator`,
            ["Report", "Epoch", "Status", "Proven score", "Feed", "Posted"],
            reports.items.map((r) => [
              link(`/reports/${r.id}`, `Report ${r.id}`),
              r.epoch,
              r.status,
              formatBps(r.scoreBps),
              r.feedIndex,
              formatTime(r.postedAt),
            ]),
          ),
    ),
  ];
}

/**
 * The drivers of the score: the API's per-feature contributions to the model's logit and what moved
 * since the previous score; for scores stored without them, the committed feature vector and its change.
 */
function renderDrivers(operator: Operator, previous: number[] | undefined): HTMLElement[] {
  const score = operator.score;
  if (!score) return [h("p", {}, "No score, no drivers.")];
  const explanation = score.explanation;
  if (explanation) {
    const since = explanation.sincePrevious;
    return [
      table(
        "Largest contributions to the model's logit (positive raises the risk)",
        ["Feature", "Contribution"],
        explanation.topDrivers.map((d) => [h("code", {}, d.feature), signed(d.logit)]),
      ),
      since
        ? table(
            `Since the previous score (epoch ${since.epoch}): ${since.scoreBpsChange >= 0 ? "+" : "−"}${Math.abs(since.scoreBpsChange)} bps`,
            ["Feature", "Change of contribution"],
            since.changes.map((d) => [h("code", {}, d.feature), signed(d.logit)]),
          )
        : h("p", {}, "No previous score to compare with."),
    ];
  }
  const names = score.features.names ?? score.features.values.map((_, i) => `feature ${i}`);
  return [
    h(
      "p",
      {},
      "This score was stored without per-feature contributions; these are the committed feature values and their change since the previous scoring.",
    ),
    table(
      `Feature vector ${score.features.version}`,
      ["Feature", "Value", "Change"],
      names.map((name, i) => [
        h("code", {}, name),
        score.features.values[i].toFixed(4),
        previous ? signed(score.features.values[i] - previous[i]) : "—",
      ]),
    ),
  ];
}

function renderDuties(duties: Validator[]): HTMLElement {
  const rows = duties.flatMap((v) =>
    v.performance.items.map((p) => [
      v.index,
      p.epoch,
      p.status,
      p.duty ? "yes" : "no",
      hit(p.duty, p.sourceHit),
      hit(p.duty, p.targetHit),
      hit(p.duty, p.headHit),
    ]),
  );
  return table(
    `Recent duties (newest ${DUTY_EPOCHS} stored epochs of up to ${DUTY_VALIDATORS} validators)`,
    ["Validator", "Epoch", "Status", "Attestation duty", "Source", "Target", "Head"],
    rows,
  );
}

const hit = (duty: boolean, ok: boolean) => (!duty ? "—" : ok ? "hit" : "missed");
const signed = (x: number) => (x === 0 ? "0" : `${x > 0 ? "+" : "−"}${Math.abs(x).toFixed(4)}`);
