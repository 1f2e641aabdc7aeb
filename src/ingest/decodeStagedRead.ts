import { deserialize } from "node:v8";
import { VALIDATOR_COLUMN_ARRAYS, allocateValidatorColumns } from "../beacon/index.js";
import { STAGED_FORMAT } from "./encodeStagedRead.js";
import { IngestError } from "./errors.js";
import type { ReadEpochInputsReturnType } from "./readEpochInputs.js";

type Head = Omit<ReadEpochInputsReturnType, "inputs"> & {
  format?: number;
  inputs: Omit<ReadEpochInputsReturnType["inputs"], "validators">;
  validators: { count: number; statuses: string[] };
};

/** The read `encodeStagedRead` stored, back from its parts. */
export function decodeStagedRead(parts: Buffer[]): ReadEpochInputsReturnType {
  const corrupt = (epoch: number | undefined, why: string) =>
    new IngestError("INGEST_STAGED_CORRUPT", `Staged epoch ${epoch ?? "?"}: ${why}`, {
      details: "Its staged rows are discarded and the epoch is read again from the node.",
    });
  let head: Head;
  try {
    head = deserialize(parts[0]) as Head;
  } catch {
    throw corrupt(undefined, "its first part does not deserialize");
  }
  if (head?.format !== STAGED_FORMAT)
    throw corrupt(head?.inputs?.epoch, `staged in format ${head?.format}, not ${STAGED_FORMAT}`);
  if (parts.length !== 1 + VALIDATOR_COLUMN_ARRAYS.length)
    throw corrupt(head.inputs.epoch, `${parts.length} parts stored`);
  const columns = allocateValidatorColumns(head.validators.count);
  columns.count = head.validators.count;
  columns.statuses = head.validators.statuses;
  VALIDATOR_COLUMN_ARRAYS.forEach((key, k) => {
    const bytes = parts[k + 1];
    const array = columns[key];
    if (bytes.length !== array.byteLength)
      throw corrupt(head.inputs.epoch, `column ${key} holds ${bytes.length} bytes`);
    // Copied into place: a PostgreSQL buffer need not be aligned for the column's element size.
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
  });
  const { format: _format, validators: _validators, ...read } = head;
  return { ...read, inputs: { ...read.inputs, validators: columns } };
}
