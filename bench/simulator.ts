/**
 * Serves the 1,000,000-validator scenario and measures time, size and RSS of the three big
 * responses: full validators, full balances, attestation rewards for all validators.
 * `npx tsx bench/simulator.ts [scenario]` — ends with one JSON line of figures.
 */
import { loadScenario, startSimulator } from "../src/simulator/index.js";

const name = process.argv[2] ?? "mainnet-1m";
const mb = (bytes: number) => Math.round(bytes / 1e6);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

let t = performance.now();
const sim = await startSimulator({ scenario: loadScenario(name), storage: "archive" });
const startMs = Math.round(performance.now() - t);
t = performance.now();
const e = sim.chain.epochState(sim.status().headEpoch);
const warmMs = Math.round(performance.now() - t);
void e;

async function measure(path: string, init?: RequestInit) {
  peakRss = process.memoryUsage().rss;
  const start = performance.now();
  const res = await fetch(sim.url + path, init);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  let bytes = 0;
  let firstByteMs = 0;
  for await (const chunk of res.body!) {
    if (bytes === 0) firstByteMs = Math.round(performance.now() - start);
    bytes += (chunk as Uint8Array).length;
  }
  const figures = {
    path,
    ms: Math.round(performance.now() - start),
    firstByteMs,
    mb: mb(bytes),
    peakRssMb: mb(peakRss),
  };
  console.log(JSON.stringify(figures));
  return figures;
}

const head = sim.status().headEpoch;
const validators = await measure("/eth/v1/beacon/states/head/validators");
const balances = await measure("/eth/v1/beacon/states/head/validator_balances");
const rewards = await measure(`/eth/v1/beacon/rewards/attestations/${head - 1}`, {
  method: "POST",
  body: "[]",
});
const block = await measure(`/eth/v2/beacon/blocks/head`);
clearInterval(sampler);
await sim.close();
console.log(
  JSON.stringify({
    bench: "simulator",
    scenario: name,
    validators: sim.chain.validatorCount,
    startMs,
    warmHeadStateMs: warmMs,
    validatorsMs: validators.ms,
    validatorsMb: validators.mb,
    balancesMs: balances.ms,
    balancesMb: balances.mb,
    attestationRewardsMs: rewards.ms,
    attestationRewardsMb: rewards.mb,
    blockMs: block.ms,
    peakRssMb: Math.max(validators.peakRssMb, balances.peakRssMb, rewards.peakRssMb),
  }),
);
