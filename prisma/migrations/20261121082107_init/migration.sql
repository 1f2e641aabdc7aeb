-- CreateEnum
CREATE TYPE "SlashingType" AS ENUM ('proposer', 'attester');

-- CreateTable
CREATE TABLE "epoch" (
    "epoch" INTEGER NOT NULL,
    "finalized_checkpoint_epoch" INTEGER NOT NULL,
    "state_slot" INTEGER NOT NULL,
    "validator_count" INTEGER NOT NULL,
    "active_validators" INTEGER NOT NULL,
    "total_balance_gwei" DOUBLE PRECISION NOT NULL,
    "source_earned" DOUBLE PRECISION NOT NULL,
    "source_ideal" DOUBLE PRECISION NOT NULL,
    "target_earned" DOUBLE PRECISION NOT NULL,
    "target_ideal" DOUBLE PRECISION NOT NULL,
    "head_earned" DOUBLE PRECISION NOT NULL,
    "head_ideal" DOUBLE PRECISION NOT NULL,
    "inactivity_penalty" DOUBLE PRECISION NOT NULL,
    "attestation_duties" INTEGER NOT NULL,
    "source_misses" INTEGER NOT NULL,
    "target_misses" INTEGER NOT NULL,
    "head_misses" INTEGER NOT NULL,
    "proposal_duties" INTEGER NOT NULL,
    "proposals_produced" INTEGER NOT NULL,
    "sync_duties" INTEGER NOT NULL,
    "sync_participated" INTEGER NOT NULL,
    "balance_delta_gwei" DOUBLE PRECISION NOT NULL,
    "effective_balance_gwei" DOUBLE PRECISION NOT NULL,
    "exited_validators" INTEGER NOT NULL,
    "newly_slashed" INTEGER NOT NULL,
    "slashing_operations" INTEGER NOT NULL,
    "ingested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ingest_ms" INTEGER NOT NULL,

    CONSTRAINT "epoch_pkey" PRIMARY KEY ("epoch")
);

-- CreateTable
CREATE TABLE "epoch_validators" (
    "epoch" INTEGER NOT NULL,
    "encoding" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "status" BYTEA NOT NULL,
    "flags" BYTEA NOT NULL,
    "effective_balance" BYTEA NOT NULL,
    "balance" BYTEA NOT NULL,
    "reward_source" BYTEA NOT NULL,
    "reward_target" BYTEA NOT NULL,
    "reward_head" BYTEA NOT NULL,
    "reward_inactivity" BYTEA NOT NULL,
    "ideal_rewards" JSONB NOT NULL,

    CONSTRAINT "epoch_validators_pkey" PRIMARY KEY ("epoch")
);

-- CreateTable
CREATE TABLE "epoch_sync" (
    "epoch" INTEGER NOT NULL,
    "slots_with_block" INTEGER NOT NULL,
    "members" BYTEA NOT NULL,
    "participated" BYTEA NOT NULL,

    CONSTRAINT "epoch_sync_pkey" PRIMARY KEY ("epoch")
);

-- CreateTable
CREATE TABLE "proposal" (
    "slot" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "proposer_index" INTEGER NOT NULL,
    "produced" BOOLEAN NOT NULL,
    "block_root" BYTEA,

    CONSTRAINT "proposal_pkey" PRIMARY KEY ("slot")
);

