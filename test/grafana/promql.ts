/**
 * Just enough PromQL reading to check dashboards and alert rules against the metric registry:
 * which metric names an expression selects, which labels it matches on, and which labels it
 * groups by. Functions, aggregations, keywords, numbers, durations, strings, ranges, offsets and
 * Grafana variables ($__rate_interval, ${pool}) are skipped.
 */
import type { Registry } from "prom-client";

export type Selector = { metric: string; labels: string[] };
export type ParsedExpression = { selectors: Selector[]; grouping: string[] };

const KEYWORDS = new Set([
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "inf",
  "nan",
  "atan2",
]);
const GROUPING = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);
// Aggregation operators may put their `by (...)` clause before the parenthesis: `sum by (le) (x)`.
const AGGREGATIONS = new Set([
  "sum",
  "min",
  "max",
  "avg",
  "group",
  "stddev",
  "stdvar",
  "count",
  "count_values",
  "bottomk",
  "topk",
  "quantile",
  "limitk",
  "limit_ratio",
]);

type Token = { kind: "ident" | "string" | "number" | "punct" | "op"; text: string };

function tokenize(expr: string): Token[] {
  // Grafana variables: in a range they are durations, elsewhere (inside strings) they are text.
  const src = expr.replace(/\$\{[^}]*\}|\$\w+/g, "1m");
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" && c !== "`" ? 2 : 1;
      if (j >= src.length) throw new Error(`unterminated string in ${JSON.stringify(expr)}`);
      tokens.push({ kind: "string", text: src.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(?:0x[0-9a-fA-F]+|(?:\d+(?:ms|[smhdwy]))+|\d*\.?\d+(?:[eE][+-]?\d+)?)/.exec(
        src.slice(i),
      );
      if (!m)
        throw new Error(
          `bad number at ${JSON.stringify(src.slice(i, i + 10))} in ${JSON.stringify(expr)}`,
        );
      tokens.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (/[a-zA-Z_:]/.test(c)) {
      const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(src.slice(i))!;
      tokens.push({ kind: "ident", text: m[0] });
      i += m[0].length;
    } else if ("(){}[],".includes(c)) {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else {
      const m = /^(?:==|!=|=~|!~|>=|<=|[-+*/%^<>=@])/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected ${JSON.stringify(c)} in ${JSON.stringify(expr)}`);
      tokens.push({ kind: "op", text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** Metric selectors (with the labels their matchers name) and grouping labels of one expression. */
export function parsePromql(expr: string): ParsedExpression {
  const t = tokenize(expr);
  const selectors: Selector[] = [];
  const grouping: string[] = [];
  const at = (k: number) => t[k] ?? { kind: "punct", text: "" };

  // Reads `{name op "value", ...}` starting at the `{`; returns the label names and the next index.
  const matchers = (k: number): [string[], number] => {
    const labels: string[] = [];
    k++;
    while (k < t.length && at(k).text !== "}") {
      const name = at(k);
      if (name.kind === "string") {
        labels.push(`"${name.text}"`); // a quoted metric name in the braces (Prometheus 3)
        k++;
      } else {
        if (name.kind !== "ident" || at(k + 1).kind !== "op" || at(k + 2).kind !== "string")
          throw new Error(`bad label matcher in ${JSON.stringify(expr)}`);
        labels.push(name.text);
        k += 3;
      }
      if (at(k).text === ",") k++;
    }
    if (at(k).text !== "}") throw new Error(`unclosed { in ${JSON.stringify(expr)}`);
    return [labels, k + 1];
  };

  let depth = 0;
  for (let k = 0; k < t.length; ) {
    const tok = t[k];
    if (tok.kind === "punct" && tok.text === "[") {
      // range or subquery: skip to its `]`
      while (k < t.length && t[k].text !== "]") k++;
      k++;
    } else if (tok.kind === "ident" && GROUPING.has(tok.text)) {
      k++;
      if (at(k).text === "(") {
        k++;
        while (k < t.length && at(k).text !== ")") {
          if (at(k).kind === "ident") grouping.push(at(k).text);
          else if (at(k).text !== ",")
            throw new Error(`bad label list after ${tok.text} in ${JSON.stringify(expr)}`);
          k++;
        }
        k++;
      }
    } else if (tok.kind === "ident" && tok.text === "offset") {
      k += 2; // offset DURATION
    } else if (
      tok.kind === "ident" &&
      (KEYWORDS.has(tok.text.toLowerCase()) || AGGREGATIONS.has(tok.text) || at(k + 1).text === "(")
    ) {
      k++; // keyword, aggregation or function name
    } else if (tok.kind === "ident") {
      const metric = tok.text;
      k++;
      let labels: string[] = [];
      if (at(k).text === "{") [labels, k] = matchers(k);
      selectors.push({ metric, labels });
    } else if (tok.kind === "punct" && tok.text === "{") {
      // {__name__="x", ...}: a selector without a leading name
      const [labels, next] = matchers(k);
      const name = /__name__\s*=\s*"([^"]+)"/.exec(expr)?.[1];
      selectors.push({ metric: name ?? "{}", labels: labels.filter((l) => l !== "__name__") });
      k = next;
    } else {
      if (tok.text === "(") depth++;
      if (tok.text === ")") depth--;
      k++;
    }
  }
  if (depth !== 0) throw new Error(`unbalanced parentheses in ${JSON.stringify(expr)}`);
  return { selectors, grouping };
}

