import { summarizeWindow } from "./summarizeWindow.js";
import { WINDOWS, type EpochAggregate, type WindowName, type WindowSummary } from "./types.js";

export type WindowSummaries = Record<WindowName, WindowSummary>;

export type SummarizeWindowsParameters = { aggregates: readonly EpochAggregate[]; atEpoch: number };

/** The 1-, 7- and 30-day summaries ending at `atEpoch` (inclusive). */
export function summarizeWindows({
  aggregates,
  atEpoch,
}: SummarizeWindowsParameters): WindowSummaries {
  const out = {} as WindowSummaries;
  for (const name of Object.keys(WINDOWS) as WindowName[])
    out[name] = summarizeWindow({ aggregates, toEpoch: atEpoch, epochs: WINDOWS[name] });
  return out;
}
