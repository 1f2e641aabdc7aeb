import type pg from "pg";
import {
  FLAG_DUTY,
  FLAG_HEAD_HIT,
  FLAG_SLASHED,
  FLAG_SOURCE_HIT,
  FLAG_TARGET_HIT,
  PACKED_ENCODING,
} from "./packedEpoch.js";
import { statusName } from "./validatorStatus.js";

export type ValidatorEpoch = {
  epoch: number;
  status: string;
  slashed: boolean;
  /** Active with an attestation duty in the epoch. */
  duty: boolean;
  sourceHit: boolean;
  targetHit: boolean;
  headHit: boolean;
  effectiveBalanceEth: number;
  balanceGwei: number;
  rewards: { source: number; target: number; head: number; inactivity: number };
};

export type LoadValidatorEpochsParameters = { pool: pg.Pool; index: number; epochs: number };

/**
 * One validator's entries of the newest `epochs` stored epochs, read from the packed arrays
 * (encoding 1, docs/storage.md). Only the validator's bytes are sliced out in SQL, so a request
 * moves 28 bytes an epoch, not the whole 28 MB array. Epochs before the validator existed are
 * left out.
 */
export async function loadValidatorEpochs({
  pool,
  index,
  epochs,
}: LoadValidatorEpochsParameters): Promise<ValidatorEpoch[]> {
  const { rows } = await pool.query<{
    epoch: number;
    s: Buffer;
    f: Buffer;
    eb: Buffer;
    b: Buffer;
    rs: Buffer;
    rt: Buffer;
    rh: Buffer;
    ri: Buffer;
  }>(
    `SELECT epoch,
            substring(status FROM $1 + 1 FOR 1) AS s,
            substring(flags FROM $1 + 1 FOR 1) AS f,
            substring(effective_balance FROM 2 * $1 + 1 FOR 2) AS eb,
            substring(balance FROM 8 * $1 + 1 FOR 8) AS b,
            substring(reward_source FROM 4 * $1 + 1 FOR 4) AS rs,
            substring(reward_target FROM 4 * $1 + 1 FOR 4) AS rt,
            substring(reward_head FROM 4 * $1 + 1 FOR 4) AS rh,
            substring(reward_inactivity FROM 4 * $1 + 1 FOR 4) AS ri
     FROM epoch_validators WHERE encoding = $3 AND count > $1
     ORDER BY epoch DESC LIMIT $2`,
    [index, epochs, PACKED_ENCODING],
  );
  return rows.map((r) => {
    const flags = r.f[0];
    return {
      epoch: r.epoch,
      status: statusName(r.s[0]),
      slashed: (flags & FLAG_SLASHED) !== 0,
      duty: (flags & FLAG_DUTY) !== 0,
      sourceHit: (flags & FLAG_SOURCE_HIT) !== 0,
      targetHit: (flags & FLAG_TARGET_HIT) !== 0,
      headHit: (flags & FLAG_HEAD_HIT) !== 0,
      effectiveBalanceEth: r.eb.readUInt16LE(0),
      balanceGwei: r.b.readUInt32LE(0) + r.b.readUInt32LE(4) * 2 ** 32,
      rewards: {
        source: r.rs.readInt32LE(0),
        target: r.rt.readInt32LE(0),
        head: r.rh.readInt32LE(0),
        inactivity: r.ri.readInt32LE(0),
      },
    };
  });
}
