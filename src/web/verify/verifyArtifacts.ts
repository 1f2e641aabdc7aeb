import { numberToHex } from "viem";
import type { ReportArtifacts } from "../../client/index.js";
import { instancesFromEzkl } from "../../report/instancesFromEzkl.js";
import { scoresFromInstances } from "../../report/scoresFromInstances.js";
import { commitmentFelts } from "../../proving/commitmentFelts.js";
import type { Check, Progress, Verdict } from "./verdict.js";
import { verifyWithEvm, type EvmVerifierManifest } from "./verifyWithEvm.js";

export const ARTIFACTS_FORMAT = "beacon-risk-oracle/report-artifacts@1";
/** The `version` the ezkl wheel (the native prover) writes into its proofs. */
const NATIVE_PROOF_VERSION = "21.0.0";
const ENGINE_VERIFIER = "@ezkljs/engine 21.0.0";

/** The three functions of @ezkljs/engine 21.0.0 the check needs (the web or the Node build). */
export type VerifyEngine = {
  verify(
    proof: Uint8ClampedArray,
    vk: Uint8ClampedArray,
    settings: Uint8ClampedArray,
    srs: Uint8ClampedArray,
  ): boolean;
  vkValidation(vk: Uint8ClampedArray, settings: Uint8ClampedArray): boolean;
  poseidonHash(message: Uint8ClampedArray): Uint8ClampedArray;
};

export type VerifyArtifactsParameters = {
  engine: VerifyEngine;
  /** The artifacts as published (or as loaded from a file: anything may be wrong with them). */
  artifacts: ReportArtifacts;
  /** The SRS file `kzg{k}.srs` (RawBytes). */
  srs: Uint8Array;
  /**
   * The circuits' generated Solidity verifiers (contracts/generated/<circuit>/verifier.json): a
   * native proof is checked by its circuit's one in an in-page EVM, as RiskOracle checks it.
   */
  evmVerifiers?: readonly EvmVerifierManifest[];
  onProgress?: (progress: Progress) => void;
};

type Settings = {
  run_args: { logrows: number; input_scale: number; variables: [string, number][] };
  model_output_scales: number[];
  model_instance_shapes: number[][];
};

/**
 * Checks a report from its artifacts alone, as `cli verify` does (src/report/verifyReportArtifacts):
 * the verifying key and settings match their published hashes, the proof verifies, the published
 * feature vectors hash to the proof's input commitment, and the claimed model hash, commitment and
 * scores are the proof's public values. Every check runs that can; the first failure is the reason.
 */