-- CreateTable
CREATE TABLE "slashing" (
    "id" SERIAL NOT NULL,
    "slot" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "type" "SlashingType" NOT NULL,
    "position" INTEGER NOT NULL,
    "offending_indices" INTEGER[],
    "evidence" JSONB NOT NULL,

    CONSTRAINT "slashing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "validator" (
    "index" INTEGER NOT NULL,
    "pubkey" BYTEA NOT NULL,
    "withdrawal_credentials" BYTEA NOT NULL,
    "status" TEXT NOT NULL,
    "slashed" BOOLEAN NOT NULL,
    "activation_eligibility_epoch" INTEGER,
    "activation_epoch" INTEGER,
    "exit_epoch" INTEGER,
    "withdrawable_epoch" INTEGER,
    "effective_balance_gwei" BIGINT NOT NULL,
    "updated_epoch" INTEGER NOT NULL,
    "operator_id" TEXT,

    CONSTRAINT "validator_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "validator_change" (
    "id" SERIAL NOT NULL,
    "epoch" INTEGER NOT NULL,
    "validator_index" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "previous" TEXT,
    "current" TEXT NOT NULL,

    CONSTRAINT "validator_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pool" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'lst',

    CONSTRAINT "pool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pool_id" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator_label" (
    "pubkey" BYTEA NOT NULL,
    "operator_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "operator_label_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "withdrawal_credential_rule" (
    "id" SERIAL NOT NULL,
    "credentials" BYTEA NOT NULL,
    "operator_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "withdrawal_credential_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator_epoch" (
    "operator_id" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "validators" INTEGER NOT NULL,
    "active_validators" INTEGER NOT NULL,
    "effective_balance_gwei" DOUBLE PRECISION NOT NULL,
    "balance_gwei" DOUBLE PRECISION NOT NULL,
    "balance_delta_gwei" DOUBLE PRECISION NOT NULL,
    "source_earned" DOUBLE PRECISION NOT NULL,
    "source_ideal" DOUBLE PRECISION NOT NULL,
    "target_earned" DOUBLE PRECISION NOT NULL,
    "target_ideal" DOUBLE PRECISION NOT NULL,
    "head_earned" DOUBLE PRECISION NOT NULL,
    "head_ideal" DOUBLE PRECISION NOT NULL,
    "inactivity_penalty" DOUBLE PRECISION NOT NULL,
    "attestation_duties" INTEGER NOT NULL,
    "source_misses" INTEGER NOT NULL,
    "target_misses" INTEGER NOT NULL,
    "head_misses" INTEGER NOT NULL,
    "proposal_duties" INTEGER NOT NULL,
    "proposals_produced" INTEGER NOT NULL,
    "sync_duties" INTEGER NOT NULL,
    "sync_participated" INTEGER NOT NULL,
    "newly_slashed" INTEGER NOT NULL,
    "exited_validators" INTEGER NOT NULL,

    CONSTRAINT "operator_epoch_pkey" PRIMARY KEY ("operator_id","epoch")
);

-- CreateTable
CREATE TABLE "sync_state" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_state_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "proposal_epoch_idx" ON "proposal"("epoch");

-- CreateIndex
CREATE INDEX "proposal_proposer_index_idx" ON "proposal"("proposer_index");

-- CreateIndex
CREATE INDEX "slashing_epoch_idx" ON "slashing"("epoch");

-- CreateIndex
CREATE UNIQUE INDEX "slashing_slot_type_position_key" ON "slashing"("slot", "type", "position");

-- CreateIndex
CREATE UNIQUE INDEX "validator_pubkey_key" ON "validator"("pubkey");

-- CreateIndex
CREATE INDEX "validator_operator_id_idx" ON "validator"("operator_id");

-- CreateIndex
CREATE INDEX "validator_withdrawal_credentials_idx" ON "validator"("withdrawal_credentials");

-- CreateIndex
CREATE INDEX "validator_change_validator_index_idx" ON "validator_change"("validator_index");

-- CreateIndex
CREATE UNIQUE INDEX "validator_change_epoch_validator_index_field_key" ON "validator_change"("epoch", "validator_index", "field");

-- CreateIndex
CREATE INDEX "operator_label_operator_id_idx" ON "operator_label"("operator_id");

-- CreateIndex
CREATE UNIQUE INDEX "withdrawal_credential_rule_credentials_key" ON "withdrawal_credential_rule"("credentials");

-- CreateIndex
CREATE INDEX "operator_epoch_epoch_idx" ON "operator_epoch"("epoch");

-- AddForeignKey
ALTER TABLE "validator" ADD CONSTRAINT "validator_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator" ADD CONSTRAINT "operator_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "pool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_epoch" ADD CONSTRAINT "operator_epoch_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
