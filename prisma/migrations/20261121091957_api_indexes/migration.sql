-- Indexes for the REST API's reads: a pool's operators, and the newest report containing an
-- operator (GIN on the report's operator id array).

-- CreateIndex
CREATE INDEX "operator_pool_id_idx" ON "operator"("pool_id");

-- CreateIndex
CREATE INDEX "report_operator_ids_idx" ON "report" USING GIN ("operator_ids");
