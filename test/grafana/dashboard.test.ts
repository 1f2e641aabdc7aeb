/**
 * The ops dashboard, the alert rules and the Docker Compose deployment cannot drift from the
 * code: every metric and label a PromQL expression names must be declared in
 * src/metrics/createMetrics.ts, the dashboard must use the provisioned data source, and
 * Prometheus must scrape every process of docker-compose.yml on the port it listens on.
 * No Docker engine is needed: the files are parsed, not run.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { settings } from "../../src/config/settings.js";
import { createMetrics } from "../../src/metrics/createMetrics.js";
import { catalogOf, checkExpression, composeDefaults, metricNames, parsePromql } from "./promql.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const yaml = (file: string) => parse(read(file), { merge: true });

// Series Prometheus makes itself for every target; no registry declares them.
const BUILTIN_SERIES = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);

const catalog = catalogOf(createMetrics({ defaultMetrics: true }).registry);
const prometheus = yaml("grafana/prometheus.yml") as PrometheusConfig;
const compose = yaml("docker-compose.yml") as Compose;
const dashboard = JSON.parse(read("grafana/dashboards/oracle.json")) as Dashboard;
const alerts = yaml("grafana/alerts.yml") as AlertRules;
const datasources = yaml("grafana/provisioning/datasources/prometheus.yml") as {
  datasources: { uid: string; type: string; url: string }[];
};
const providers = yaml("grafana/provisioning/dashboards/dashboards.yml") as {
  providers: { type: string; options: { path: string } }[];
};

// job, instance and every label a scrape config attaches.
const targetLabels = new Set(["job", "instance"]);
for (const job of prometheus.scrape_configs)
  for (const sc of job.static_configs ?? [])
    for (const l of Object.keys(sc.labels ?? {})) targetLabels.add(l);
const check = (expr: string) =>
  checkExpression(expr, catalog, { builtinSeries: BUILTIN_SERIES, targetLabels });

type Target = { refId: string; expr?: string; datasource?: { type?: string; uid?: string } };
type Panel = {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
};
type Dashboard = { uid: string; title: string; panels: Panel[] };
type Rule = {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
type AlertRules = { groups: { name: string; rules: Rule[] }[] };
type PrometheusConfig = {
  rule_files?: string[];
  scrape_configs: {
    job_name: string;
    static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  }[];
};
type Service = {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | null>;
  volumes?: string[];
  ports?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}
const panels = allPanels(dashboard.panels).filter((p) => p.type !== "row");
const rules = alerts.groups.flatMap((g) => g.rules);

/** The process a compose service runs (worker, api, attester, ...), from its command. */
function entryOf(service: Service): string | undefined {
  const command = Array.isArray(service.command)
    ? service.command.join(" ")
    : (service.command ?? "");
  return /dist\/src\/bin\/(\w+)\.js/.exec(command)?.[1];
}
const env = (service: Service, name: string): string | undefined => {
  const v = service.environment?.[name];
  return v === undefined || v === null ? undefined : composeDefaults(String(v));
};
/** The port a long-running oracle process listens on (its setting, or the setting's default). */
function listenPort(service: Service): number | undefined {
  const setting = { worker: "METRICS_PORT", api: "API_PORT", attester: "ATTESTER_PORT" }[
    entryOf(service) ?? ""
  ] as keyof typeof settings | undefined;
  if (!setting) return undefined;
  return Number(env(service, setting) || settings[setting].default);
}
/** Host path -> container path of a service's bind mounts. */
function mounts(service: Service): Map<string, string> {
  return new Map(
    (service.volumes ?? [])
      .map((v) => v.split(":"))
      .filter(([from]) => from.startsWith("."))
      .map(([from, to]) => [path.normalize(from), to]),
  );
}

