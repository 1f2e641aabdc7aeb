import type { ReportArtifacts } from "../db/index.js";
import { serializeReport, type AttestationRequest } from "./attestationRequest.js";
import type { SignatureSource } from "./collectSignatures.js";
import type { Hex } from "viem";
import { sleep } from "../common/sleep.js";
import { ATTESTER_HMAC_HEADER, hmacBody } from "./hmacBody.js";
import { NoSignatureError } from "../report/errors.js";

export type AttesterAnswer = {
  url: string;
  attester?: string;
  signature?: Hex;
  refusal?: string;
  error?: string;
};

export type HttpAttesterSourceParameters = {
  url: string;
  artifacts: ReportArtifacts;
  timeoutMs: number;
  /** ATTESTER_HMAC_KEY: the body is signed with it (`x-oracle-hmac`); empty sends it unsigned. */
  hmacKey?: string;
  /** Called with every answer (signature, refusal or failure), so the poster can record it. */
  onAnswer?: (answer: AttesterAnswer) => void | Promise<void>;
};

/**
 * Asks one attester over HTTP (`POST {url}/v1/attest`) to check and sign a report. An attester
 * busy with another verification answers 429: it is asked again after its `retry-after`, until
 * `timeoutMs` is spent.
 */
export function httpAttesterSource({
  url,
  artifacts,
  timeoutMs,
  hmacKey,
  onAnswer,
}: HttpAttesterSourceParameters): SignatureSource {
  return async ({ report, chainId, oracle }) => {
    const request: AttestationRequest = {
      target: { chainId, oracle },
      report: serializeReport(report),
      artifacts,
    };
    const body = JSON.stringify(request);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...(hmacKey && { [ATTESTER_HMAC_HEADER]: hmacBody(hmacKey, body) }),
    };
    const signal = AbortSignal.timeout(timeoutMs);
    let answer: AttesterAnswer;
    try {
      let response = await fetch(new URL("/v1/attest", url), {
        method: "POST",
        headers,
        body,
        signal,
      });
      while (response.status === 429) {
        await sleep(Math.min(Number(response.headers.get("retry-after")) || 1, 30) * 1000, signal);
        response = await fetch(new URL("/v1/attest", url), {
          method: "POST",
          headers,
          body,
          signal,
        });
      }
      const json = (await response.json().catch(() => ({}))) as {
        signature?: Hex;
        attester?: string;
        refusal?: string;
        detail?: string;
        title?: string;
      };
      answer =
        response.ok && json.signature
          ? { url, attester: json.attester, signature: json.signature }
          : // Status and title only: it is stored and served (report_attestation.refusal), and a detail may quote an error carrying a secret.
            {
              url,
              attester: json.attester,
              refusal: json.refusal,
              error: `${response.status} ${json.title ?? ""}`.trim(),
            };
    } catch (error) {
      answer = { url, error: `unreachable (${(error as Error).name})` };
    }
    await onAnswer?.(answer);
    if (!answer.signature) throw new NoSignatureError(url, answer);
    return answer.signature;
  };
}
