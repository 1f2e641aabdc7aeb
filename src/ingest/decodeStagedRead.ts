import { inflateRawSync } from "node:zlib";
import { deserialize } from "node:v8";
import type { ValidatorJson } from "../beacon/index.js";
import { IngestError } from "./errors.js";
import type { ReadEpochInputsReturnType } from "./readEpochInputs.js";

/** The read `encodeStagedRead` stored, back from its parts. */
export function decodeStagedRead(parts: Buffer[]): ReadEpochInputsReturnType {
  const unpack = (b: Buffer) => deserialize(inflateRawSync(b));
  const head = unpack(parts[0]) as Omit<ReadEpochInputsReturnType, "inputs"> & {
    inputs: Omit<ReadEpochInputsReturnType["inputs"], "validators">;
    validatorCount: number;
  };
  const validators: ValidatorJson[] = [];
  for (let k = 1; k < parts.length; k++)
    for (const v of unpack(parts[k]) as ValidatorJson[]) validators.push(v);
  if (validators.length !== head.validatorCount) {
    throw new IngestError(
      "INGEST_STAGED_CORRUPT",
      `Staged epoch ${head.inputs.epoch} holds ${validators.length} validators, ${head.validatorCount} were read`,
      {
        details: "Its staged rows are discarded and the epoch is read again from the node.",
      },
    );
  }
  const { validatorCount: _count, ...read } = head;
  return { ...read, inputs: { ...read.inputs, validators } };
}
