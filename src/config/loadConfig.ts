import { isIP } from "node:net";
import { isAddress } from "viem";
import { BaseError } from "../common/errors.js";
import { developmentDefaults, type ProductionSettings } from "./developmentDefaults.js";
import type { Setting, SettingValue } from "./setting.js";
import { settings, type Settings } from "./settings.js";

export type Config = { readonly [K in keyof Settings]: SettingValue<Settings[K]> };

/** Every bad setting at once; no meta: the problems are in `problems` and the details. */
export class ConfigError extends BaseError<Record<string, never>> {
  override name = "ConfigError";
  declare readonly code: "CONFIG_INVALID";
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      "CONFIG_INVALID",
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"})`,
      {
        details: problems.join("; "),
      },
    );
    this.problems = problems;
  }
}

export type LoadConfigParameters = { env?: Record<string, string | undefined> };

/** Reads and validates every setting at once, so one start-up names every bad variable. */
export function loadConfig({ env = process.env }: LoadConfigParameters = {}): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, s] of Object.entries(settings) as [string, Setting][]) {
    const raw = env[name];
    if (raw === undefined || raw === "") {
      if (s.default === undefined) problems.push(`${name} is required (${s.description})`);
      else out[name] = s.default;
      continue;
    }
    const parsed = parseSetting(name, s, raw);
    if (typeof parsed === "string") problems.push(parsed);
    else out[name] = parsed.value;
  }
  if (problems.length === 0) problems.push(...crossSettingProblems(out));
  if (problems.length === 0 && out.NODE_ENV === "production")
    problems.push(...developmentDefaults(out as ProductionSettings));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out) as Config;
}

/** Largest batch the WASM engine can key-generate (logrows 16, docs/proving.md). */
const WASM_MAX_BATCH_SIZE = 70;

/** Settings that constrain each other; each problem names the setting to change. */
function crossSettingProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (c.PROVER === "wasm" && (c.PROVING_BATCH_SIZE as number) > WASM_MAX_BATCH_SIZE) {
    problems.push(
      `PROVING_BATCH_SIZE must be <= ${WASM_MAX_BATCH_SIZE} with PROVER=wasm (the engine's 4 GiB ends at logrows 16), got ${c.PROVING_BATCH_SIZE}`,
    );
  }
  return problems;
}

function parseSetting(name: string, s: Setting, raw: string): { value: unknown } | string {
  // A secret's value never appears in a message: it could be a password or key.
  const shown = s.secret ? "(secret value hidden)" : JSON.stringify(raw);
  switch (s.type) {
    case "string":
      return { value: raw };
    case "number":
    case "integer": {
      const n = Number(raw);
      if (!Number.isFinite(n) || (s.type === "integer" && !Number.isInteger(n)))
        return `${name} must be ${s.type === "integer" ? "an integer" : "a number"}, got ${shown}`;
      if (s.min !== undefined && n < s.min) return `${name} must be >= ${s.min}, got ${shown}`;
      if (s.max !== undefined && n > s.max) return `${name} must be <= ${s.max}, got ${shown}`;
      if (s.multipleOf !== undefined && n % s.multipleOf !== 0)
        return `${name} must be a multiple of ${s.multipleOf}, got ${shown}`;
      return { value: n };
    }
    case "boolean":
      if (/^(1|true|yes)$/i.test(raw)) return { value: true };
      if (/^(0|false|no)$/i.test(raw)) return { value: false };
      return `${name} must be true or false, got ${shown}`;
    case "enum":
      if (!s.options?.includes(raw))
        return `${name} must be one of ${s.options?.join(", ")}, got ${shown}`;
      return { value: raw };
    case "url":
      return isUrl(raw) ? { value: raw } : `${name} must be a URL, got ${shown}`;
    case "urlList": {
      const urls = raw
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean);
      const bad = urls.filter((u) => !isUrl(u));
      if (urls.length === 0) return `${name} must list at least one URL`;
      if (bad.length > 0)
        return `${name} has invalid URL(s): ${s.secret ? "(hidden)" : bad.join(", ")}`;
      return { value: Object.freeze(urls) };
    }
    case "address":
      // viem's check includes the EIP-55 checksum of a mixed-case address, so a typo is caught here.
      return isAddress(raw.trim())
        ? { value: raw.trim() }
        : `${name} must be a 0x-prefixed 20-byte address (EIP-55 checksum if mixed case), got ${shown}`;
    case "list": {
      const items = raw
        .split(",")
        .map((i) => i.trim())
        .filter(Boolean);
      const bad = items.filter((i) => !isListItem(s, i, items));
      if (bad.length > 0)
        return `${name} has invalid item(s) ${s.secret ? "(hidden)" : bad.map((b) => JSON.stringify(b)).join(", ")}: each must be ${describeItem(s)}`;
      if (new Set(items).size !== items.length) return `${name} lists an item twice, got ${shown}`;
      return { value: items.join(",") };
    }
  }
}

function isListItem(s: Setting, item: string, items: readonly string[]): boolean {
  if (s.items === "proxy") return /^\d{1,2}$/.test(item) ? items.length === 1 : isIpOrCidr(item);
  if (s.items === "url") return isUrl(item) && /^https?:$/.test(new URL(item).protocol);
  if (s.items === "option") return s.options?.includes(item) ?? false;
  if (s.items === "origin") {
    if (item === "*") return true;
    try {
      return new URL(item).origin === item;
    } catch {
      return false;
    }
  }
  return true;
}

function describeItem(s: Setting): string {
  if (s.items === "url") return "an http(s) URL";
  if (s.items === "option") return `one of ${s.options?.join(", ")}`;
  if (s.items === "proxy") return "an IP address or CIDR range, or a single hop count";
  if (s.items === "origin")
    return "an origin such as https://app.example (scheme, host, optional port; no path) or *";
  return "non-empty";
}

function isIpOrCidr(item: string): boolean {
  const [ip, prefix, ...rest] = item.split("/");
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  return (
    prefix === undefined ||
    (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
  );
}

function isUrl(raw: string): boolean {
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

/** The config with every secret masked: the only form of the config that may be logged. */
export function redactConfig(config: Config): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      (settings as Record<string, Setting>)[k]?.secret ? "[redacted]" : v,
    ]),
  );
}
