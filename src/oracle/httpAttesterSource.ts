import type { ReportArtifacts } from "../db/index.js";
import { serializeReport, type AttestationRequest } from "./attestationRequest.js";
import type { SignatureSource } from "./collectSignatures.js";
import type { Hex } from "viem";

export type AttesterAnswer = { url: string; attester?: string; signature?: Hex; refusal?: string; error?: string };

export type HttpAttesterSourceParameters = {
  url: string;
  artifacts: ReportArtifacts;
  timeoutMs: number;
  /** Called with every answer (signature, refusal or failure), so the poster can record it. */
  onAnswer?: (answer: AttesterAnswer) => void | Promise<void>;
};

/** Asks one attester over HTTP (`POST {url}/v1/attest`) to check and sign a report. */
export function httpAttesterSource({ url, artifacts, timeoutMs, onAnswer }: HttpAttesterSourceParameters): SignatureSource {
  return async ({ report, chainId, oracle }) => {
    const body: AttestationRequest = { target: { chainId, oracle }, report: serializeReport(report), artifacts };
    let answer: AttesterAnswer;
    try {
      const response = await fetch(new URL("/v1/attest", url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const json = (await response.json().catch(() => ({}))) as { signature?: Hex; attester?: string; refusal?: string; detail?: string; title?: string };
      answer = response.ok && json.signature
        ? { url, attester: json.attester, signature: json.signature }
        : { url, attester: json.attester, refusal: json.refusal, error: `${response.status} ${json.title ?? ""}${json.detail ? `: ${json.detail}` : ""}`.trim() };
    } catch (error) {
      answer = { url, error: (error as Error).message };
    }
    await onAnswer?.(answer);
    if (!answer.signature) throw new Error(`attester ${url}: ${answer.refusal ? `refused (${answer.refusal}) ` : ""}${answer.error ?? "no signature"}`);
    return answer.signature;
  };
}