describe("PromQL reading (the checker must be able to fail)", () => {
  it("finds metric names, matcher labels and grouping labels", () => {
    const parsed = parsePromql(
      'histogram_quantile(0.95, sum by (le, route) (rate(oracle_api_request_seconds_bucket{status_code=~"5..", route!="/health"}[$__rate_interval]))) / on () group_left () max(up{job="api"} offset 5m) or vector(1)',
    );
    assert.deepEqual(parsed.selectors, [
      { metric: "oracle_api_request_seconds_bucket", labels: ["status_code", "route"] },
      { metric: "up", labels: ["job"] },
    ]);
    assert.deepEqual(parsed.grouping, ["le", "route"]);
  });

  it("maps histogram series to their histogram and leaves other names alone", () => {
    assert.deepEqual(
      metricNames(
        "sum(rate(oracle_chain_gas_used_sum[1h])) / sum(rate(oracle_chain_gas_used_count[1h]))",
        catalog,
      ),
      ["oracle_chain_gas_used"],
    );
    assert.deepEqual(metricNames("oracle_ingest_epochs_total", catalog), [
      "oracle_ingest_epochs_total",
    ]);
    // A counter's _count is not a histogram series.
    assert.deepEqual(check("oracle_ingest_epochs_total_count"), [
      "unknown metric oracle_ingest_epochs_total_count",
    ]);
  });

  it("reports a made-up metric, a wrong label and a wrong grouping label", () => {
    assert.deepEqual(check("sum(rate(oracle_made_up_total[5m]))"), [
      "unknown metric oracle_made_up_total",
    ]);
    assert.deepEqual(check('oracle_ingest_lag_epochs{queue="x"}'), [
      "oracle_ingest_lag_epochs has no label queue",
    ]);
    assert.deepEqual(check("sum by (pool) (oracle_proving_failures_total)"), [
      "grouping label pool is on none of the selected series",
    ]);
    assert.deepEqual(check("sum by (le) (oracle_scoring_score_bps_bucket)"), []);
    assert.deepEqual(
      check('max by (instance, role) (oracle_process_resident_memory_bytes{role="prove"})'),
      [],
    );
  });
});

describe("Grafana dashboard", () => {
  const uid = datasources.datasources[0].uid;

  it("uses the provisioned Prometheus data source by uid", () => {
    assert.equal(datasources.datasources.length, 1);
    assert.equal(datasources.datasources[0].type, "prometheus");
    assert.ok(uid, "the provisioned data source has a uid");
    const wrong = panels.flatMap((p) =>
      [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)]
        .filter((d) => d !== undefined && d.uid !== uid)
        .map((d) => `${p.title}: ${JSON.stringify(d)}`),
    );
    assert.deepEqual(wrong, []);
    assert.ok(panels.length > 0, "the dashboard has panels");
    // A panel without its own data source names it on each target, and has at least one target.
    const unnamed = panels.filter(
      (p) =>
        p.datasource?.uid !== uid &&
        !(
          (p.targets ?? []).length > 0 && (p.targets ?? []).every((t) => t.datasource?.uid === uid)
        ),
    );
    assert.deepEqual(
      unnamed.map((p) => p.title),
      [],
    );
  });

  it("has the rows Ingestion, Queues, Scoring & risk, Proving, Oracle posting and API", () => {
    const rows = dashboard.panels.filter((p) => p.type === "row").map((p) => p.title);
    for (const row of ["Ingestion", "Queues", "Scoring & risk", "Proving", "Oracle posting", "API"])
      assert.ok(rows.includes(row), `row ${row}`);
  });

  it("gives every panel at least one query and unique ids", () => {
    assert.ok(panels.length >= 30, `${panels.length} panels`);
    for (const p of panels) {
      assert.ok((p.targets ?? []).length > 0, `${p.title} has a target`);
      for (const t of p.targets!)
        assert.ok(t.expr?.trim(), `${p.title} ${t.refId} has an expression`);
    }
    const ids = allPanels(dashboard.panels).map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, "panel ids are unique");
  });

  it("queries only metrics and labels the registry declares", () => {
    const problems = panels.flatMap((p) =>
      (p.targets ?? []).flatMap((t) =>
        check(t.expr!).map((problem) => `${p.title} (${t.refId}): ${problem}`),
      ),
    );
    assert.deepEqual(problems, []);
  });

  it("covers ingestion, queues, scoring, risk, proving, posting and the API", () => {
    const used = new Set(
      panels.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr!, catalog))),
    );
    for (const m of [
      "oracle_ingest_lag_epochs",
      "oracle_ingest_finalized_epoch",
      "oracle_ingest_ingested_epoch",
      "oracle_ingest_epochs_total",
      "oracle_beacon_request_seconds",
      "oracle_beacon_request_errors_total",
      "oracle_queue_jobs",
      "oracle_queue_job_retries_total",
      "oracle_queue_job_failures_total",
      "oracle_scoring_batch_operators",
      "oracle_scoring_duration_seconds",
      "oracle_scoring_score_bps",
      "oracle_scoring_operators_above_threshold",
      "oracle_risk_max_operator_score_bps",
      "oracle_risk_pool_score_bps",
      "oracle_ingest_slashings_total",
      "oracle_proving_duration_seconds",
      "oracle_proving_peak_memory_bytes",
      "oracle_proving_failures_total",
      "oracle_chain_transactions_total",
      "oracle_chain_gas_used",
      "oracle_chain_confirmation_seconds",
      "oracle_chain_feed_staleness_seconds",
      "oracle_api_request_seconds",
    ])
      assert.ok(used.has(m), `a panel shows ${m}`);
  });
});

