/**
 * The Web Worker that verifies a report off the page's thread: loads @ezkljs/engine 21.0.0's web
 * build (its WASM is a hashed asset of the bundle), then runs verifyArtifacts, posting progress.
 * The circuits' generated Solidity verifiers are bundled at build time from contracts/generated,
 * so a native proof is checked by the verifier committed with its circuit, never by one the server
 * hands out with the report.
 */
import init, { poseidonHash, verify, vkValidation } from "@ezkljs/engine/web/ezkl.js";
import type { ReportArtifacts } from "../../client/index.js";
import type { WorkerMessage } from "./verdict.js";
import { verifyArtifacts } from "./verifyArtifacts.js";
import type { EvmVerifierManifest } from "./verifyWithEvm.js";

const evmVerifiers = Object.values(
  import.meta.glob<EvmVerifierManifest>("../../../contracts/generated/*/verifier.json", {
    eager: true,
    import: "default",
  }),
);

type Request = { artifacts: ReportArtifacts; srs: ArrayBuffer };
const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<Request>) => void) | null;
};

scope.onmessage = async ({ data }) => {
  try {
    scope.postMessage({
      type: "progress",
      progress: { step: "Loading the EZKL engine (WebAssembly)", fraction: 0.02 },
    });
    await init();
    const verdict = await verifyArtifacts({
      engine: { verify, vkValidation, poseidonHash },
      artifacts: data.artifacts,
      srs: new Uint8Array(data.srs),
      evmVerifiers,
      onProgress: (progress) => scope.postMessage({ type: "progress", progress }),
    });
    scope.postMessage({ type: "verdict", verdict });
  } catch (error) {
    scope.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
