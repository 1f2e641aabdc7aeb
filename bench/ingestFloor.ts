/**
 * The floor of bench:ingest, run as its own process so its memory (a 350 MB answer held as text
 * and then as a million parsed objects) is not counted in the ingester's peak RSS: the same
 * requests the ingester makes for one epoch, fetched and JSON-parsed, nothing else. Prints the
 * seconds it took as one JSON line.
 * Usage: tsx bench/ingestFloor.ts <simulator url> <epoch> <slots per epoch> <state slot> <duties epoch>
 */
const [url, epochText, speText, stateSlotText, dutiesEpochText] = process.argv.slice(2);
const epoch = Number(epochText);
const spe = Number(speText);
const first = epoch * spe;

/** A refusal ends the run (a floor without its huge answers would mean nothing); an empty slot's 404 does not. */
const get = async (path: string, body?: unknown, emptyOk = false) => {
  const res = await fetchOnce(path, body).catch((error: Error & { cause?: { code?: string } }) => {
    // JSON.parse of the previous answer blocked the event loop for seconds, past the server's
    // keep-alive timeout: a pooled socket it closed meanwhile is seen closed only now. Again, on
    // a new socket, as any client does.
    if (error.cause?.code !== "UND_ERR_SOCKET") throw error;
    return fetchOnce(path, body);
  });
  if (!res.ok && !(emptyOk && res.status === 404))
    throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return JSON.parse(await res.text());
};

function fetchOnce(path: string, body?: unknown) {
  return fetch(
    `${url}${path}`,
    body === undefined
      ? {}
      : {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json" },
        },
  );
}

const t = performance.now();
// As the ingester: the blocks (and the duties, read while their epoch is current: a pruned node
// serves no other, so the duties of the epoch it serves stand in, same size), then the two huge
// answers one after the other, then the sync committee.
await Promise.all([
  get(`/eth/v1/validator/duties/proposer/${dutiesEpochText}`),
  ...Array.from({ length: spe }, (_, k) =>
    get(`/eth/v2/beacon/blocks/${first + k}`, undefined, true),
  ),
]);
await get(`/eth/v1/beacon/states/${stateSlotText}/validators`);
await get(`/eth/v1/beacon/rewards/attestations/${epoch}`, []);
await get(`/eth/v1/beacon/states/${stateSlotText}/sync_committees?epoch=${epoch}`);
console.log(JSON.stringify({ floor_s: (performance.now() - t) / 1000 }));
