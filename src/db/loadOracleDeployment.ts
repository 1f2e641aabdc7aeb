import type pg from "pg";

/** The recorded deployment block of an oracle (see saveOracleDeployment), or undefined. */
export async function loadOracleDeployment(
  pool: pg.Pool,
  chainId: number,
  oracle: string,
): Promise<bigint | undefined> {
  const { rows } = await pool.query<{ block_number: string }>(
    `SELECT block_number FROM oracle_deployment WHERE chain_id = $1 AND oracle = $2`,
    [chainId, oracle.toLowerCase()],
  );
  return rows[0] ? BigInt(rows[0].block_number) : undefined;
}
