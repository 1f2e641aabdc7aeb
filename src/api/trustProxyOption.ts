/**
 * Fastify's `trustProxy` from API_TRUST_PROXY (validated at start-up): a hop count, or the
 * addresses and CIDR ranges of the proxies; never `true`, which would take the client address
 * from whatever X-Forwarded-For a client sends.
 */
export function trustProxyOption(
  setting: string,
): false | string[] | ((address: string, hop: number) => boolean) {
  const items = setting
    .split(",")
    .map((i) => i.trim())
    .filter(Boolean);
  if (items.length === 0) return false;
  if (items.length === 1 && /^\d+$/.test(items[0])) {
    // Hop i (0 = the socket's peer) is trusted while i < n: the n nearest proxies.
    const hops = Number(items[0]);
    return (_address, hop) => hop < hops;
  }
  return items;
}
