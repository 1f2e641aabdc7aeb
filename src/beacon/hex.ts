/** 0x-prefixed lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

/** Bytes of a 0x-prefixed (or bare) hex string. */
export function fromHex(hex: string): Uint8Array {
  return Buffer.from(hex.startsWith("0x") ? hex.slice(2) : hex, "hex");
}
