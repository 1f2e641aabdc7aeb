import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { Logger } from "../common/logger.js";
import type { Metrics } from "../metrics/createMetrics.js";
import { batchSizeOf } from "./buildModel.js";
import { computeCommitment } from "./computeCommitment.js";
import { parseJsonBytes } from "./engine.js";
import {
  CalibrationError,
  CircuitTooLargeError,
  InvalidProvingInputError,
  ProverFailedError,
} from "./errors.js";
import { feltToSigned, hexToFelt } from "./field.js";
import { checkKeyCache, sha256Hex } from "./getKeys.js";
import { decodeGraphCircuit } from "./graphCircuit.js";
import { loadSrs } from "./loadSrs.js";
import { proveNative } from "./proveNative.js";
import type { Prover } from "./provers.js";
import type { ProveWorkerInput, ProveWorkerMessage } from "./proveWorker.js";
import { settingsToJson } from "./settingsJson.js";

export type ProveBatchParameters = {
  /** Compiled circuit (compileCircuit output), with batch size B fixed. */
  compiled: Uint8Array;
  /** One feature vector per operator, at most B rows; missing rows are padded with zeros. */
  features: readonly (readonly number[])[];
  srsPath: string;
  /** Key cache directory (PROVING_CACHE_DIR). */
  cacheDir: string;
  logger?: Logger;
  metrics?: Metrics;
  onProgress?: (stage: string, fraction: number) => void;
  nodeEnv?: string;
  /** Which ezkl build proves (PROVER): native (default) or the WASM engine. */
  prover?: Prover;
};
export type ProveBatchReturnType = {
  /** ezkl proof JSON (bytes), as the engine's verify and the EVM calldata encoder read it. */
  proof: Uint8Array;
  /** Public instances, hex little-endian: [input commitment, model hash, score_0 … score_{B−1}]. */
  instances: string[];
  modelHash: string;
  inputCommitment: string;
  /** The padded feature rows the input commitment covers (publish these beside the proof). */
  committedFeatures: number[][];
  /** Scores of the real (unpadded) rows, dequantized. */
  scores: number[];
  vk: Uint8Array;
  vkHash: string;
  settingsJson: string;
  settingsHash: string;
  durationSeconds: number;
  /** Peak process RSS during the whole call (key generation included when the keys were not cached). */
  peakRssMb: number;
  /** The proving engine's WASM memory at the end of the proof (its high-water mark; 4 GiB ceiling); 0 for the native prover. */
  engineMemoryMb: number;
  prover: Prover;
  /** Key generation in this call: null when the keys came from the cache. */
  keygen: { seconds: number; peakRssMb: number; engineMemoryMb: number } | null;
  /** Peak RSS while proving (keys cached): of this process for wasm, of the ezkl process for native; and the proof's own duration. */
  proofPeakRssMb: number;
  proofSeconds: number;
};

/**
 * Proves one batch of operator scores off the caller's event loop: natively in an ezkl process
 * (PROVER=native, see proveNative), or in a worker thread running the WASM engine. The worker is
 * fresh per proof (WASM memory never shrinks), its RSS is sampled for the peak, and keys come from
 * the on-disk cache after the first run (the same cache and bytes for both provers).
 */
