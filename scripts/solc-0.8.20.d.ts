// solc 0.8.20 under an npm alias ships no type declarations; this is the part of solc-js we use.
declare module "solc-0.8.20" {
  const solc: { compile(input: string): string; version(): string };
  export default solc;
}