describe("Prometheus alert rules", () => {
  it("are well-formed alerting rules with a severity and a summary", () => {
    assert.ok(rules.length > 0);
    const names = rules.map((r) => r.alert);
    assert.equal(new Set(names).size, names.length, "alert names are unique");
    for (const r of rules) {
      assert.ok(r.alert && /^[A-Z][A-Za-z0-9]+$/.test(r.alert), `alert name ${r.alert}`);
      assert.ok(typeof r.expr === "string" && r.expr.trim(), `${r.alert} has an expression`);
      assert.ok(
        ["critical", "warning", "info"].includes(r.labels?.severity ?? ""),
        `${r.alert} severity`,
      );
      assert.ok(r.annotations?.summary, `${r.alert} summary`);
      if (r.for !== undefined) assert.match(r.for, /^(\d+(ms|[smhdwy]))+$/, `${r.alert} for`);
    }
  });

  it("use only metrics and labels the registry declares", () => {
    const problems = rules.flatMap((r) => check(r.expr).map((problem) => `${r.alert}: ${problem}`));
    assert.deepEqual(problems, []);
  });

  it("alert on ingestion lag, proving failures, stale feeds, slashings and queue failures", () => {
    const watched = (metric: string) =>
      rules.filter((r) => metricNames(r.expr, catalog).includes(metric));
    for (const m of [
      "oracle_ingest_lag_epochs",
      "oracle_proving_failures_total",
      "oracle_chain_feed_staleness_seconds",
      "oracle_ingest_slashings_total",
      "oracle_queue_job_failures_total",
    ]) {
      assert.ok(watched(m).length > 0, `a rule watches ${m}`);
    }
    assert.ok(
      watched("oracle_ingest_lag_epochs").some((r) => r.for),
      "ingestion lag must persist before it alerts",
    );
  });
});