export async function proveBatch({
  compiled,
  features,
  srsPath,
  cacheDir,
  logger,
  metrics,
  onProgress,
  nodeEnv,
  prover = "native",
}: ProveBatchParameters): Promise<ProveBatchReturnType> {
  const started = performance.now();
  const circuit = decodeGraphCircuit(compiled);
  const settings = circuit.core.settings;
  const B = batchSizeOf(settings.run_args);
  const F = circuit.core.model.graph.nodes[0][1].value.out_dims[1];
  const batchLabel = { batch_size: String(B) };
  try {
    if (features.length === 0 || features.length > B)
      throw new InvalidProvingInputError(
        `Batch has ${features.length} operators; the circuit takes 1..${B}`,
      );
    const bad = features.findIndex(
      (row) => row.length !== F || row.some((v) => !Number.isFinite(v)),
    );
    if (bad >= 0)
      throw new InvalidProvingInputError(`Feature row ${bad} must hold ${F} finite numbers`);

    const srs = await loadSrs({ path: srsPath, k: settings.run_args.logrows, nodeEnv });
    if (srs.insecure)
      logger?.warn({ srsPath }, "proving with an INSECURE development SRS: proofs are forgeable");

    const committedFeatures = padRows(features, B, F);
    const input: ProveWorkerInput = {
      compiled,
      srs: srs.bytes,
      input: committedFeatures.flat(),
      lookupRange: [
        Number(settings.run_args.lookup_range[0]),
        Number(settings.run_args.lookup_range[1]),
      ],
      cacheDir,
    };
    const progress = (stage: string, fraction: number) => {
      metrics?.proving.progress.set(fraction);
      onProgress?.(stage, fraction);
      logger?.debug({ stage, fraction }, "proving progress");
    };
    const quarantined = (cache: Awaited<ReturnType<typeof checkKeyCache>>) => {
      if (cache.state === "quarantined")
        logger?.warn(
          { reason: cache.reason, movedTo: cache.movedTo },
          "cached proving keys are damaged: moved aside, regenerating",
        );
    };
    let keygen: ProveBatchReturnType["keygen"] = null;
    let done: { proof: Uint8Array; vk: Uint8Array; vkHash: string; wasmBytes: number };
    let proofSeconds: number;
    let proofPeakRss: number;
    if (prover === "native") {
      const native = await proveNative({
        compiled,
        srs: srs.bytes,
        srsPath,
        input: input.input,
        lookupRange: input.lookupRange,
        cacheDir,
        onProgress: progress,
        onKeyCache: quarantined,
      });
      if (native.keygen) {
        keygen = { ...native.keygen, engineMemoryMb: 0 };
        logger?.info({ batchSize: B, prover, ...keygen }, "generated proving keys");
      }
      done = { ...native, wasmBytes: 0 };
      proofSeconds = native.proofSeconds;
      proofPeakRss = native.proofPeakRssMb * 2 ** 20;
    } else {
      // Keys are generated in a worker of their own: genPk needs ≈ 4.8 × the proving key inside
      // the engine, the proof ≈ 2.8 ×; sharing one engine would keep the larger footprint resident.
      const cache = await checkKeyCache({ compiled, srs: srs.bytes, cacheDir });
      quarantined(cache);
      if (cache.state !== "valid") {
        const t = performance.now();
        const { done: keys, peakRss } = await runWorker(
          { ...input, task: "keys" },
          progress,
          "keys",
        );
        keygen = {
          seconds: (performance.now() - t) / 1000,
          peakRssMb: peakRss / 2 ** 20,
          engineMemoryMb: keys.wasmBytes / 2 ** 20,
        };
        logger?.info({ batchSize: B, prover, ...keygen }, "generated proving keys");
      }
      const proofStarted = performance.now();
      const proved = await runWorker({ ...input, task: "prove" }, progress, "done");
      done = proved.done;
      proofPeakRss = proved.peakRss;
      proofSeconds = (performance.now() - proofStarted) / 1000;
    }
    const peakRss = Math.max(proofPeakRss, (keygen?.peakRssMb ?? 0) * 2 ** 20);
    const proofJson = parseJsonBytes<{ instances: string[][] }>(done.proof);
    const instances = proofJson.instances[0];
    const outScale = settings.model_output_scales[0];
    const scores = instances
      .slice(2, 2 + features.length)
      .map((h) => Number(feltToSigned(hexToFelt(h))) / 2 ** outScale);
    const settingsJson = settingsToJson(settings);
    const durationSeconds = (performance.now() - started) / 1000;
    const peakRssMb = peakRss / 2 ** 20;
    metrics?.proving.durationSeconds.observe(batchLabel, durationSeconds);
    metrics?.proving.peakMemoryBytes.set(batchLabel, peakRss);
    progress("done", 1);
    logger?.info(
      { batchSize: B, operators: features.length, prover, durationSeconds, peakRssMb },
      "batch proved",
    );
    return {
      proof: done.proof,
      instances,
      inputCommitment: instances[0],
      modelHash: instances[1],
      committedFeatures,
      scores,
      vk: done.vk,
      vkHash: done.vkHash,
      settingsJson,
      settingsHash: sha256Hex(settingsJson),
      durationSeconds,
      peakRssMb,
      engineMemoryMb: done.wasmBytes / 2 ** 20,
      prover,
      keygen,
      proofPeakRssMb: proofPeakRss / 2 ** 20,
      proofSeconds,
    };
  } catch (error) {
    metrics?.proving.failures.inc({ code: (error as { code?: string }).code ?? "UNKNOWN" });
    throw error;
  }
}

