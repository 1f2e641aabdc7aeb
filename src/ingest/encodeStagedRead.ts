import { serialize } from "node:v8";
import { VALIDATOR_COLUMN_ARRAYS } from "../beacon/index.js";
import type { ReadEpochInputsReturnType } from "./readEpochInputs.js";

/** Bumped when the parts change shape: decodeStagedRead discards a read staged in another. */
export const STAGED_FORMAT = 2;

/**
 * A staged read as parts for PostgreSQL: part 0 holds everything but the validators' columns
 * (V8's serializer: rewards as typed arrays, blocks, duties, sync committee, the validator count
 * and status names), then one part per validator column, its raw little-endian bytes. Nothing is
 * compressed: keys and credentials are hashes (deflate spent seconds on them for almost nothing
 * at mainnet scale) and the read sits on the follower's path, in the same seconds as the node's
 * answers; a staged epoch is ≈ 175 MB at 1,000,000 validators, kept until it is promoted.
 */
export function encodeStagedRead(read: ReadEpochInputsReturnType): Buffer[] {
  const { validators, ...inputs } = read.inputs;
  const head = {
    format: STAGED_FORMAT,
    ...read,
    inputs,
    validators: { count: validators.count, statuses: validators.statuses },
  };
  const parts: Buffer[] = [serialize(head)];
  for (const key of VALIDATOR_COLUMN_ARRAYS) {
    const a = validators[key];
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }
  return parts;
}
