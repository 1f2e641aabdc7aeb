/**
 * Generates the Halo2 Solidity verifier of a circuit with native ezkl 21.0.0
 * (python/create_evm_verifier.py) and compiles it with solc-js 0.8.20, the compiler ezkl 21 targets
 * (its svm download of solc 0.8.20 is what fails offline).
 *
 *   npm run contracts:verifier                       every circuit under circuits/
 *   npm run contracts:verifier -- --circuit DIR      one circuit
 *   npm run contracts:verifier -- --check            exit 1 if a committed file differs
 *
 * Output: contracts/generated/<circuit>/ with the ezkl Solidity, vk.key and verifier.json (the
 * bytecode, the vk / settings / SRS hashes it is for). The vk depends on the SRS: with
 * EZKL_SRS_PATH unset it is the deterministic development SRS (insecure, known secret); a
 * production deployment sets EZKL_SRS_PATH to the ceremony `kzg<logrows>.srs` and runs this again.
 * If the plain verifier exceeds the 24,576-byte code limit, the reusable verifier plus the
 * per-circuit verifying-key artifact (create_evm_vka) are generated instead.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import solc from "solc-0.8.20";
import { DEV_SRS_MARKER_SUFFIX } from "../src/proving/generateDevSrs.js";
import type { CompiledContract, VerifierManifest } from "../src/chain/loadCircuitVerifier.js";
import { parseSettingsJson, resolveSrsPath, sha256Hex } from "../src/proving/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
/** EIP-170 runtime code limit. */
export const CODE_SIZE_LIMIT = 24_576;
export const verifierCompilerSettings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "shanghai",
} as const;

export type GenerateVerifierParameters = {
  /** A circuit directory (model.compiled, settings.json). */
  circuitDir: string;
  srsPath: string;
  /** Where the files go; created if missing. */
  outDir: string;
  python?: string;
};
export type GenerateVerifierReturnType = {
  manifest: VerifierManifest;
  files: Map<string, Uint8Array | string>;
};

