import { ConfigError } from "../config/index.js";

export const ROLES = ["ingest", "score", "prove", "post"] as const;
export type Role = (typeof ROLES)[number];

/** Reads WORKER_ROLES (comma-separated); an unknown role is a configuration error, named with the known ones. */
export function parseRoles(value: string): Role[] {
  const roles = value
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new ConfigError([
      `WORKER_ROLES: unknown role ${unknown.join(", ")} (known: ${ROLES.join(", ")})`,
    ]);
  return roles as Role[];
}
