import type { Client, QueryParams } from "../../client/index.js";
import { h, link, section, table } from "../dom.js";
import { MAX_SCORE_BPS } from "../../report/constants.js";
import { formatBps, formatEth, formatTime } from "../format.js";

const GRADES = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "D"];
const SORTS = [
  ["score_desc", "Riskiest first"],
  ["score_asc", "Safest first"],
  ["id", "By id"],
] as const;

/**
 * `/`: operators of the latest scoring run sorted by risk, with filters (a GET form, so every
 * filtered view has its own URL), pools by risk, the newest reports and the ingestion status.
 */
export async function renderIndexPage(
  client: Client,
  search: URLSearchParams,
): Promise<HTMLElement[]> {
  const query: QueryParams<"/v1/operators"> = {
    sort: (search.get("sort") as "score_desc" | null) ?? "score_desc",
    limit: 100,
  };
  if (search.get("grade")) query.grade = search.get("grade") as "AAA";
  if (search.get("pool")) query.pool = search.get("pool")!;
  if (search.get("minScore")) query.minScore = Number(search.get("minScore"));
  const [operators, pools, reports, ready] = await Promise.all([
    client.operators(query),
    client.pools(),
    client.reports({ limit: 10 }),
    client.ready(),
  ]);
  const poolName = new Map(pools.items.map((p) => [p.id, p.name]));
  const poolItems = [...pools.items].sort(
    (a, b) => (b.score?.scoreBps ?? -1) - (a.score?.scoreBps ?? -1),
  );

  const select = (
    name: string,
    label: string,
    options: (readonly [string, string])[],
    value: string | null,
  ) =>
    h(
      "label",
      {},
      label,
      h(
        "select",
        { name },
        options.map(([v, text]) => h("option", { value: v, selected: v === (value ?? "") }, text)),
      ),
    );
  const filters = h(
    "form",
    { class: "filters", method: "get", action: "/", "aria-label": "Filter operators" },
    select(
      "grade",
      "Grade",
      [["", "Any grade"], ...GRADES.map((g) => [g, g] as const)],
      search.get("grade"),
    ),
    select(
      "pool",
      "Pool",
      [["", "Any pool"], ...pools.items.map((p) => [p.id, p.name] as const)],
      search.get("pool"),
    ),
    h(
      "label",
      {},
      "Minimum score (bp of expected 30-day loss)",
      h("input", {
        type: "number",
        name: "minScore",
        min: 0,
        max: MAX_SCORE_BPS,
        value: search.get("minScore") ?? "",
      }),
    ),
    select(
      "sort",
      "Order",
      SORTS.map(([v, t]) => [v, t] as const),
      search.get("sort") ?? "score_desc",
    ),
    h("button", { type: "submit" }, "Apply filters"),
  );

  return [
    h("h1", {}, "Node operator risk"),
    h(
      "p",
      {},
      "A score is an operator's expected loss over the next 30 days, in basis points of its stake (missed rewards and penalties, and the expected cost of slashing), from the consensus layer's own data: 0 to 100 bp, so 35 bp is 0.35 % of the stake, about what a month fully offline costs. Each report's scores carry a zero-knowledge proof you can check on its page.",
    ),
    section(
      "Ingestion status",
      "status",
      h(
        "p",
        { class: ready.ready ? "ok" : "warn" },
        ready.ready
          ? "Caught up with the finalized chain."
          : "Behind the finalized chain: scores may be stale.",
      ),
      h(
        "p",
        {},
        `Finalized epoch ${ready.finalizedEpoch ?? "—"}, newest ingested ${ready.ingestedEpoch ?? "—"}, lag ${ready.lag ?? "—"}, newest scoring run ${ready.latestScoredEpoch ?? "—"}.`,
      ),
    ),
    section(
      "Operators",
      "operators",
      filters,
      table(
        `${operators.total} operators scored at epoch ${operators.epoch ?? "—"}`,
        ["Operator", "Pool", "Score", "Grade", "Validators", "Stake"],
        operators.items.map((o) => [
          link(`/operators/${encodeURIComponent(o.id)}`, o.name || o.id),
          o.poolId ? (poolName.get(o.poolId) ?? o.poolId) : "—",
          formatBps(o.scoreBps),
          o.grade,
          o.validators,
          formatEth(o.stakeGwei),
        ]),
      ),
    ),
    section(
      "Pools",
      "pools",
      table(
        `${poolItems.length} pools, riskiest first`,
        ["Pool", "Kind", "Score", "Grade", "Operators"],
        poolItems.map((p) => [
          p.name,
          p.kind,
          formatBps(p.score?.scoreBps),
          p.score?.grade ?? "—",
          p.operatorCount,
        ]),
      ),
    ),
    section(
      "Newest reports",
      "reports",
      table(
        `${reports.total} reports`,
        ["Report", "Epoch", "Status", "Operators", "Posted"],
        reports.items.map((r) => [
          link(`/reports/${r.id}`, `Report ${r.id}`),
          r.epoch,
          r.status,
          r.operatorCount,
          formatTime(r.postedAt),
        ]),
      ),
    ),
  ];
}