function compile(file: string, source: string): CompiledContract {
  const input = {
    language: "Solidity",
    sources: { [file]: { content: source } },
    settings: {
      ...verifierCompilerSettings,
      outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<
      string,
      Record<
        string,
        { evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
      >
    >;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0)
    throw new Error(`solc failed on ${file}:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  const [[contract, c]] = Object.entries(output.contracts?.[file] ?? {});
  return {
    contract,
    bytecode: `0x${c.evm.bytecode.object}`,
    deployedBytes: c.evm.deployedBytecode.object.length / 2,
  };
}

/** Runs python/create_evm_verifier.py; asynchronous so a caller's event loop (and its sockets) stays alive. */
async function runEzkl(
  python: string,
  request: Record<string, unknown>,
  work: string,
): Promise<void> {
  const requestPath = path.join(work, "request.json");
  writeFileSync(requestPath, JSON.stringify({ ...request, outDir: work }));
  const child = spawn(python, [path.join(root, "python/create_evm_verifier.py"), requestPath], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr
    .setEncoding("utf8")
    .on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c, sig) => resolve([c, sig]));
    },
  );
  if (code !== 0)
    throw new Error(
      `create_evm_verifier.py failed (${code ?? signal}): ${stderr.trim().split("\n").slice(-5).join("\n")}`,
    );
}

/** Generates and compiles the verifier of one circuit; returns the files to write (name → content). */
export async function generateVerifier({
  circuitDir,
  srsPath,
  outDir,
  python = path.join(root, ".venv/bin/python"),
}: GenerateVerifierParameters): Promise<GenerateVerifierReturnType> {
  const compiledPath = path.resolve(circuitDir, "model.compiled");
  const settingsPath = path.resolve(circuitDir, "settings.json");
  const settingsJson = readFileSync(settingsPath, "utf8");
  const settings = parseSettingsJson(settingsJson);
  const work = mkdtempSync(path.join(tmpdir(), "verifier-"));
  try {
    const request = { compiled: compiledPath, settings: settingsPath, srs: path.resolve(srsPath) };
    await runEzkl(python, { ...request, reusable: false }, work);
    let verifierSol = readFileSync(path.join(work, "Halo2Verifier.sol"), "utf8");
    let verifier = compile("Halo2Verifier.sol", verifierSol);
    let vkaSol: string | undefined;
    let vka: CompiledContract | undefined;
    if (verifier.deployedBytes > CODE_SIZE_LIMIT) {
      await runEzkl(python, { ...request, reusable: true }, work);
      verifierSol = readFileSync(path.join(work, "Halo2Verifier.sol"), "utf8");
      verifier = compile("Halo2Verifier.sol", verifierSol);
      vkaSol = readFileSync(path.join(work, "Halo2VerifyingArtifact.sol"), "utf8");
      vka = compile("Halo2VerifyingArtifact.sol", vkaSol);
    }
    const vk = readFileSync(path.join(work, "vk.key"));
    const srs = readFileSync(srsPath);
    const manifest: VerifierManifest = {
      format: "beacon-risk-oracle/verifier@1",
      circuit: path.basename(path.resolve(circuitDir)),
      compiledSha256: sha256Hex(readFileSync(compiledPath)),
      settingsSha256: sha256Hex(settingsJson),
      vkSha256: sha256Hex(vk),
      logrows: settings.run_args.logrows,
      outScale: settings.model_output_scales[0],
      srs: {
        k: srs.readUInt32LE(0),
        sha256: sha256Hex(srs),
        development: existsSync(srsPath + DEV_SRS_MARKER_SUFFIX),
      },
      solc: solc.version(),
      compilerSettings: verifierCompilerSettings,
      reusable: vka !== undefined,
      verifier,
      ...(vka && { vka }),
    };
    const files = new Map<string, Uint8Array | string>([
      [path.join(outDir, "Halo2Verifier.sol"), verifierSol],
      [path.join(outDir, "vk.key"), vk],
      [path.join(outDir, "verifier.json"), `${JSON.stringify(manifest, null, 2)}\n`],
    ]);
    if (vkaSol) files.set(path.join(outDir, "Halo2VerifyingArtifact.sol"), vkaSol);
    return { manifest, files };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** contracts/generated/<circuit name>: where the committed verifier of a circuit lives. */
export function verifierDir(circuitDir: string): string {
  return path.join("contracts", "generated", path.basename(path.resolve(circuitDir)));
}

/** The SRS a circuit's verifier is generated for: EZKL_SRS_PATH, else the development SRS of its logrows. */
export async function verifierSrsPath(circuitDir: string): Promise<string> {
  const settings = parseSettingsJson(readFileSync(path.join(circuitDir, "settings.json"), "utf8"));
  return resolveSrsPath({
    configured: process.env.EZKL_SRS_PATH ?? "",
    k: settings.run_args.logrows,
    nodeEnv: process.env.NODE_ENV,
  });
}

/** Paths (relative to the repository) whose content differs from `files`. */
export function differingFiles(files: Map<string, Uint8Array | string>): string[] {
  return [...files]
    .filter(([rel, content]) => {
      const abs = path.join(root, rel);
      return !existsSync(abs) || !readFileSync(abs).equals(Buffer.from(content));
    })
    .map(([rel]) => rel);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--circuit");
  const circuits =
    at >= 0
      ? [args[at + 1]]
      : readdirSync(path.join(root, "circuits")).map((name) => path.join("circuits", name));
  let stale: string[] = [];
  for (const circuitDir of circuits) {
    const outDir = verifierDir(circuitDir);
    const { manifest, files } = await generateVerifier({
      circuitDir,
      srsPath: await verifierSrsPath(circuitDir),
      outDir,
    });
    if (args.includes("--check")) {
      stale = stale.concat(differingFiles(files));
      continue;
    }
    mkdirSync(path.join(root, outDir), { recursive: true });
    for (const [rel, content] of files) writeFileSync(path.join(root, rel), content);
    const kind = manifest.reusable
      ? `reusable verifier ${manifest.verifier.deployedBytes} B + vk artifact ${manifest.vka!.deployedBytes} B`
      : `verifier ${manifest.verifier.deployedBytes} B`;
    process.stdout.write(
      `${outDir}: ${kind}, vk sha256 ${manifest.vkSha256.slice(0, 16)}…, SRS k=${manifest.srs.k}${manifest.srs.development ? " (INSECURE development SRS)" : ""}\n`,
    );
  }
  if (stale.length > 0) {
    process.stderr.write(
      `generated verifier files differ: ${stale.join(", ")}\nrun: npm run contracts:verifier\n`,
    );
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
