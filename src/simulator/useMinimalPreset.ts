/**
 * Import first (before anything that loads @lodestar/params) to run a minimal-preset scenario
 * in-process: lodestar's SSZ types take their limits from the preset active at first import.
 */
import { PresetName, setActivePreset } from "@lodestar/params/setPreset";

setActivePreset(PresetName.minimal);
