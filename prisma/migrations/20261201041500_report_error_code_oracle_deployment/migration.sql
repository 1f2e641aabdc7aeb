-- A report that failed for good carries the project's error code (retried only by an operator);
-- the block each RiskOracle was deployed in, where the poster starts its log searches.

-- AlterTable
ALTER TABLE "report" ADD COLUMN "error_code" TEXT;

-- CreateTable
CREATE TABLE "oracle_deployment" (
    "chain_id" INTEGER NOT NULL,
    "oracle" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oracle_deployment_pkey" PRIMARY KEY ("chain_id","oracle")
);
