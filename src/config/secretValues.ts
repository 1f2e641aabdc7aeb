import type { Config } from "./loadConfig.js";
import type { Setting } from "./setting.js";
import { settings } from "./settings.js";

/** The values of every setting the table flags as secret (non-empty ones): what logs must never show. */
export function secretValues(config: Config): string[] {
  return (Object.entries(settings) as [keyof Config & string, Setting][])
    .filter(([, s]) => s.secret)
    .flatMap(([name]) => {
      const value = config[name];
      return Array.isArray(value) ? value : [String(value ?? "")];
    })
    .filter((v) => v !== "");
}
