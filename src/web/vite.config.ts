import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The web pages: plain TypeScript, one HTML entry (the page is chosen by path), the verification
 * worker as an ES module worker. Output goes to dist/web (not committed), which the API serves;
 * every emitted file under assets/ has a content hash in its name, so it is cached as immutable.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  publicDir: false,
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // The EZKL engine's WASM (9.8 MB) is one file by nature.
    chunkSizeWarningLimit: 12_000,
    assetsInlineLimit: 0,
  },
  worker: { format: "es" },
});
