/**
 * A minimal bincode 1.x codec (default options, as ezkl uses through `bincode::serialize`):
 * little-endian fixed-width integers, u32 enum tags, u64 lengths, 1-byte Option tags, and
 * fixed-size arrays (field elements) without a length. One schema value gives both the encoder
 * and the decoder, so the two cannot drift apart.
 */
import { BincodeError } from "./errors.js";

export class ByteWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  /** Grows the buffer; callers must take the offset before touching `view` (it may be replaced). */
  private reserve(n: number): number {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1);
    this.view.setUint8(at, v);
  }
  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v, true);
  }
  i32(v: number): void {
    const at = this.reserve(4);
    this.view.setInt32(at, v, true);
  }
  f32(v: number): void {
    const at = this.reserve(4);
    this.view.setFloat32(at, v, true);
  }
  f64(v: number): void {
    const at = this.reserve(8);
    this.view.setFloat64(at, v, true);
  }
  u64(v: bigint): void {
    const at = this.reserve(8);
    this.view.setBigUint64(at, v, true);
  }
  i64(v: bigint): void {
    const at = this.reserve(8);
    this.view.setBigInt64(at, v, true);
  }
  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A byte range of the input and the struct path of the value read from it. */
export type ByteSpan = { start: number; end: number; path: string };

export class ByteReader {
  private readonly view: DataView;
  offset = 0;
  /** With `trace`, every primitive read records its span and path (for locating a byte difference). */
  private readonly path: string[] = [];
  readonly spans: ByteSpan[] | undefined;

  constructor(
    private readonly buf: Uint8Array,
    { trace = false }: { trace?: boolean } = {},
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.spans = trace ? [] : undefined;
  }

  /** Enters a field, element or variant (only tracked when tracing). */
  enter(segment: string): void {
    if (this.spans) this.path.push(segment);
  }
  leave(): void {
    if (this.spans) this.path.pop();
  }
  /** The path being read now, e.g. `core.model.graph.nodes[2][1].Node.opkind`. */
  currentPath(): string {
    return this.path.join("").replace(/^\./, "");
  }

  private take(n: number, what: string): number {
    if (this.offset + n > this.buf.length) {
      throw new BincodeError(`Unexpected end of data reading ${what}`, {
        details: `needed ${n} bytes at offset ${this.offset}, ${this.buf.length - this.offset} left`,
      });
    }
    const at = this.offset;
    this.offset += n;
    this.spans?.push({ start: at, end: at + n, path: this.currentPath() });
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.take(1, "u8"));
  }
  u32(): number {
    return this.view.getUint32(this.take(4, "u32"), true);
  }
  i32(): number {
    return this.view.getInt32(this.take(4, "i32"), true);
  }
  f32(): number {
    return this.view.getFloat32(this.take(4, "f32"), true);
  }
  f64(): number {
    return this.view.getFloat64(this.take(8, "f64"), true);
  }
  u64(): bigint {
    return this.view.getBigUint64(this.take(8, "u64"), true);
  }
  i64(): bigint {
    return this.view.getBigInt64(this.take(8, "i64"), true);
  }
  bytes(n: number): Uint8Array {
    const at = this.take(n, `${n} bytes`);
    return this.buf.slice(at, at + n);
  }
  get remaining(): number {
    return this.buf.length - this.offset;
  }
}

export type Codec<T> = {
  encode(w: ByteWriter, v: T): void;
  decode(r: ByteReader): T;
};

export const u8: Codec<number> = { encode: (w, v) => w.u8(v), decode: (r) => r.u8() };
export const u32: Codec<number> = { encode: (w, v) => w.u32(v), decode: (r) => r.u32() };
export const i32: Codec<number> = { encode: (w, v) => w.i32(v), decode: (r) => r.i32() };
export const f32: Codec<number> = { encode: (w, v) => w.f32(v), decode: (r) => r.f32() };
export const f64: Codec<number> = { encode: (w, v) => w.f64(v), decode: (r) => r.f64() };

export const bool: Codec<boolean> = {
  encode: (w, v) => w.u8(v ? 1 : 0),
  decode: (r) => {
    const b = r.u8();
    if (b > 1)
      throw new BincodeError(`Invalid bool byte ${b}`, { details: `at offset ${r.offset - 1}` });
    return b === 1;
  },
};

/** usize / u64 as a JS number; bincode lengths and indices in ezkl never exceed 2^53. */
export const usize: Codec<number> = {
  encode: (w, v) => w.u64(BigInt(v)),
  decode: (r) => {
    const v = r.u64();
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new BincodeError(`usize ${v} is too large`, { details: `at offset ${r.offset - 8}` });
    return Number(v);
  },
};

/** i128 (ezkl's IntegerRep) as bigint: two little-endian 64-bit halves. */
export const i128: Codec<bigint> = {
  encode: (w, v) => {
    const u = BigInt.asUintN(128, v);
    w.u64(u & 0xffff_ffff_ffff_ffffn);
    w.u64(u >> 64n);
  },
  decode: (r) => {
    const lo = r.u64();
    const hi = r.u64();
    return BigInt.asIntN(128, (hi << 64n) | lo);
  },
};

export const u128: Codec<bigint> = {
  encode: (w, v) => i128.encode(w, v),
  decode: (r) => BigInt.asUintN(128, i128.decode(r)),
};

export const string: Codec<string> = {
  encode: (w, v) => {
    const b = new TextEncoder().encode(v);
    w.u64(BigInt(b.length));
    w.bytes(b);
  },
  decode: (r) => new TextDecoder("utf-8", { fatal: true }).decode(r.bytes(usize.decode(r))),
};

