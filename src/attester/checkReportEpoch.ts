import type pg from "pg";
import { latestIngestedEpoch, loadFinalizedHead } from "../db/index.js";
import type { RefusalCode } from "../report/errors.js";

export type CheckReportEpochParameters = {
  /** The attester's own database. */
  pool: pg.Pool;
  epoch: number;
  /** The report schedule: only multiples of this are signed. */
  reportEvery: number;
  /** The oldest report signed, in epochs behind the finalized head the attester's own data has seen. */
  maxLagEpochs: number;
};

export type CheckReportEpochReturnType =
  | { code: RefusalCode; message: string; details?: string }
  | undefined;

/**
 * Whether an attester may sign a report of `epoch`, from its own database and without any proof
 * work: the epoch is on the report schedule, ingested here, and recent. Signatures are public, so
 * a signed report of an old epoch could be posted by anyone as if it were news; refusing to sign
 * it in the first place closes that. Returns the refusal, or undefined when the epoch is fine.
 */
export async function checkReportEpoch({
  pool,
  epoch,
  reportEvery,
  maxLagEpochs,
}: CheckReportEpochParameters): Promise<CheckReportEpochReturnType> {
  if (!Number.isSafeInteger(epoch) || epoch <= 0 || epoch % reportEvery !== 0) {
    return {
      code: "EPOCH_OFF_SCHEDULE",
      message: `Epoch ${epoch} is not on the report schedule (every ${reportEvery} epochs)`,
    };
  }
  const { rows } = await pool.query<{ epoch: number }>(`SELECT epoch FROM epoch WHERE epoch = $1`, [
    epoch,
  ]);
  if (rows.length === 0)
    return {
      code: "EPOCH_NOT_INGESTED",
      message: `Epoch ${epoch} is not in this attester's database yet`,
    };
  const head = Math.max(
    (await loadFinalizedHead(pool))?.finalizedEpoch ?? 0,
    (await latestIngestedEpoch(pool)) ?? 0,
  );
  if (head - epoch > maxLagEpochs) {
    return {
      code: "EPOCH_TOO_OLD",
      message: `Epoch ${epoch} is ${head - epoch} epochs behind the finalized head (at most ${maxLagEpochs})`,
      details: `finalized head ${head}`,
    };
  }
  return undefined;
}