export type MetricCatalog = Map<string, { type: string; labels: Set<string> }>;

/** Name, type and label names of every metric in a prom-client registry. */
export function catalogOf(registry: Registry): MetricCatalog {
  const catalog: MetricCatalog = new Map();
  for (const m of registry.getMetricsAsArray()) {
    const labelNames = (m as unknown as { labelNames?: string[] }).labelNames ?? [];
    catalog.set(m.name, { type: String(m.type), labels: new Set(labelNames) });
  }
  return catalog;
}

/**
 * The registry metric a series name belongs to: the name itself, or for `_bucket`, `_sum` and
 * `_count` the histogram (or summary) they are series of. Undefined when there is none.
 */
export function registryMetricOf(
  series: string,
  catalog: MetricCatalog,
): { name: string; bucket: boolean } | undefined {
  if (catalog.has(series)) return { name: series, bucket: false };
  const m = /^(.*)_(bucket|sum|count)$/.exec(series);
  if (!m) return undefined;
  const base = catalog.get(m[1]);
  if (!base || !(base.type === "histogram" || (base.type === "summary" && m[2] !== "bucket")))
    return undefined;
  return { name: m[1], bucket: m[2] === "bucket" };
}

export type CheckOptions = {
  /** Series Prometheus itself makes (e.g. `up`), which no registry declares. */
  builtinSeries?: ReadonlySet<string>;
  /** Labels Prometheus attaches to every scraped series (job, instance, scrape-config labels). */
  targetLabels?: ReadonlySet<string>;
};

/**
 * Problems of one expression against the registry: unknown metrics, label matchers on labels the
 * metric does not have, and grouping labels that no selected metric has. Empty when it is sound.
 */
export function checkExpression(
  expr: string,
  catalog: MetricCatalog,
  options: CheckOptions = {},
): string[] {
  const builtin = options.builtinSeries ?? new Set<string>();
  const target = options.targetLabels ?? new Set<string>();
  let parsed: ParsedExpression;
  try {
    parsed = parsePromql(expr);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  const available = new Set<string>(target);
  if (parsed.selectors.length === 0) problems.push(`selects no metric`);
  for (const { metric, labels } of parsed.selectors) {
    if (builtin.has(metric)) {
      for (const l of labels) available.add(l);
      continue;
    }
    const found = registryMetricOf(metric, catalog);
    if (!found) {
      problems.push(`unknown metric ${metric}`);
      continue;
    }
    const own = catalog.get(found.name)!.labels;
    for (const l of own) available.add(l);
    if (found.bucket) available.add("le");
    for (const l of labels) {
      if (!own.has(l) && !target.has(l) && !(found.bucket && l === "le"))
        problems.push(`${metric} has no label ${l}`);
    }
  }
  for (const l of parsed.grouping)
    if (!available.has(l)) problems.push(`grouping label ${l} is on none of the selected series`);
  return problems;
}

/** Metric names an expression selects, mapped to registry names where they exist. */
export function metricNames(expr: string, catalog: MetricCatalog): string[] {
  return [
    ...new Set(
      parsePromql(expr).selectors.map((s) => registryMetricOf(s.metric, catalog)?.name ?? s.metric),
    ),
  ];
}

/**
 * The value Docker Compose would use for a `${VAR:-default}` / `${VAR-default}` / `${VAR}`
 * interpolation when VAR is not set: the default, or empty.
 */
export function composeDefaults(value: string): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g,
    (_m, _name: string, fallback?: string) => fallback ?? "",
  );
}