describe("Prometheus's own checks (when promtool is installed)", () => {
  const promtool = (...args: string[]) =>
    spawnSync("promtool", args, { cwd: path.join(ROOT, "grafana"), encoding: "utf8" });
  const available = !promtool("--version").error;
  const skip = available ? false : "promtool is not on PATH (Debian: apt-get install prometheus)";

  it("accepts prometheus.yml and its rule files", { skip }, () => {
    const r = promtool("check", "config", "prometheus.yml");
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it("passes the rule unit tests of grafana/alerts.test.yml", { skip }, () => {
    const r = promtool("test", "rules", "alerts.test.yml");
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe("Docker Compose deployment", () => {
  const services = compose.services;
  const scraped = new Map<string, { job: string; port: number }>();
  for (const job of prometheus.scrape_configs) {
    for (const sc of job.static_configs ?? []) {
      for (const t of sc.targets) {
        const [host, port] = t.split(":");
        scraped.set(host, { job: job.job_name, port: Number(port) });
      }
    }
  }

  it("has the services of the pipeline, each worker with its roles", () => {
    for (const s of [
      "postgres",
      "redis",
      "migrate",
      "simulator",
      "evm",
      "deploy",
      "api",
      "attester-1",
      "attester-2",
      "attester-3",
      "prometheus",
      "grafana",
    ])
      assert.ok(services[s], `service ${s}`);
    const roles = Object.values(services)
      .filter((s) => entryOf(s) === "worker")
      .map((s) => env(s, "WORKER_ROLES"));
    assert.deepEqual(roles.sort(), ["ingest", "post", "prove", "score"]);
    assert.equal(env(services["worker-ingest"], "BEACON_URLS"), "http://simulator:5052");
    // Keys have no default (compose.dev.env holds the development ones): each attester reads its own variable.
    const keys = ["attester-1", "attester-2", "attester-3"].map((s) =>
      String(services[s].environment?.ATTESTER_PRIVATE_KEY),
    );
    assert.deepEqual(
      keys,
      ["${ATTESTER_1_PRIVATE_KEY-}", "${ATTESTER_2_PRIVATE_KEY-}", "${ATTESTER_3_PRIVATE_KEY-}"],
      "every attester has its own key",
    );
  });

  it("scrapes every worker, API and attester on the port it listens on", () => {
    const missing = Object.entries(services)
      .filter(([, s]) => listenPort(s) !== undefined)
      .filter(([name, s]) => scraped.get(name)?.port !== listenPort(s));
    assert.deepEqual(
      missing.map(([name, s]) => `${name}:${listenPort(s)}`),
      [],
    );
    for (const host of scraped.keys())
      assert.ok(
        host === "localhost" || services[host],
        `scrape target ${host} is a compose service`,
      );
  });

  it("health-checks each long-running process on its own port", () => {
    for (const [name, s] of Object.entries(services)) {
      const port = listenPort(s);
      if (port === undefined || s.healthcheck?.test) continue;
      // The image's HEALTHCHECK fetches /health on HEALTH_PORT, else (unset or 0) METRICS_PORT.
      assert.equal(
        Number(env(s, "HEALTH_PORT") || env(s, "METRICS_PORT") || settings.METRICS_PORT.default),
        port,
        `${name} health port`,
      );
      assert.ok(!s.healthcheck?.disable, `${name} keeps its health check`);
    }
    assert.match(
      read("Dockerfile"),
      /HEALTHCHECK[^\n]*\\\n\s*CMD \["node", "-e", "const p=Number\(process\.env\.HEALTH_PORT\)\|\|Number\(process\.env\.METRICS_PORT\)\|\|9464;/,
    );
  });

  it("orders start-up with conditions the dependencies can meet", () => {
    const oneShot = new Set(
      Object.entries(services)
        .filter(([, s]) => s.restart === "no")
        .map(([n]) => n),
    );
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        assert.ok(services[dep], `${name} depends on ${dep}, which exists`);
        if (condition === "service_completed_successfully")
          assert.ok(oneShot.has(dep), `${name} waits for ${dep} to complete, a one-shot`);
        if (condition === "service_healthy") {
          const d = services[dep];
          const imageCheck = d.image === compose.services.api.image && listenPort(d) !== undefined;
          assert.ok(
            (d.healthcheck?.test && !d.healthcheck.disable) || imageCheck,
            `${name} waits for ${dep} to be healthy, which has a health check`,
          );
        }
      }
    }
    assert.equal(
      services["worker-post"].depends_on?.deploy?.condition,
      "service_completed_successfully",
    );
  });

  it("documents every variable in .env.example with the default compose uses", () => {
    const documented = new Map<string, { value: string; commented: boolean }>();
    for (const line of read(".env.example").split("\n")) {
      const m = /^(#)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) documented.set(m[2], { value: m[3], commented: m[1] === "#" });
    }
    const problems: string[] = [];
    for (const [, name, fallback] of read("docker-compose.yml").matchAll(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g,
    )) {
      const doc = documented.get(name);
      if (!doc) problems.push(`${name} is not in .env.example`);
      else if (!doc.commented && doc.value !== (fallback ?? ""))
        problems.push(
          `${name}: .env.example says ${doc.value}, compose defaults to ${fallback ?? ""}`,
        );
    }
    assert.deepEqual([...new Set(problems)], []);
  });

  it("mounts the rule files, provisioning and dashboards where the configs expect them", () => {
    const prom = mounts(services.prometheus);
    const configDir = path.posix.dirname(prom.get(path.normalize("./grafana/prometheus.yml"))!);
    for (const file of prometheus.rule_files ?? []) {
      const inContainer = path.posix.resolve(configDir, file);
      const host = [...prom].find(([, to]) => to.replace(/:ro$/, "") === inContainer)?.[0];
      assert.ok(
        host && existsSync(path.join(ROOT, host)),
        `rule file ${file} is mounted at ${inContainer} from the repository`,
      );
    }
    assert.ok((prometheus.rule_files ?? []).length > 0, "prometheus.yml loads the alert rules");

    const grafana = mounts(services.grafana);
    assert.equal(
      grafana.get(path.normalize("./grafana/provisioning")),
      "/etc/grafana/provisioning",
    );
    const provider = providers.providers.find((p) => p.type === "file");
    assert.equal(
      grafana.get(path.normalize("./grafana/dashboards")),
      provider?.options.path,
      "the dashboard provider reads the mounted directory",
    );
    assert.equal(new URL(datasources.datasources[0].url).hostname, "prometheus");
    assert.ok(
      services.grafana.ports?.some((p) => p.endsWith(":3000")),
      "Grafana on port 3000",
    );
  });
});
