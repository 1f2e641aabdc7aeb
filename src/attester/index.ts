/**
 * The attester: the attestation request, its HMAC, the checks an attester runs before it signs
 * (epoch, validUntil, pinned circuit), the decision cache, and the poster's client side
 * (httpAttesterSource, collectSignatures). Builds on src/report and src/chain.
 */
export {
  collectSignatures,
  type CollectSignaturesParameters,
  type CollectSignaturesReturnType,
  type SignatureSource,
} from "./collectSignatures.js";
export {
  checkValidUntil,
  type CheckValidUntilParameters,
  type CheckValidUntilReturnType,
} from "./checkValidUntil.js";
export {
  serializeReport,
  deserializeReport,
  type AttestationRequest,
  type SerializedReport,
} from "./attestationRequest.js";
export {
  attestReport,
  type AttestReportParameters,
  type AttestReportReturnType,
} from "./attestReport.js";
export {
  httpAttesterSource,
  type HttpAttesterSourceParameters,
  type AttesterAnswer,
} from "./httpAttesterSource.js";
export { hmacBody, ATTESTER_HMAC_HEADER } from "./hmacBody.js";
export { checkHmac, type CheckHmacParameters } from "./checkHmac.js";
export {
  createDecisionCache,
  type CreateDecisionCacheParameters,
  type DecisionCache,
  type Decision,
} from "./createDecisionCache.js";
export {
  checkReportEpoch,
  type CheckReportEpochParameters,
  type CheckReportEpochReturnType,
} from "./checkReportEpoch.js";
export { buildAttesterApp, type BuildAttesterAppParameters } from "./attesterApp.js";
export {
  startAttester,
  type StartAttesterParameters,
  type RunningAttester,
} from "./startAttester.js";
