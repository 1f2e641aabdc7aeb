import type { ValidatorDuties } from "../features/index.js";
import type { Random } from "./random.js";

/** One day's attestation duties per validator slot of a simulated operator. */
export type ValidatorDay = { assigned: Uint8Array; included: Uint8Array };

export type ValidatorDutyTracker = {
  /**
   * Books one epoch: validator slots [0, active) had a duty; `offline` consecutive slots from
   * `offlineStart` (wrapping) missed together; `independentMisses` more missed, drawn without
   * replacement among the slots that were up.
   */
  epoch(active: number, offline: number, offlineStart: number, independentMisses: number): void;
  /** Closes `day` (epoch / 225, floored) and keeps its counts. */
  endDay(day: number): void;
  /** Summed duties per slot over the closed days `fromDay..toDay`, slots that had duties only. */
  window(fromDay: number, toDay: number): ValidatorDuties[];
};

/**
 * Which of a simulated operator's validators missed, from the counts the operator simulator
 * draws: an outage takes down a block of slots (the machines it hit), independent misses land on
 * random slots that were up. Validators leave from the top slots (exits, slashings), so slot i is
 * active while the operator has more than i. Counts are kept per day with difference arrays, so
 * an epoch costs O(1 + its independent misses), not O(validators).
 */
export function createValidatorDutyTracker(validators: number, rng: Random): ValidatorDutyTracker {
  const activeDiff = new Int32Array(validators + 1);
  const offlineDiff = new Int32Array(validators + 1);
  const independent = new Uint16Array(validators);
  const taken = new Uint8Array(validators);
  const picked: number[] = [];
  const days = new Map<number, ValidatorDay>();
  const addBlock = (from: number, length: number) => {
    offlineDiff[from]++;
    offlineDiff[from + length]--;
  };
  return {
    epoch(active, offline, offlineStart, independentMisses) {
      if (active === 0) return;
      activeDiff[0]++;
      activeDiff[active]--;
      if (offline > 0) {
        const tail = Math.min(offline, active - offlineStart);
        addBlock(offlineStart, tail);
        if (tail < offline) addBlock(0, offline - tail);
      }
      // Floyd's sampling of k distinct positions among the `up` slots that follow the block.
      const up = active - offline;
      for (let j = up - independentMisses; j < up; j++) {
        let t = rng.int(j + 1);
        if (taken[t]) t = j;
        taken[t] = 1;
        picked.push(t);
      }
      for (const t of picked) {
        taken[t] = 0;
        independent[(offlineStart + offline + t) % active]++;
      }
      picked.length = 0;
    },
    endDay(day) {
      const assigned = new Uint8Array(validators);
      const included = new Uint8Array(validators);
      let a = 0;
      let o = 0;
      for (let i = 0; i < validators; i++) {
        a += activeDiff[i];
        o += offlineDiff[i];
        assigned[i] = a;
        included[i] = a - o - independent[i];
      }
      activeDiff.fill(0);
      offlineDiff.fill(0);
      independent.fill(0);
      days.set(day, { assigned, included });
    },
    window(fromDay, toDay) {
      const assigned = new Uint32Array(validators);
      const included = new Uint32Array(validators);
      for (let d = fromDay; d <= toDay; d++) {
        const day = days.get(d);
        if (!day) continue;
        for (let i = 0; i < validators; i++) {
          assigned[i] += day.assigned[i];
          included[i] += day.included[i];
        }
      }
      const out: ValidatorDuties[] = [];
      for (let i = 0; i < validators; i++)
        if (assigned[i] > 0) out.push({ assigned: assigned[i], included: included[i] });
      return out;
    },
  };
}