/** Zero rows fill the batch: they are committed and scored like real rows, then ignored. */
export function padRows(
  features: readonly (readonly number[])[],
  batchSize: number,
  width: number,
): number[][] {
  const rows = features.map((r) => [...r]);
  while (rows.length < batchSize) rows.push(new Array<number>(width).fill(0));
  return rows;
}

function startWorker(input: ProveWorkerInput): Worker {
  const js = new URL("./proveWorker.js", import.meta.url);
  if (existsSync(js)) return new Worker(js, { workerData: input });
  // Under tsx (tests, scripts) only the .ts source exists, and Node 20 does not pass tsx's loader
  // hooks to worker threads: register them inside the worker before importing the entry.
  const ts = new URL("./proveWorker.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

/** The engine's WASM memory is 32-bit: at most 65536 pages of 64 KiB. */
const ENGINE_MEMORY_CEILING = 2 ** 32;

type WorkerResult<T extends "keys" | "done"> = Extract<ProveWorkerMessage, { type: T }>;

async function runWorker<T extends "keys" | "done">(
  input: ProveWorkerInput,
  progress: (stage: string, fraction: number) => void,
  expect: T,
): Promise<{ done: WorkerResult<T>; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);
  const worker = startWorker(input);
  try {
    return await new Promise((resolve, reject) => {
      worker.on("message", (m: ProveWorkerMessage) => {
        if (m.type === "progress") progress(m.stage, m.fraction);
        else if (m.type === "witness-range") {
          reject(
            new CalibrationError(
              `Lookup inputs [${m.min}, ${m.max}] fall outside the circuit's lookup range [${input.lookupRange.join(", ")}]`,
              {
                details: "Recalibrate the circuit with samples covering these inputs",
              },
            ),
          );
        } else if (m.type === "error") {
          const step = input.task === "keys" ? "Key generation" : "Proving";
          // Allocation failures surface as a bare trap; the failing request is often hundreds of MB,
          // so memory sits below the ceiling (genPk at logrows 17 traps at ~3.4 GB).
          if (/unreachable|memory/i.test(m.message) && m.wasmBytes >= ENGINE_MEMORY_CEILING / 2) {
            reject(
              new CircuitTooLargeError(`${step} ran out of the engine's 4 GiB of WASM memory`, {
                details: `${m.message}; engine memory ${(m.wasmBytes / 2 ** 20).toFixed(0)} MB. Use a smaller batch (lower logrows): see docs/proving.md`,
                meta: { code: m.code, engineMemoryBytes: m.wasmBytes },
              }),
            );
          } else
            reject(
              new ProverFailedError(`${step} failed in the engine`, {
                details: m.message,
                retryable: false,
                meta: { code: m.code },
              }),
            );
        } else if (m.type === expect)
          resolve({
            done: m as WorkerResult<T>,
            peakRss: Math.max(peakRss, process.memoryUsage.rss()),
          });
      });
      worker.on("error", (cause) =>
        reject(new ProverFailedError("Prover worker crashed", { cause, retryable: true })),
      );
      worker.on("exit", (code) =>
        reject(
          new ProverFailedError(`Prover worker exited with code ${code}`, { retryable: true }),
        ),
      );
    });
  } finally {
    clearInterval(sampler);
    await worker.terminate();
  }
}
