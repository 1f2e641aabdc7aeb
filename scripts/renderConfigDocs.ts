/**
 * Renders docs/configuration.md from the settings table (src/config/settings.ts), so the docs
 * cannot drift from the code: `npm run docs:config` writes it, a test checks it is current.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { settings, type Setting } from "../src/config/index.js";

export function renderConfigDocs(): string {
  const lines = [
    "# Configuration",
    "",
    "Every process reads its settings from the environment at start-up and refuses to start,",
    "naming each bad or missing variable, when one is invalid. Secret values are never logged.",
    "This file is generated from `src/config/settings.ts` by `npm run docs:config`.",
    "",
    "| variable | type | default | secret | description |",
    "|---|---|---|---|---|",
  ];
  for (const [name, s] of Object.entries(settings) as [string, Setting][]) {
    const type =
      s.type === "enum"
        ? (s.options ?? []).join(" \\| ")
        : s.type === "list"
          ? listType(s)
          : s.type + range(s);
    const def =
      s.default === undefined
        ? "*(required)*"
        : s.secret && s.default !== ""
          ? "*(local default)*"
          : `\`${Array.isArray(s.default) ? s.default.join(",") : String(s.default)}\``;
    lines.push(
      `| \`${name}\` | ${type} | ${def} | ${s.secret ? "yes" : ""} | ${s.description.replaceAll("|", "\\|")} |`,
    );
  }
  return lines.join("\n") + "\n";
}

function range(s: Setting): string {
  const step = s.multipleOf === undefined ? "" : `, multiple of ${s.multipleOf}`;
  if (s.min === undefined && s.max === undefined) return step ? ` (${step.slice(2)})` : "";
  return ` (${s.min ?? ""}..${s.max ?? ""}${step})`;
}

/** A comma-separated list and what each item must be. */
function listType(s: Setting): string {
  const item =
    s.items === "option"
      ? (s.options ?? []).join(" \\| ")
      : s.items === "origin"
        ? "origins or `*`"
        : s.items === "url"
          ? "http(s) URLs"
          : s.items === "proxy"
            ? "proxy IPs/CIDRs, or a hop count"
            : "items";
  return `list of ${item}`;
}

const target = fileURLToPath(new URL("../docs/configuration.md", import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(target, renderConfigDocs());
  console.log("docs/configuration.md written");
}

export function configDocsAreCurrent(): boolean {
  try {
    return readFileSync(target, "utf8") === renderConfigDocs();
  } catch {
    return false;
  }
}
