import type { ReportArtifacts } from "../../client/index.js";
import type { Progress, Verdict, WorkerMessage } from "./verdict.js";

export type RunVerificationParameters = {
  artifacts: ReportArtifacts;
  srs: ArrayBuffer;
  onProgress: (progress: Progress) => void;
};

/** Verifies artifacts in a fresh Web Worker (the page stays responsive) and ends the worker. */
export function runVerification({
  artifacts,
  srs,
  onProgress,
}: RunVerificationParameters): Promise<Verdict> {
  const worker = new Worker(new URL("./verifyWorker.ts", import.meta.url), { type: "module" });
  return new Promise<Verdict>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
      if (data.type === "progress") return onProgress(data.progress);
      worker.terminate();
      if (data.type === "verdict") resolve(data.verdict);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "the verification worker failed to start"));
    };
    worker.postMessage({ artifacts, srs }, [srs]);
  });
}
