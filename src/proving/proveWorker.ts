/**
 * Worker-thread entry of proveBatch: everything that runs inside the WASM engine. Two tasks, each
 * in its own fresh worker, because WASM memory never shrinks and is only released when the worker
 * ends:
 * - "keys": genVk + genPk, written to the key cache. genPk is the most memory-hungry step of all
 *   (≈ 4.8 × the proving key inside the engine), so it must not share an engine with a proof.
 * - "prove": witness, lookup-range check, proof with the cached keys.
 */
import { parentPort, workerData } from "node:worker_threads";
import { clamped, ezkl, jsonBytes, parseJsonBytes } from "./engine.js";
import { getKeys, readCachedKeys } from "./getKeys.js";

export type ProveWorkerInput = {
  task?: "keys" | "prove";
  compiled: Uint8Array;
  srs: Uint8Array;
  input: number[];
  lookupRange: [number, number];
  cacheDir: string;
};
export type ProveWorkerMessage =
  | { type: "progress"; stage: "witness" | "vk" | "pk" | "prove"; fraction: number }
  | { type: "witness-range"; min: number; max: number }
  | { type: "keys"; vkHash: string; wasmBytes: number }
  | {
      type: "done";
      proof: Uint8Array;
      vk: Uint8Array;
      vkHash: string;
      keysCached: boolean;
      wasmBytes: number;
    }
  | { type: "error"; code: string; message: string; wasmBytes: number };

const data = workerData as ProveWorkerInput;
const post = (m: ProveWorkerMessage) => parentPort?.postMessage(m);
const keyProgress = (stage: "vk" | "pk") =>
  post({ type: "progress", stage, fraction: stage === "vk" ? 0.1 : 0.3 });

try {
  if (data.task === "keys") {
    const keys = await getKeys({
      compiled: data.compiled,
      srs: data.srs,
      cacheDir: data.cacheDir,
      onProgress: keyProgress,
    });
    post({ type: "keys", vkHash: keys.vkHash, wasmBytes: engineMemoryBytes() });
  } else {
    post({ type: "progress", stage: "witness", fraction: 0.05 });
    const witness = ezkl.genWitness(
      clamped(data.compiled),
      jsonBytes({ input_data: [data.input] }),
    );
    const w = parseJsonBytes<{ max_lookup_inputs: number; min_lookup_inputs: number }>(witness);
    // Inputs outside the calibrated table would make the prover fail after minutes, or not at all.
    if (w.min_lookup_inputs < data.lookupRange[0] || w.max_lookup_inputs > data.lookupRange[1]) {
      post({ type: "witness-range", min: w.min_lookup_inputs, max: w.max_lookup_inputs });
    } else {
      // proveBatch generates missing keys in a "keys" worker first; generating here is the fallback.
      const keys =
        (await readCachedKeys({
          compiled: data.compiled,
          srs: data.srs,
          cacheDir: data.cacheDir,
        })) ??
        (await getKeys({
          compiled: data.compiled,
          srs: data.srs,
          cacheDir: data.cacheDir,
          onProgress: keyProgress,
        }));
      post({ type: "progress", stage: "prove", fraction: 0.4 });
      const proof = ezkl.prove(
        clamped(witness),
        clamped(keys.pk),
        clamped(data.compiled),
        clamped(data.srs),
      );
      post({
        type: "done",
        proof,
        vk: keys.vk,
        vkHash: keys.vkHash,
        keysCached: keys.cached,
        wasmBytes: engineMemoryBytes(),
      });
    }
  }
} catch (error) {
  // The engine's memory size lets proveBatch tell an allocation failure (a bare "unreachable"
  // trap with GBs in use) from other engine errors. BaseError messages include their cause.
  post({
    type: "error",
    code: (error as { code?: string }).code ?? "ENGINE",
    message: error instanceof Error ? error.message : String(error),
    wasmBytes: engineMemoryBytes(),
  });
}

/** Size of the engine's WASM memory (its high-water mark, since it never shrinks). */
function engineMemoryBytes(): number {
  const mem = (ezkl as unknown as { __wasm?: { memory?: { buffer: ArrayBuffer } } }).__wasm?.memory;
  return mem?.buffer.byteLength ?? 0;
}
