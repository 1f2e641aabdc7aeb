import { parseCsv, type ParseCsvReturnType } from "../common/parseCsv.js";
import { FEATURE_NAMES } from "../features/index.js";
import type { Sample } from "./buildTrainingSet.js";
import { ModelError } from "./errors.js";

/**
 * A user's labelled data, one row per (operator, epoch):
 *   operator_id,at_epoch,label,future_shortfall_bps[,weight],<every ofv5 feature name, any order>
 * `label` is 0/1 (severe loss in the 30 days after `at_epoch`); `future_shortfall_bps` the
 * realised performance shortfall of those 30 days (missed rewards plus penalties, slashing
 * losses excluded) in bp of stake, which the expected-shortfall head is fitted to; `weight`
 * defaults to 1.
 * Features must be ofv5 values as src/features computes them (same bounds). Fields may be
 * quoted (an operator id with a comma); header names are matched in any case.
 */
export function parseLabelledCsv(text: string): Sample[] {
  let csv: ParseCsvReturnType;
  try {
    csv = parseCsv(text);
  } catch (cause) {
    throw new ModelError("MODEL_CSV_INVALID", "CSV is malformed", { cause: String(cause) });
  }
  if (csv.rows.length < 1)
    throw new ModelError("MODEL_CSV_INVALID", "CSV needs a header and at least one row");
  const col = (name: string) => csv.header.indexOf(name.toLowerCase());
  const missing = [
    "operator_id",
    "at_epoch",
    "label",
    "future_shortfall_bps",
    ...FEATURE_NAMES,
  ].filter((n) => col(n) < 0);
  if (missing.length > 0)
    throw new ModelError("MODEL_CSV_INVALID", `CSV is missing columns: ${missing.join(", ")}`, {
      missing,
    });
  const featureCols = FEATURE_NAMES.map(col);
  const weightCol = col("weight");
  return csv.rows.map(({ cells: c, line }) => {
    const num = (i: number, what: string) => {
      const v = Number(c[i]);
      if (c[i] === undefined || c[i] === "" || !Number.isFinite(v))
        throw new ModelError("MODEL_CSV_INVALID", `Row ${line}: ${what} is not a number`, {
          row: line,
          column: what,
        });
      return v;
    };
    const label = num(col("label"), "label");
    if (label !== 0 && label !== 1)
      throw new ModelError("MODEL_CSV_INVALID", `Row ${line}: label must be 0 or 1`, { row: line });
    const weight = weightCol >= 0 ? num(weightCol, "weight") : 1;
    if (weight < 0)
      throw new ModelError("MODEL_CSV_INVALID", `Row ${line}: weight must be ≥ 0`, { row: line });
    const shortfall = num(col("future_shortfall_bps"), "future_shortfall_bps");
    if (shortfall < 0)
      throw new ModelError("MODEL_CSV_INVALID", `Row ${line}: future_shortfall_bps must be ≥ 0`, {
        row: line,
      });
    return {
      operatorId: c[col("operator_id")] ?? "",
      atEpoch: num(col("at_epoch"), "at_epoch"),
      features: featureCols.map((i, k) => num(i, FEATURE_NAMES[k])),
      label: label as 0 | 1,
      weight,
      slashed: false,
      extra: { futurePerformanceShortfallBps: shortfall },
    };
  });
}
