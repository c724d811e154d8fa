import { readFileSync } from "node:fs";
import path from "node:path";

// Where the production build put hls.js (a hashed chunk the dynamic import in hls-engine.ts
// points at, never in Remix's manifest), for the first-frame boot script (first-frame-boot.ts):
// read once from the client build's esbuild metafile, with the chunks it imports itself. Null
// without a build's metafile (the dev server): the page then plays from the player alone.

type Metafile = { outputs: Record<string, { inputs: Record<string, unknown>; imports?: { path: string; kind: string }[] }> };

const PUBLIC_DIR = "public";

/** The hls.js chunk's URL, then its static imports' URLs, as found in `metafile`. */
export function hlsModulesOf(metafile: Metafile): string[] | null {
  const url = (output: string) => `/${path.posix.relative(PUBLIC_DIR, output)}`;
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    if (!output.endsWith(".js") || !Object.keys(meta.inputs).some((input) => input.includes("node_modules/hls.js/"))) continue;
    const imports = (meta.imports ?? []).filter((i) => i.kind === "import-statement").map((i) => url(i.path));
    return [url(output), ...imports];
  }
  return null;
}

let found: string[] | null | undefined;

/** Memoised in production only: a dev rebuild renames the chunk. */
export function hlsModules(): string[] | null {
  if (found !== undefined && process.env.NODE_ENV === "production") return found;
  try {
    found = hlsModulesOf(JSON.parse(readFileSync(path.resolve("build/metafile.js.json"), "utf8")) as Metafile);
  } catch {
    found = null;
  }
  return found;
}
