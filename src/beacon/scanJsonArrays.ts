export type ScanJsonArraysParameters = {
  body: AsyncIterable<Uint8Array>;
  /**
   * Arrays wanted, by the dotted key path from the top-level object ("data",
   * "data.total_rewards"), each with the handler that receives its elements, parsed, a batch at a
   * time and in order. Elements must be objects or arrays.
   */
  arrays: Record<string, (elements: unknown[]) => void>;
};

/** The wanted paths that were found in the document (a missing one is the caller's error). */
export type ScanJsonArraysReturnType = Set<string>;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COLON = 58;
const COMMA = 44;
const OBJECT = 1;
const ARRAY = 2;
const MAX_DEPTH = 256;

/**
 * Streams a JSON document and hands over the elements of chosen arrays as they arrive, so a
 * 350 MB answer is never held as one string nor as a million live objects: each network chunk's
 * complete elements are parsed with one JSON.parse and given to the handler, which keeps what it
 * needs in compact form and lets the objects die young. Only structure is scanned here (depth,
 * strings, the keys on the way to the wanted arrays); JSON.parse validates the elements, and a
 * document that ends early or is not an object at the top throws SyntaxError, which the beacon
 * client classifies as a malformed answer.
 */
export async function scanJsonArrays({
  body,
  arrays,
}: ScanJsonArraysParameters): Promise<ScanJsonArraysReturnType> {
  const found = new Set<string>();
  const kinds = new Uint8Array(MAX_DEPTH);
  const keys: (string | undefined)[] = new Array(MAX_DEPTH);
  let depth = 0;
  let inString = false;
  let expectKey = false;
  let keyStart = -1;
  let stringOpen = -1;
  // The wanted array being read: its depth (its elements open at this depth), its handler.
  let wantedDepth = -1;
  let handler: ((elements: unknown[]) => void) | undefined;
  let elementStart = -1;
  let batchStart = -1;
  let batchEnd = -1;
  let carry: Buffer | undefined;
  let resumeAt = 0;
  let sawTop = false;

  const flush = (buf: Buffer) => {
    if (batchStart < 0) return;
    handler!(JSON.parse(`[${buf.toString("utf8", batchStart, batchEnd)}]`) as unknown[]);
    batchStart = -1;
    batchEnd = -1;
  };

  for await (const chunk of body) {
    const fresh = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = carry ? Buffer.concat([carry, fresh]) : fresh;
    const n = buf.length;
    let i = resumeAt;
    for (; i < n; i++) {
      const c = buf[i];
      if (inString) {
        // Strings are most of the bytes (hex keys, decimal numbers): a tight loop to the closing
        // quote, stepping over escapes. One cut by the chunk's end is read again from its start.
        while (i < n) {
          const b = buf[i];
          if (b === QUOTE) break;
          i += b === BACKSLASH ? 2 : 1;
        }
        if (i >= n) break;
        inString = false;
        if (keyStart >= 0) {
          keys[depth] = buf.toString("utf8", keyStart, i);
          keyStart = -1;
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        stringOpen = i;
        if (elementStart < 0) {
          if (depth === wantedDepth) throw new SyntaxError("JSON array elements must be objects");
          if (kinds[depth] === OBJECT && expectKey) keyStart = i + 1;
        }
        // Resume inside the string: the next round finds its closing quote.
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 0) {
          if (sawTop || c !== OPEN_OBJECT) throw new SyntaxError("JSON answer is not one object");
          sawTop = true;
        }
        if (depth === wantedDepth && elementStart < 0) elementStart = i;
        else if (c === OPEN_ARRAY && elementStart < 0 && wantedDepth < 0) {
          const path = pathTo(kinds, keys, depth);
          if (path !== undefined && arrays[path]) {
            found.add(path);
            handler = arrays[path];
            wantedDepth = depth + 1;
          }
        }
        if (++depth >= MAX_DEPTH) throw new SyntaxError("JSON nested too deep");
        kinds[depth] = c === OPEN_OBJECT ? OBJECT : ARRAY;
        expectKey = c === OPEN_OBJECT;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (--depth < 0) throw new SyntaxError("JSON closes more than it opens");
        if (depth === wantedDepth && elementStart >= 0) {
          if (batchStart < 0) batchStart = elementStart;
          batchEnd = i + 1;
          elementStart = -1;
        } else if (depth + 1 === wantedDepth) {
          flush(buf);
          wantedDepth = -1;
          handler = undefined;
        }
        expectKey = false;
        continue;
      }
      if (elementStart >= 0) continue;
      if (c === COLON) expectKey = false;
      else if (c === COMMA) expectKey = kinds[depth] === OBJECT;
      else if (depth === wantedDepth && c !== 32 && c !== 10 && c !== 13 && c !== 9)
        throw new SyntaxError("JSON array elements must be objects");
    }
    flush(buf);
    // What is not complete yet (an element, a string: its escapes are read from its start) goes
    // round again with the next chunk.
    const keep = elementStart >= 0 ? elementStart : inString ? stringOpen : n;
    if (keep < n) {
      carry = Buffer.from(buf.subarray(keep));
      if (elementStart >= 0) elementStart -= keep;
      if (keyStart >= 0) keyStart -= keep;
      stringOpen -= keep;
      resumeAt = inString ? stringOpen + 1 : carry.length;
    } else {
      carry = undefined;
      resumeAt = 0;
    }
  }
  if (!sawTop || depth !== 0 || inString) throw new SyntaxError("JSON answer ended early");
  return found;
}

/** The dotted key path of the value opened below `depth`, when every level is an object. */
function pathTo(
  kinds: Uint8Array,
  keys: (string | undefined)[],
  depth: number,
): string | undefined {
  const parts: string[] = [];
  for (let d = 1; d <= depth; d++) {
    if (kinds[d] !== OBJECT || keys[d] === undefined) return undefined;
    parts.push(keys[d]!);
  }
  return parts.join(".");
}
