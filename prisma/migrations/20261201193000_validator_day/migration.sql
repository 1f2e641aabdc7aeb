-- Per-validator attestation duties summed over each day (Lido CSM's per-validator rule reads a
-- 30-day window of them), and the operator each validator was attributed to in each epoch, so a
-- window's validators are grouped as that epoch's operator_epoch rows were, even after an
-- operator import has changed validator.operator_id. Epochs ingested before this migration have
-- neither: scoring refuses a window whose day rows do not cover its ingested epochs.

-- AlterTable
ALTER TABLE "epoch_validators" ADD COLUMN     "operator_ids" TEXT[],
ADD COLUMN     "operators" BYTEA;

-- CreateTable
CREATE TABLE "validator_day" (
    "day" INTEGER NOT NULL,
    "encoding" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "epochs" BYTEA NOT NULL,
    "assigned" BYTEA NOT NULL,
    "included" BYTEA NOT NULL,

    CONSTRAINT "validator_day_pkey" PRIMARY KEY ("day")
);

-- Few distinct counts a day (mostly 225 and 0): lz4 as for the other packed columns.
ALTER TABLE "epoch_validators" ALTER COLUMN "operators" SET COMPRESSION lz4;
ALTER TABLE "validator_day" ALTER COLUMN "assigned" SET COMPRESSION lz4;
ALTER TABLE "validator_day" ALTER COLUMN "included" SET COMPRESSION lz4;
