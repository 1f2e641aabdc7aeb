-- Packed per-validator arrays are large (≈28 MB an epoch at 1M validators) and repetitive
-- (status, flags and rewards take few distinct values): lz4 TOAST compression shrinks them
-- several-fold at little CPU cost. Prisma does not model column compression, hence raw SQL.
ALTER TABLE "epoch_validators" ALTER COLUMN "status" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "flags" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "effective_balance" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "balance" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "reward_source" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "reward_target" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "reward_head" SET COMPRESSION lz4;
ALTER TABLE "epoch_validators" ALTER COLUMN "reward_inactivity" SET COMPRESSION lz4;
ALTER TABLE "epoch_sync" ALTER COLUMN "members" SET COMPRESSION lz4;
ALTER TABLE "epoch_sync" ALTER COLUMN "participated" SET COMPRESSION lz4;
