import { graphCircuitSpans } from "./graphCircuit.js";

export type DiffCompiledCircuitsParameters = {
  /** The bytes under test (e.g. compileCircuit's). */
  actual: Uint8Array;
  /** The reference bytes (e.g. native ezkl's compile_circuit). */
  expected: Uint8Array;
};
export type DiffCompiledCircuitsReturnType =
  | { equal: true }
  | {
      equal: false;
      /** First differing byte offset (the shorter length when one is a prefix of the other). */
      offset: number;
      /** Struct path of the value at that offset, e.g. `core.model.graph.nodes[3][1].Node.opkind.RebaseScale.inner`. */
      path: string;
      /** The differing value's bytes on each side, hex (up to 32 bytes). */
      actualHex: string;
      expectedHex: string;
      actualLength: number;
      expectedLength: number;
    };

/**
 * Compares two compiled circuits and names the first difference by its place in ezkl's
 * GraphCircuit, read from the reference bytes (or from ours when the reference cannot be decoded
 * there), so a conformance failure says which field to look at instead of a bare offset.
 */
export function diffCompiledCircuits({
  actual,
  expected,
}: DiffCompiledCircuitsParameters): DiffCompiledCircuitsReturnType {
  const n = Math.min(actual.length, expected.length);
  let offset = 0;
  while (offset < n && actual[offset] === expected[offset]) offset++;
  if (offset === n && actual.length === expected.length) return { equal: true };
  const locate = (bytes: Uint8Array) => {
    const { spans, stoppedAt } = graphCircuitSpans(bytes);
    const span = spans.find((s) => s.start <= offset && offset < s.end);
    if (span) return { path: span.path, start: span.start, end: span.end };
    if (stoppedAt && stoppedAt.offset <= offset)
      return {
        path: `${stoppedAt.path} (undecodable: ${stoppedAt.error})`,
        start: offset,
        end: offset + 1,
      };
    return undefined;
  };
  const at = locate(expected) ??
    locate(actual) ?? { path: "(past the end)", start: offset, end: offset + 1 };
  const hex = (bytes: Uint8Array) =>
    Buffer.from(bytes.subarray(at.start, Math.min(at.end, at.start + 32))).toString("hex");
  return {
    equal: false,
    offset,
    path: at.path,
    actualHex: hex(actual),
    expectedHex: hex(expected),
    actualLength: actual.length,
    expectedLength: expected.length,
  };
}
