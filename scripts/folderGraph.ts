/**
 * The folder dependency graph of src/: which top-level folder imports which. `npx tsx
 * scripts/folderGraph.ts` prints the edges and the cycles; the layering test
 * (test/layering.test.ts) reads the same graph so the printed figures and the test agree.
 * Imports are read with the TypeScript compiler's pre-processor (static, type-only and dynamic
 * `import()` alike): a type import still ties two folders together.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export type SourceImport = {
  /** the importing file, relative to the repository root, e.g. `src/db/writeEpoch.ts` */
  file: string;
  /** the specifier as written, e.g. `../common/index.js` or `fastify` */
  specifier: string;
  /** the top-level folder under src/ a relative import lands in (`db`), else undefined */
  folder?: string;
  /** the file a relative import lands in, relative to the repository root */
  target?: string;
};

export type FolderGraphParameters = {
  /** the repository root; defaults to this script's parent folder */
  root?: string;
  /** the folders to read, relative to root; defaults to `src` */
  dirs?: string[];
  /** include `*.test.ts` files (the production graph leaves them out) */
  includeTests?: boolean;
};

export type FolderGraphReturnType = {
  imports: SourceImport[];
  /** `from -> to` folder pairs with the number of imports behind each */
  edges: Map<string, number>;
  /** each strongly connected group of more than one folder, sorted */
  cycles: string[][];
};

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function folderGraph(parameters: FolderGraphParameters = {}): FolderGraphReturnType {
  const root = parameters.root ?? repositoryRoot;
  const imports: SourceImport[] = [];
  for (const dir of parameters.dirs ?? ["src"]) {
    for (const file of listTypeScript(join(root, dir))) {
      if (!parameters.includeTests && file.endsWith(".test.ts")) continue;
      const text = readFileSync(file, "utf8");
      for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
        imports.push(describe(root, file, ref.fileName));
      }
    }
  }
  const edges = new Map<string, number>();
  for (const i of imports) {
    const from = folderOf(i.file);
    if (!from || !i.folder || from === i.folder) continue;
    const key = `${from} -> ${i.folder}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
  return { imports, edges, cycles: findCycles(edges) };
}

function describe(root: string, file: string, specifier: string): SourceImport {
  const relFile = relative(root, file).split(sep).join("/");
  if (!specifier.startsWith(".")) return { file: relFile, specifier };
  const target = relative(root, resolve(dirname(file), specifier))
    .split(sep)
    .join("/");
  return { file: relFile, specifier, target, folder: folderOf(target) };
}

/** `src/db/x.ts` -> `db`; a file directly in src/ or outside it has no folder. */
function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  return parts[0] === "src" && parts.length > 2 ? parts[1] : undefined;
}

function listTypeScript(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTypeScript(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}

/** Tarjan's strongly connected components; a group of two or more folders is a cycle. */
function findCycles(edges: Map<string, number>): string[][] {
  const next = new Map<string, string[]>();
  for (const key of edges.keys()) {
    const [from, to] = key.split(" -> ");
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { edges, cycles } = folderGraph();
  for (const [edge, count] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${edge} (${count})`);
  }
  console.log(`${edges.size} edges, ${cycles.length} cycles`);
  for (const group of cycles) {
    const mutual = [...edges.keys()]
      .map((e) => e.split(" -> "))
      .filter(([a, b]) => group.includes(a) && group.includes(b) && edges.has(`${b} -> ${a}`))
      .filter(([a, b]) => a < b)
      .map(([a, b]) => `${a} <-> ${b}`);
    console.log(
      `cycle: ${group.join(", ")}${mutual.length ? ` (mutual: ${mutual.join("; ")})` : ""}`,
    );
  }
}
