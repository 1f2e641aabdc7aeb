import { deflateRawSync } from "node:zlib";
import { serialize } from "node:v8";
import type { ReadEpochInputsReturnType } from "./readEpochInputs.js";

/** Validators per stored part: bounds the memory one serialized chunk takes at mainnet scale. */
export const STAGED_VALIDATORS_PER_PART = 50_000;

/**
 * A staged read as parts for PostgreSQL: part 0 holds everything but the validators (rewards as
 * typed arrays, blocks, duties, sync committee), the next parts the validators in chunks. V8's
 * serializer keeps typed arrays and byte arrays as they are; deflate at level 1 because the
 * registry's repeated fields compress well and the staging sits on the follower's path.
 */
export function encodeStagedRead(read: ReadEpochInputsReturnType): Buffer[] {
  const { validators, ...inputs } = read.inputs;
  const pack = (value: unknown) => deflateRawSync(serialize(value), { level: 1 });
  const parts = [pack({ ...read, inputs, validatorCount: validators.length })];
  for (let i = 0; i < validators.length; i += STAGED_VALIDATORS_PER_PART)
    parts.push(pack(validators.slice(i, i + STAGED_VALIDATORS_PER_PART)));
  return parts;
}
