/**
 * What one unit of the shipped model's output stands for: 100 bp of stake, so an expected
 * 30-day shortfall of 0–100 bp is an output of 0–1, held at about 0.1 bp resolution by the
 * circuit's 2^10 output scale. RiskOracle's MAX_SCORE_BPS (and src/report's) is the same 100:
 * the posted score is round(output × 100). A model's metadata states its unit
 * (`output_unit_bps`), and the scorer refuses a model whose unit is not this one.
 */
export const OUTPUT_UNIT_BPS = 100;
