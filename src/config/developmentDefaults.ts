import { existsSync } from "node:fs";
import { getContractAddress, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

/**
 * The private keys of Hardhat's (and Anvil's) 20 public test accounts, from the mnemonic "test test
 * test test test test test test test test test junk" at m/44'/60'/0'/0/i (listed rather than
 * derived: deriving them costs seconds at every start-up; a test checks the list).
 */
export const HARDHAT_KEYS: readonly Hex[] = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
  "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897",
  "0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82",
  "0xa267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1",
  "0x47c99abed3324a2707c28affff1267e45918ec8c3f20b8aa892e8b065d2942dd",
  "0xc526ee95bf44d8fc405a158bb884d9d1238d99f0612e9f33d006bb0789009aaa",
  "0x8166f546bab6da521a8369cab06c5d2b9e46670292d85c875ee9ec20e84ffb61",
  "0xea6c44ac03bff858b476bba40716402b03e41b8e97e276d1baec7c37d42484a0",
  "0x689af8efa8c651a91ad287602527f3af2fe9f6501a7ac4b061667b5a93e037fd",
  "0xde9be858da4a475276426320d5e9262ecfc3ba460bfac56360bfa6c4c28b4ee0",
  "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e",
];
const NONCES = 10;

let known: { keys: Set<string>; addresses: Set<string> } | undefined;

/**
 * Hardhat's public test accounts (their private keys and addresses) and the contracts they
 * deploy first (what `ORACLE_ADDRESS` defaults to on a fresh local chain), lower-cased.
 */
export function hardhatAccounts(): { keys: Set<string>; addresses: Set<string> } {
  if (known) return known;
  const addresses = new Set<string>();
  for (const key of HARDHAT_KEYS) {
    const { address } = privateKeyToAccount(key);
    addresses.add(address.toLowerCase());
    for (let nonce = 0; nonce < NONCES; nonce++)
      addresses.add(getContractAddress({ from: address, nonce: BigInt(nonce) }).toLowerCase());
  }
  known = { keys: new Set(HARDHAT_KEYS), addresses };
  return known;
}

/** Sidecar src/proving/generateDevSrs.ts writes beside every development SRS (kept in sync by a test). */
export const DEV_SRS_MARKER_SUFFIX = ".insecure-dev-srs.json";

export type ProductionSettings = {
  POSTER_PRIVATE_KEY: string;
  POSTER_KEYSTORE_PATH: string;
  ATTESTER_PRIVATE_KEY: string;
  ATTESTER_KEYSTORE_PATH: string;
  ORACLE_ADDRESS: string;
  EZKL_SRS_PATH: string;
};

/**
 * What production refuses to start with: Hardhat's public keys or addresses, a private key and a
 * keystore for the same role (which one signs would be a guess), and a development SRS (its
 * secret is public, so anyone can forge proofs). Each problem names its settings, never a value.
 */
export function developmentDefaults(config: ProductionSettings): string[] {
  const problems: string[] = [];
  const { keys, addresses } = hardhatAccounts();
  const isHardhatKey = (k: string) => keys.has(normalizeKey(k));
  for (const role of ["POSTER", "ATTESTER"] as const) {
    const key = config[`${role}_PRIVATE_KEY`];
    if (key && isHardhatKey(key))
      problems.push(
        `${role}_PRIVATE_KEY is one of Hardhat's public test keys (refused with NODE_ENV=production)`,
      );
    if (key && config[`${role}_KEYSTORE_PATH`])
      problems.push(
        `${role}_PRIVATE_KEY and ${role}_KEYSTORE_PATH are both set: give one (refused with NODE_ENV=production)`,
      );
  }
  if (config.ORACLE_ADDRESS && addresses.has(config.ORACLE_ADDRESS.toLowerCase())) {
    problems.push(
      `ORACLE_ADDRESS is an address of Hardhat's public test accounts or their first deployments (refused with NODE_ENV=production)`,
    );
  }
  if (config.EZKL_SRS_PATH && existsSync(`${config.EZKL_SRS_PATH}${DEV_SRS_MARKER_SUFFIX}`)) {
    problems.push(
      `EZKL_SRS_PATH is a development SRS generated from a known secret (refused with NODE_ENV=production): use a ceremony SRS`,
    );
  }
  return problems;
}

function normalizeKey(key: string): Hex {
  const hex = key.trim().toLowerCase();
  return (hex.startsWith("0x") ? hex : `0x${hex}`) as Hex;
}
