import type { Address, Hex } from "viem";

/** One report on one oracle deployment. */
export type PostRecordKey = { chainId: number; oracle: Address; digest: Hex };

/**
 * `sending`: the transaction is signed and its hash known, it may or may not have reached the
 * node; `sent`: the node accepted it; `confirmed`: mined with the required confirmations (or
 * found already posted on-chain); `failed`: it reverted or cannot be sent.
 */
export type PostRecordStatus = "sending" | "sent" | "confirmed" | "failed";

export type PostRecord = PostRecordKey & {
  status: PostRecordStatus;
  txHash?: Hex;
  nonce?: number;
  /** The signed transaction, re-broadcast after a restart if it never reached the chain. Public data, not a secret. */
  rawTransaction?: Hex;
  blockNumber?: bigint;
  gasUsed?: bigint;
  reportId?: number;
  error?: string;
  updatedAt: Date;
};

/**
 * Where the poster records its progress, so a restart resumes instead of double-posting. The
 * chain stays the source of truth (`reportIdOf(digest)`); the store adds the transaction hash and
 * the signed transaction. The lead backs this with PostgreSQL; `createMemoryPostRecordStore` is for tests.
 */
export type PostRecordStore = {
  get(key: PostRecordKey): Promise<PostRecord | undefined>;
  markSending(
    record: PostRecordKey & { txHash: Hex; nonce: number; rawTransaction: Hex },
  ): Promise<void>;
  markSent(record: PostRecordKey & { txHash: Hex }): Promise<void>;
  markConfirmed(
    record: PostRecordKey & {
      reportId: number;
      txHash?: Hex;
      blockNumber?: bigint;
      gasUsed?: bigint;
    },
  ): Promise<void>;
  markFailed(record: PostRecordKey & { error: string; txHash?: Hex }): Promise<void>;
};
