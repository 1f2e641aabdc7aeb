-- Operator definitions by validator index, kept like pubkey labels: they apply to validators
-- ingested after the import too, not only to those already stored.

-- CreateTable
CREATE TABLE "operator_index_label" (
    "validator_index" INTEGER NOT NULL,
    "operator_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "operator_index_label_pkey" PRIMARY KEY ("validator_index")
);

-- CreateIndex
CREATE INDEX "operator_index_label_operator_id_idx" ON "operator_index_label"("operator_id");
