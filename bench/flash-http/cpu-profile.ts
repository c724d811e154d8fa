import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// Reads the app's --cpu-prof profile and sums its samples inside the timed checkout windows
// only (the cart phase before them is left out): self time per area of the code and the
// functions that take the most. V8 stamps samples with the monotonic clock, the same clock
// as process.hrtime in the bench process, so the windows line up across the two processes.

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type Window = { fromUs: number; toUs: number };
export type ProfileSummary = { sampledMs: number; areas: Array<[string, number]>; functions: Array<[string, number]> };

const AREAS: Array<[RegExp, string]> = [
  [/node_modules\/react-dom\//, "React server render (react-dom)"],
  [/node_modules\/@remix-run\/(server-runtime|router|node|express)\//, "Remix runtime"],
  [/node_modules\/(turbo-stream)\//, "Remix runtime"],
  [/node_modules\/(express|router|body-parser|send|serve-static|finalhandler|qs|path-to-regexp|on-finished|mime)/, "express"],
  [/node_modules\/(compression|negotiator|accepts|vary|compressible)\//, "compression middleware"],
  [/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/, "node-postgres"],
  [/node_modules\/(zod|@conform-to)\//, "zod / Conform"],
  [/node_modules\/(isbot)\//, "isbot"],
  [/node_modules\/(undici|@web3-storage|@remix-run\/web-)/, "Web Fetch API (undici)"],
  [/\/build\/index\.js/, "app (server build)"],
  [/\/server\/[^/]+\.ts/, "server/ middleware"],
  [/\/app\/.+\.tsx?/, "app source"],
  [/node:internal\/(deps\/undici|webstreams|streams\/.*web)/, "Web streams / Fetch (Node)"],
  [/node:(internal\/)?zlib/, "zlib (compression)"],
  [/node:(internal\/)?(http|_http|net|stream|streams|dns|tls)/, "Node http / net / streams"],
  [/node:(internal\/)?(crypto)/, "Node crypto"],
  [/node:(internal\/)?(async_hooks|timers|process)/, "Node async_hooks / timers"],
  [/^node:/, "Node internals (other)"],
];

function areaOf(node: Node): string {
  const { functionName, url } = node.callFrame;
  if (!url) {
    if (functionName === "(idle)") return "(idle: waiting)";
    if (functionName === "(garbage collector)") return "garbage collector";
    if (functionName === "(program)") return "(program: V8 / native)";
    return `native: ${functionName || "(anonymous)"}`;
  }
  for (const [pattern, area] of AREAS) if (pattern.test(url)) return area;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? `other package: ${pkg[1]}` : "other";
}

const where = (node: Node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^file:\/\/.*?\/(node_modules|build|server|app)\//, "$1/");
  return `${functionName || "(anonymous)"} ${short ? `${short}:${lineNumber + 1}` : ""}`.trim();
};

/** The main thread's profile: CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile, thread 0 (tsx's loader thread writes one too). */
export async function mainThreadProfile(dir: string): Promise<string | null> {
  const file = (await readdir(dir)).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return file ? path.join(dir, file) : null;
}

export async function summariseProfile(file: string, windows: Window[], top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let t = profile.startTime;
  let sampledUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (!windows.some((w) => t >= w.fromUs && t <= w.toUs)) continue;
    // Each sample stands for the time since the previous one.
    const next = profile.timeDeltas[i + 1] ?? delta;
    const node = byId.get(profile.samples[i])!;
    const area = areaOf(node);
    areas.set(area, (areas.get(area) ?? 0) + next);
    if (!area.startsWith("(idle")) functions.set(where(node), (functions.get(where(node)) ?? 0) + next);
    sampledUs += next;
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, us]): [string, number] => [k, us / 1000]);
  return { sampledMs: sampledUs / 1000, areas: sorted(areas), functions: sorted(functions).slice(0, top) };
}