export function fixedBytes(n: number): Codec<Uint8Array> {
  return {
    encode: (w, v) => {
      if (v.length !== n) throw new BincodeError(`Expected ${n} bytes, got ${v.length}`);
      w.bytes(v);
    },
    decode: (r) => r.bytes(n),
  };
}

export function vec<T>(item: Codec<T>): Codec<T[]> {
  return {
    encode: (w, v) => {
      w.u64(BigInt(v.length));
      for (const x of v) item.encode(w, x);
    },
    decode: (r) => {
      const n = usize.decode(r);
      // Each element takes at least one byte: a larger count means corrupt data, not a huge vector.
      if (n > r.remaining)
        throw new BincodeError(`Sequence length ${n} exceeds the remaining ${r.remaining} bytes`, {
          details: `at offset ${r.offset - 8}`,
        });
      const out: T[] = [];
      for (let i = 0; i < n; i++) {
        r.enter(`[${i}]`);
        out.push(item.decode(r));
        r.leave();
      }
      return out;
    },
  };
}

export function option<T>(item: Codec<T>): Codec<T | null> {
  return {
    encode: (w, v) => {
      if (v === null) w.u8(0);
      else {
        w.u8(1);
        item.encode(w, v);
      }
    },
    decode: (r) => {
      const tag = r.u8();
      if (tag === 0) return null;
      if (tag !== 1)
        throw new BincodeError(`Invalid Option tag ${tag}`, {
          details: `at offset ${r.offset - 1}`,
        });
      return item.decode(r);
    },
  };
}

export function tuple<T extends unknown[]>(...items: { [K in keyof T]: Codec<T[K]> }): Codec<T> {
  return {
    encode: (w, v) => {
      for (const [i, c] of items.entries()) c.encode(w, v[i]);
    },
    decode: (r) =>
      items.map((c, i) => {
        r.enter(`[${i}]`);
        const v = c.decode(r);
        r.leave();
        return v;
      }) as T,
  };
}

type Fields<T> = { [K in keyof T]: Codec<T[K]> };

/** A struct: fields in declaration order (object key order of `fields`). */
export function struct<T extends object>(fields: Fields<T>): Codec<T> {
  const entries = Object.entries(fields) as [keyof T & string, Codec<unknown>][];
  return {
    encode: (w, v) => {
      for (const [k, c] of entries) c.encode(w, v[k]);
    },
    decode: (r) => {
      const out = {} as Record<string, unknown>;
      for (const [k, c] of entries) {
        r.enter(`.${k}`);
        out[k] = c.decode(r);
        r.leave();
      }
      return out as T;
    },
  };
}

/**
 * A Rust enum as a `{ kind, value }` union: variants in declaration order give the u32 tags.
 * Only the variants this project emits are given codecs; `null` marks a unit variant and
 * `undefined` a variant we never produce (decoding it is an error naming the tag).
 */
/** A Rust enum value as a `{ kind, value }` union (unit variants have no value). */
export type EnumValue<V extends Record<string, unknown>> = {
  [K in keyof V]: V[K] extends null ? { kind: K } : { kind: K; value: V[K] };
}[keyof V];

export function enumeration<T extends { kind: string }>(
  name: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each variant has its own payload type
  variants: readonly (readonly [string, Codec<any> | null | undefined])[],
): Codec<T> {
  return {
    encode: (w, v) => {
      const tag = variants.findIndex(([k]) => k === v.kind);
      const codec = variants[tag]?.[1];
      if (tag < 0 || codec === undefined)
        throw new BincodeError(`Cannot encode ${name}::${String(v.kind)}`);
      w.u32(tag);
      if (codec !== null) codec.encode(w, (v as unknown as { value: unknown }).value);
    },
    decode: (r) => {
      const tag = r.u32();
      const variant = variants[tag];
      if (!variant || variant[1] === undefined) {
        throw new BincodeError(
          `Unsupported ${name} variant tag ${tag}${variant ? ` (${variant[0]})` : ""}`,
          { details: `at offset ${r.offset - 4}` },
        );
      }
      const [kind, codec] = variant;
      if (codec === null) return { kind } as unknown as T;
      r.enter(`.${kind}`);
      const value = codec.decode(r);
      r.leave();
      return { kind, value } as unknown as T;
    },
  };
}

/** Lazily resolved codec, for recursive types (RebaseScale wraps a SupportedOp). */
export function lazy<T>(get: () => Codec<T>): Codec<T> {
  return { encode: (w, v) => get().encode(w, v), decode: (r) => get().decode(r) };
}

export function encode<T>(codec: Codec<T>, value: T): Uint8Array {
  const w = new ByteWriter();
  codec.encode(w, value);
  return w.finish();
}

/** Decodes a whole buffer; trailing bytes mean the data is not what the schema says. */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, what: string): T {
  const r = new ByteReader(bytes);
  const value = codec.decode(r);
  if (r.remaining !== 0) throw new BincodeError(`${r.remaining} trailing bytes after ${what}`);
  return value;
}

/**
 * Decodes with tracing and returns the span and struct path of every primitive read; on bytes the
 * schema cannot read, the spans up to that point and the path where decoding stopped.
 */
export function decodeSpans<T>(
  codec: Codec<T>,
  bytes: Uint8Array,
): { spans: ByteSpan[]; stoppedAt?: { offset: number; path: string; error: string } } {
  const r = new ByteReader(bytes, { trace: true });
  try {
    codec.decode(r);
    return { spans: r.spans! };
  } catch (error) {
    return {
      spans: r.spans!,
      stoppedAt: { offset: r.offset, path: r.currentPath(), error: (error as Error).message },
    };
  }
}
