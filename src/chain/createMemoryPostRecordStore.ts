import type { PostRecord, PostRecordKey, PostRecordStore } from "../db/postRecordStore.js";

export type MemoryPostRecordStore = PostRecordStore & {
  /** Every record, for assertions in tests. */
  all(): PostRecord[];
};

/** An in-memory `PostRecordStore` (tests, demos). Survives a "restart" only if the same object is reused. */
export function createMemoryPostRecordStore(): MemoryPostRecordStore {
  const records = new Map<string, PostRecord>();
  const id = (k: PostRecordKey) =>
    `${k.chainId}:${k.oracle.toLowerCase()}:${k.digest.toLowerCase()}`;
  const upsert = (k: PostRecordKey, patch: Partial<PostRecord>) => {
    const prev = records.get(id(k));
    records.set(id(k), {
      ...prev,
      chainId: k.chainId,
      oracle: k.oracle,
      digest: k.digest,
      status: "sending",
      ...(prev && { status: prev.status }),
      ...patch,
      updatedAt: new Date(),
    });
  };
  return {
    async get(key) {
      const r = records.get(id(key));
      return r && { ...r };
    },
    async markSending({ txHash, nonce, rawTransaction, ...key }) {
      upsert(key, { status: "sending", txHash, nonce, rawTransaction, error: undefined });
    },
    async markSent({ txHash, ...key }) {
      upsert(key, { status: "sent", txHash });
    },
    async markConfirmed({ reportId, txHash, blockNumber, gasUsed, ...key }) {
      upsert(key, {
        status: "confirmed",
        reportId,
        txHash,
        blockNumber,
        gasUsed,
        error: undefined,
      });
    },
    async markFailed({ error, txHash, ...key }) {
      upsert(key, { status: "failed", error, ...(txHash && { txHash }) });
    },
    all() {
      return [...records.values()].map((r) => ({ ...r }));
    },
  };
}
