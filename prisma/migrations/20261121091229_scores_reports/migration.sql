-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('pending', 'proven', 'posted', 'failed');

-- CreateTable
CREATE TABLE "operator_score" (
    "operator_id" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "score_bps" INTEGER NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "grade" TEXT NOT NULL,
    "model_sha256" TEXT NOT NULL,
    "feature_version" TEXT NOT NULL,
    "features" DOUBLE PRECISION[],
    "validators" INTEGER NOT NULL,
    "stake_gwei" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operator_score_pkey" PRIMARY KEY ("operator_id","epoch")
);

-- CreateTable
CREATE TABLE "pool_score" (
    "pool_id" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "score_bps" INTEGER NOT NULL,
    "grade" TEXT NOT NULL,
    "tail_stake_bps" INTEGER NOT NULL,
    "worst_operator_id" TEXT,
    "operators" INTEGER NOT NULL,
    "stake_gwei" DOUBLE PRECISION NOT NULL,
    "model_sha256" TEXT NOT NULL,
    "feature_version" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pool_score_pkey" PRIMARY KEY ("pool_id","epoch")
);

-- CreateTable
CREATE TABLE "score_run" (
    "epoch" INTEGER NOT NULL,
    "model_sha256" TEXT NOT NULL,
    "feature_version" TEXT NOT NULL,
    "operators" INTEGER NOT NULL,
    "pools" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "score_run_pkey" PRIMARY KEY ("epoch")
);

-- CreateTable
CREATE TABLE "feed" (
    "feed_index" INTEGER NOT NULL,
    "feed_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feed_pkey" PRIMARY KEY ("feed_index")
);

-- CreateTable
CREATE TABLE "report" (
    "id" SERIAL NOT NULL,
    "epoch" INTEGER NOT NULL,
    "first_feed_index" INTEGER NOT NULL,
    "operator_ids" TEXT[],
    "status" "ReportStatus" NOT NULL DEFAULT 'pending',
    "model_sha256" TEXT NOT NULL,
    "feature_version" TEXT NOT NULL,
    "features" JSONB NOT NULL,
    "model_hash" TEXT,
    "input_commitment" TEXT,
    "instances" JSONB,
    "proof" BYTEA,
    "scores_bps" INTEGER[],
    "vk_hash" TEXT,
    "settings_hash" TEXT,
    "srs_k" INTEGER,
    "prove_ms" INTEGER,
    "peak_rss_mb" INTEGER,
    "chain_id" INTEGER,
    "oracle" TEXT,
    "digest" TEXT,
    "tx_hash" TEXT,
    "block_number" BIGINT,
    "gas_used" BIGINT,
    "onchain_report_id" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "proven_at" TIMESTAMP(3),
    "posted_at" TIMESTAMP(3),

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_attestation" (
    "report_id" INTEGER NOT NULL,
    "attester" TEXT NOT NULL,
    "signature" TEXT,
    "refusal" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_attestation_pkey" PRIMARY KEY ("report_id","attester")
);

-- CreateTable
CREATE TABLE "proving_artifact" (
    "sha256" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proving_artifact_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "post_record" (
    "chain_id" INTEGER NOT NULL,
    "oracle" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tx_hash" TEXT,
    "nonce" INTEGER,
    "raw_transaction" TEXT,
    "block_number" BIGINT,
    "gas_used" BIGINT,
    "report_id" INTEGER,
    "error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "post_record_pkey" PRIMARY KEY ("chain_id","oracle","digest")
);

-- CreateIndex
CREATE INDEX "operator_score_epoch_score_bps_idx" ON "operator_score"("epoch", "score_bps");

-- CreateIndex
CREATE INDEX "pool_score_epoch_idx" ON "pool_score"("epoch");

-- CreateIndex
CREATE UNIQUE INDEX "feed_feed_id_key" ON "feed"("feed_id");

-- CreateIndex
CREATE UNIQUE INDEX "feed_kind_ref_id_key" ON "feed"("kind", "ref_id");

-- CreateIndex
CREATE INDEX "report_status_idx" ON "report"("status");

-- CreateIndex
CREATE UNIQUE INDEX "report_epoch_first_feed_index_key" ON "report"("epoch", "first_feed_index");

-- AddForeignKey
ALTER TABLE "report_attestation" ADD CONSTRAINT "report_attestation_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
