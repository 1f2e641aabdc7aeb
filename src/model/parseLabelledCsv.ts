import { FEATURE_NAMES } from "../features/index.js";
import type { Sample } from "./buildTrainingSet.js";
import { ModelError } from "./errors.js";

/**
 * A user's labelled data, one row per (operator, epoch):
 *   operator_id,at_epoch,label[,weight],<every ofv1 feature name, any order>
 * `label` is 0/1 (severe loss in the 30 days after `at_epoch`), `weight` defaults to 1.
 * Features must be ofv1 values as src/features computes them (same bounds). Commas inside
 * fields are not supported (operator ids are plain identifiers).
 */
export function parseLabelledCsv(text: string): Sample[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) throw new ModelError("MODEL_CSV_INVALID", "CSV needs a header and at least one row");
  const header = lines[0].split(",").map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const missing = ["operator_id", "at_epoch", "label", ...FEATURE_NAMES].filter((n) => col(n) < 0);
  if (missing.length > 0) throw new ModelError("MODEL_CSV_INVALID", `CSV is missing columns: ${missing.join(", ")}`, { missing });
  const featureCols = FEATURE_NAMES.map(col);
  const weightCol = col("weight");
  return lines.slice(1).map((line, r) => {
    const c = line.split(",");
    const num = (i: number, what: string) => {
      const v = Number(c[i]);
      if (c[i] === undefined || c[i].trim() === "" || !Number.isFinite(v)) throw new ModelError("MODEL_CSV_INVALID", `Row ${r + 2}: ${what} is not a number`, { row: r + 2, column: what });
      return v;
    };
    const label = num(col("label"), "label");
    if (label !== 0 && label !== 1) throw new ModelError("MODEL_CSV_INVALID", `Row ${r + 2}: label must be 0 or 1`, { row: r + 2 });
    const weight = weightCol >= 0 ? num(weightCol, "weight") : 1;
    if (weight < 0) throw new ModelError("MODEL_CSV_INVALID", `Row ${r + 2}: weight must be ≥ 0`, { row: r + 2 });
    return {
      operatorId: c[col("operator_id")].trim(),
      atEpoch: num(col("at_epoch"), "at_epoch"),
      features: featureCols.map((i, k) => num(i, FEATURE_NAMES[k])),
      label: label as 0 | 1,
      weight,
      slashed: false,
    };
  });
}
