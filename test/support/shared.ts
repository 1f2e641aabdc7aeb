import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The project root, whatever the working directory of the test process. */
export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Path inside `../shared` (beside the project), or undefined when it is absent (tests skip). */
export function sharedPath(...parts: string[]): string | undefined {
  const p = path.join(projectRoot, "..", "shared", ...parts);
  return existsSync(p) ? p : undefined;
}

/** `{ skip }` option for node:test: a reason when a shared file is missing, else false. */
export function skipUnlessShared(...parts: string[]): { skip: string | false } {
  return { skip: sharedPath(...parts) ? false : `../shared/${parts.join("/")} is absent` };
}
