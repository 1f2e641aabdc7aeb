import type pg from "pg";

/** Where a RiskOracle was deployed: the poster searches its events from that block on. */
export type OracleDeployment = { chainId: number; oracle: string; blockNumber: bigint };

/** Records the deployment block of an oracle (`cli deploy`, or the poster once it has found it). */
export async function saveOracleDeployment(
  pool: pg.Pool,
  { chainId, oracle, blockNumber }: OracleDeployment,
): Promise<void> {
  await pool.query(
    `INSERT INTO oracle_deployment (chain_id, oracle, block_number) VALUES ($1, $2, $3)
     ON CONFLICT (chain_id, oracle) DO UPDATE SET block_number = EXCLUDED.block_number`,
    [chainId, oracle.toLowerCase(), blockNumber.toString()],
  );
}
