-- Epochs read near the head from a non-archive node, kept until they are final and their block
-- roots canonical (then promoted into the epoch tables and deleted here). Never served: the API
-- reads only the final tables. Parts are compressed serialized chunks of the read.

-- CreateTable
CREATE TABLE "staged_epoch" (
    "epoch" INTEGER NOT NULL,
    "state_slot" INTEGER NOT NULL,
    "dependent_root" TEXT NOT NULL,
    "block_roots" TEXT[],
    "staged_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staged_epoch_pkey" PRIMARY KEY ("epoch")
);

-- CreateTable
CREATE TABLE "staged_epoch_part" (
    "epoch" INTEGER NOT NULL,
    "part" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "staged_epoch_part_pkey" PRIMARY KEY ("epoch","part")
);

-- AddForeignKey
ALTER TABLE "staged_epoch_part" ADD CONSTRAINT "staged_epoch_part_epoch_fkey" FOREIGN KEY ("epoch") REFERENCES "staged_epoch"("epoch") ON DELETE CASCADE ON UPDATE CASCADE;

-- The parts are already deflated: storing them as they are saves recompressing them.
ALTER TABLE "staged_epoch_part" ALTER COLUMN "data" SET STORAGE EXTERNAL;