export async function verifyArtifacts({
  engine,
  artifacts,
  srs,
  evmVerifiers = [],
  onProgress = () => {},
}: VerifyArtifactsParameters): Promise<Verdict> {
  const started = performance.now();
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => (
    checks.push({ name, ok, detail }), ok
  );
  const verdict = (extra: Partial<Verdict> = {}): Verdict => {
    const failed = checks.find((c) => !c.ok);
    return {
      ok: !failed,
      reason: failed ? `${failed.name}: ${failed.detail}` : null,
      checks,
      recomputedCommitment: null,
      provenScoresBps: null,
      modelHash: null,
      unverifiable: null,
      verifier: null,
      verifierCode: null,
      seconds: (performance.now() - started) / 1000,
      ...extra,
    };
  };

  onProgress({ step: "Reading the artifacts", fraction: 0.05 });
  if (
    !check(
      "Format",
      artifacts?.format === ARTIFACTS_FORMAT,
      artifacts?.format === ARTIFACTS_FORMAT
        ? ARTIFACTS_FORMAT
        : `not a report artifacts file (format ${JSON.stringify(artifacts?.format)})`,
    )
  )
    return verdict();
  const rows = artifacts.features;
  const shapeOk =
    Array.isArray(rows) &&
    rows.length === artifacts.operatorIds.length &&
    artifacts.scoresBps.length === artifacts.operatorIds.length &&
    rows.every((r) => Array.isArray(r) && r.length === rows[0].length && r.every(Number.isFinite));
  if (
    !check(
      "Shape",
      shapeOk,
      shapeOk
        ? `${rows.length} operators, ${rows[0]?.length ?? 0} features each`
        : `${rows?.length} feature vectors and ${artifacts.scoresBps?.length} scores for ${artifacts.operatorIds?.length} operators`,
    )
  )
    return verdict();

  onProgress({ step: "Checking the pinned circuit's hashes", fraction: 0.15 });
  let vk: Uint8Array;
  let proof: Uint8Array;
  try {
    vk = fromBase64(artifacts.vk);
    proof = fromBase64(artifacts.proof);
  } catch {
    check("Encoding", false, "the proof or verifying key is not base64");
    return verdict();
  }
  const settingsBytes = new TextEncoder().encode(artifacts.settings);
  const vkHash = await sha256Hex(vk);
  check(
    "Verifying key hash",
    vkHash === artifacts.vkHash,
    vkHash === artifacts.vkHash
      ? vkHash
      : `the verifying key hashes to ${vkHash}, not the published ${artifacts.vkHash}`,
  );
  const settingsHash = await sha256Hex(settingsBytes);
  check(
    "Settings hash",
    settingsHash === artifacts.settingsHash,
    settingsHash === artifacts.settingsHash
      ? settingsHash
      : `the settings hash to ${settingsHash}, not the published ${artifacts.settingsHash}`,
  );
  let settings: Settings;
  try {
    settings = JSON.parse(artifacts.settings) as Settings;
    if (!Number.isInteger(settings.run_args.logrows)) throw new Error();
  } catch {
    check("Settings", false, "the settings are not ezkl circuit settings JSON");
    return verdict();
  }
  const srsK = srs.length >= 4 ? new DataView(srs.buffer, srs.byteOffset).getUint32(0, true) : -1;
  check(
    "SRS size",
    settings.run_args.logrows === artifacts.srs.k && srsK === artifacts.srs.k,
    `circuit logrows ${settings.run_args.logrows}, artifacts say k=${artifacts.srs.k}, SRS file has k=${srsK}`,
  );

  let instances: string[] = [];
  let version: unknown;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(proof)) as {
      instances?: string[][];
      version?: unknown;
    };
    instances = parsed.instances?.[0] ?? [];
    version = parsed.version;
  } catch {
    /* reported below */
  }
  const expected =
    2 +
    settings.model_instance_shapes.reduce(
      (acc, shape) => acc + shape.reduce((a, b) => a * b, 1),
      0,
    );
  if (
    !check(
      "Public instances",
      instances.length === expected,
      `${instances.length} public instances; the circuit has ${expected}`,
    )
  )
    return verdict();
  let proofOk = false;
  let proofDetail = "the proof verifies against the verifying key, settings and SRS";
  let unverifiable: string | null = null;
  let verifier: string | null = null;
  let verifierCode: Verdict["verifierCode"] = null;
  // ezkl 21.0.0's native prover and this engine do not verify each other's proofs (docs/proving.md,
  // "The two builds do not verify each other's proofs"); the wheel writes its version, the engine
  // "source - no compatibility guaranteed". The circuit's Solidity verifier checks native proofs,
  // so a native proof goes to it; the version field is unauthenticated, but either verifier only
  // ever says valid for a proof that holds.
  if (version === NATIVE_PROOF_VERSION) {
    const manifest = evmVerifiers.find((m) => m.vkSha256 === artifacts.vkHash);
    if (!manifest) {
      unverifiable = `made by the native ezkl ${NATIVE_PROOF_VERSION} prover, which @ezkljs/engine 21.0.0 cannot verify, for a circuit whose verifier this page does not carry: check it with \`npm run cli -- verify ${artifacts.reportId}\``;
      proofDetail = `not checked in the browser: ${unverifiable}`;
    } else {
      onProgress({
        step: `Verifying the native proof with circuit ${manifest.circuit}'s on-chain verifier, run locally`,
        fraction: 0.3,
      });
      const result = await verifyWithEvm({
        manifest,
        proofJson: proof,
        instances,
        vk,
        settings: settingsBytes,
        onProgress: (step) =>
          onProgress({ step, fraction: step.startsWith("Running") ? 0.4 : 0.35 }),
      });
      verifier = manifest.reusable
        ? `the circuit's on-chain verifier, run locally (Halo2VerifierReusable with the verifying-key artifact of ${manifest.circuit}, behind ReusableVerifierAdapter, in @ethereumjs/evm)`
        : `the circuit's on-chain verifier, run locally (Halo2Verifier of ${manifest.circuit} in @ethereumjs/evm)`;
      proofOk = result.valid;
      verifierCode = result.verifierCode;
      proofDetail = result.valid
        ? `the circuit's verifier accepts the proof (${result.gasUsed.toLocaleString("en")} gas)`
        : `${result.code}: ${result.reason}`;
      if (!result.valid && result.gasUsed === null) verifier = null;
      // The page could not run the verifier it carries: that says nothing about the proof.
      if (
        !result.valid &&
        (result.code === "EVM_VERIFIER_UNSUPPORTED" || result.code === "EVM_DEPLOY_FAILED")
      ) {
        unverifiable = `made by the native ezkl ${NATIVE_PROOF_VERSION} prover, whose circuit verifier this page could not run (${result.reason}): check it with \`npm run cli -- verify ${artifacts.reportId}\``;
      }
    }
  } else {
    verifier = ENGINE_VERIFIER;
    onProgress({ step: "Verifying the proof (EZKL engine 21.0.0)", fraction: 0.3 });
    try {
      if (!engine.vkValidation(clamped(vk), clamped(settingsBytes)))
        proofDetail = "the verifying key does not fit the settings";
      else
        proofOk = engine.verify(clamped(proof), clamped(vk), clamped(settingsBytes), clamped(srs));
      if (!proofOk && proofDetail.startsWith("the proof verifies"))
        proofDetail =
          "the proof does not verify: a public value or the proof was altered, or it is for another circuit";
    } catch (error) {
      proofDetail = `the engine rejects the proof (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  check("Proof", proofOk, proofDetail);

  onProgress({
    step: "Recomputing the input commitment from the published feature vectors",
    fraction: 0.8,
  });
  // The batch dimension as src/proving's batchSizeOf reads it: `batch_size`, or the only variable.
  const variables = settings.run_args.variables;
  const batch =
    variables.find(([name]) => name === "batch_size")?.[1] ??
    (variables.length === 1 ? variables[0][1] : rows.length);
  const padded = [
    ...rows.map((r) => [...r]),
    ...Array.from({ length: Math.max(0, batch - rows.length) }, () =>
      new Array<number>(rows[0].length).fill(0),
    ),
  ];
  const hashed = JSON.parse(
    new TextDecoder().decode(
      engine.poseidonHash(
        clamped(
          new TextEncoder().encode(
            JSON.stringify(
              commitmentFelts({ values: padded, scale: settings.run_args.input_scale }),
            ),
          ),
        ),
      ),
    ),
  ) as string[][];
  let values: bigint[];
  try {
    values = instancesFromEzkl([hashed[0][0], ...instances]);
  } catch (error) {
    check("Public values", false, error instanceof Error ? error.message : String(error));
    return verdict({ unverifiable, verifier, verifierCode });
  }
  const recomputedCommitment = numberToHex(values[0], { size: 32 });
  const provenCommitment = numberToHex(values[1], { size: 32 });
  check(
    "Input commitment",
    recomputedCommitment === provenCommitment,
    recomputedCommitment === provenCommitment
      ? `the feature vectors hash to the proof's commitment ${recomputedCommitment}`
      : `the published feature vectors hash to ${recomputedCommitment}, the proof commits to ${provenCommitment}`,
  );
  check(
    "Claimed commitment",
    artifacts.inputCommitment.toLowerCase() === provenCommitment,
    `claimed ${artifacts.inputCommitment}, proof ${provenCommitment}`,
  );

  onProgress({ step: "Reading the proven scores", fraction: 0.95 });
  let proven: ReturnType<typeof scoresFromInstances>;
  try {
    proven = scoresFromInstances({
      instances: values.slice(1),
      outScale: settings.model_output_scales[0],
      feedCount: rows.length,
    });
  } catch (error) {
    // An altered public value can leave the model's range: a rejection with the reason, not a crash.
    check(
      "Proven values",
      false,
      error instanceof Error
        ? `${error.message}${"details" in error && error.details ? ` (${String(error.details)})` : ""}`
        : String(error),
    );
    return verdict({ recomputedCommitment, unverifiable, verifier, verifierCode });
  }
  const modelHash = numberToHex(proven.modelHash, { size: 32 });
  check(
    "Model hash",
    artifacts.modelHash.toLowerCase() === modelHash,
    `claimed ${artifacts.modelHash}, proof ${modelHash}`,
  );
  // A null claim is a registered feed the report could not score: its lane is "no data" on-chain
  // and the contract skips its proven value, so only a zero feature row may stand behind it.
  const noData = artifacts.scoresBps.filter((s) => s === null).length;
  const wrong = proven.scoresBps.findIndex((s, i) =>
    artifacts.scoresBps[i] === null ? !rows[i].every((x) => x === 0) : s !== artifacts.scoresBps[i],
  );
  const noDataNote = noData ? ` (${noData} no-data feeds with zero feature rows)` : "";
  check(
    "Scores",
    wrong < 0,
    wrong < 0
      ? `${proven.scoresBps.length - noData} scores equal the proof's outputs${noDataNote}`
      : artifacts.scoresBps[wrong] === null
        ? `operator ${artifacts.operatorIds[wrong]}: claimed no data, but its feature row is not zero`
        : `operator ${artifacts.operatorIds[wrong]}: claimed ${artifacts.scoresBps[wrong]} bps, proven ${proven.scoresBps[wrong]} bps`,
  );
  onProgress({ step: "Done", fraction: 1 });
  return verdict({
    recomputedCommitment,
    provenScoresBps: proven.scoresBps,
    modelHash,
    unverifiable,
    verifier,
    verifierCode,
  });
}

function clamped(bytes: Uint8Array): Uint8ClampedArray {
  return new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
