import { readdirSync, readFileSync } from "node:fs";

export type GroupProcess = { pid: number; state: string; command: string };

/** Every process of a process group still in the process table (zombies included, state "Z"), from /proc. */
export function processesInGroup(pgid: number): GroupProcess[] {
  const found: GroupProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields start after its last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) !== pgid) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), state, command });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}
