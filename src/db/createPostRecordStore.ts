import type pg from "pg";
import type { Hex } from "viem";
import type { PostRecord, PostRecordKey, PostRecordStore } from "./postRecordStore.js";

/**
 * The poster's `PostRecordStore` in PostgreSQL (table post_record): survives restarts, so a
 * transaction signed before a crash is found and resumed instead of a second one being sent.
 */
export function createPostRecordStore(pool: pg.Pool): PostRecordStore {
  const key = (k: PostRecordKey) => [k.chainId, k.oracle.toLowerCase(), k.digest.toLowerCase()];
  const upsert = (k: PostRecordKey, fields: Record<string, unknown>) => {
    const names = Object.keys(fields);
    const values = Object.values(fields);
    return pool.query(
      `INSERT INTO post_record (chain_id, oracle, digest, ${names.join(", ")}, updated_at)
       VALUES ($1, $2, $3, ${names.map((_, i) => `$${i + 4}`).join(", ")}, now())
       ON CONFLICT (chain_id, oracle, digest) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(", ")}, updated_at = now()`,
      [...key(k), ...values],
    );
  };
  return {
    async get(k) {
      const { rows } = await pool.query(
        `SELECT * FROM post_record WHERE chain_id = $1 AND oracle = $2 AND digest = $3`,
        key(k),
      );
      const r = rows[0];
      if (!r) return undefined;
      const record: PostRecord = {
        chainId: r.chain_id,
        oracle: r.oracle,
        digest: r.digest,
        status: r.status,
        txHash: r.tx_hash ?? undefined,
        nonce: r.nonce ?? undefined,
        rawTransaction: r.raw_transaction ?? undefined,
        blockNumber: r.block_number === null ? undefined : BigInt(r.block_number),
        gasUsed: r.gas_used === null ? undefined : BigInt(r.gas_used),
        reportId: r.report_id ?? undefined,
        error: r.error ?? undefined,
        updatedAt: r.updated_at,
      };
      return record;
    },
    async markSending({ txHash, nonce, rawTransaction, ...k }) {
      await upsert(k, {
        status: "sending",
        tx_hash: txHash,
        nonce,
        raw_transaction: rawTransaction,
        error: null,
      });
    },
    async markSent({ txHash, ...k }) {
      await upsert(k, { status: "sent", tx_hash: txHash });
    },
    async markConfirmed({ reportId, txHash, blockNumber, gasUsed, ...k }) {
      // Fields not known here (e.g. an already-posted report whose event was not found) keep their recorded values.
      await upsert(k, {
        status: "confirmed",
        report_id: reportId,
        error: null,
        ...(txHash && { tx_hash: txHash }),
        ...(blockNumber !== undefined && { block_number: blockNumber.toString() }),
        ...(gasUsed !== undefined && { gas_used: gasUsed.toString() }),
      });
    },
    async markFailed({ error, txHash, ...k }) {
      await upsert(k, { status: "failed", error, ...(txHash && { tx_hash: txHash as Hex }) });
    },
  };
}
