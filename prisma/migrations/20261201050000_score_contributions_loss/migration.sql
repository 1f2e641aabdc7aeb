-- Every score carries its explanation and the losses a CDP prices: per-feature contributions to
-- the logit of the model (in the feature order of the score feature version) and the expected
-- and stressed losses of the operator (src/loss), and pools carry their aggregated losses.

-- AlterTable
ALTER TABLE "operator_score" ADD COLUMN "contributions" DOUBLE PRECISION[],
ADD COLUMN "loss" JSONB;

-- AlterTable
ALTER TABLE "pool_score" ADD COLUMN "loss" JSONB;
