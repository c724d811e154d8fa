// `npm run live:simulate -- <sessionId> [--restore]`: a real live stream for one session, no
// camera needed. A real-time ffmpeg encode (test picture with the UTC clock burnt in, a tone,
// 1 s segments, a 6-segment window) writes .data/live/<sessionId>/, which the app serves at
// /live-hls/<sessionId>/index.m3u8 (server/index.ts), and the session's playback URL points
// there until Ctrl-C, which puts the sample stream back. `--restore` only puts it back.
//
// With the embedded database (no DATABASE_URL) only one process may hold it: the URL is changed
// before the encode starts and the database closed again, so `npm start` can run alongside;
// putting it back needs the server stopped (or DATABASE_URL, where both share a Postgres).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "~/db/open-database.server";
import { asServiceRole } from "~/db/request-role.server";
import { isUuid } from "~/domain/uuid";
import { parseEnv } from "~/env.server";
import { liveHlsPlaylistUrl, liveHlsRoot, simulatorFfmpegArgs } from "~/media/live-hls.server";
import { SAMPLE_LIVE_MASTER } from "~/media/sample-urls";
import { setSessionPlaybackUrl } from "~/models/live-playback.server";

const USAGE = "usage: npm run live:simulate -- <sessionId> [--restore]";

function fail(message: string, code = 1): never {
  console.error(`live:simulate: ${message}`);
  process.exit(code);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { restore: { type: "boolean", default: false } } });
const sessionId = positionals[0];
if (positionals.length !== 1 || !isUuid(sessionId)) fail(`give one live session id (a UUID)\n${USAGE}`, 2);

async function pointPlayerAt(url: string) {
  const db = await openDatabase(parseEnv());
  let found: boolean;
  try {
    found = await asServiceRole(db, (tx) => setSessionPlaybackUrl(tx, sessionId, url));
  } finally {
    await db.close();
  }
  if (!found) fail(`there is no live session ${sessionId}`, 2);
}

async function restore() {
  try {
    await pointPlayerAt(SAMPLE_LIVE_MASTER);
    console.log(`live:simulate: session ${sessionId} plays the sample stream again (${SAMPLE_LIVE_MASTER})`);
  } catch (error) {
    fail(
      `could not put the sample stream back (${error instanceof Error ? error.message : String(error)}); ` +
        `run \`npm run live:simulate -- ${sessionId} --restore\` once the database is free`,
    );
  }
}

if (values.restore) {
  await restore();
  process.exit(0);
}

if (spawnSync("ffmpeg", ["-version"], { stdio: "ignore" }).error) {
  fail("ffmpeg is not on PATH (apt-get install ffmpeg); the seeded sample stream at /hls/sample-live/ needs nothing installed");
}

// The database first: if it is busy (the embedded one held by a running server) nothing has
// started yet. The player may ask for the playlist a moment before ffmpeg writes it; hls.js retries.
await pointPlayerAt(liveHlsPlaylistUrl(sessionId)).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

const outDir = path.join(liveHlsRoot(), sessionId);
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
// Segment names unique per run, so a segment cached from an earlier run is never replayed.
const runId = randomBytes(4).toString("hex");
const encoder = spawn("ffmpeg", simulatorFfmpegArgs({ outDir, runId }), { stdio: ["ignore", "inherit", "inherit"] });
const encoderExit = new Promise<number>((resolve) => {
  encoder.once("error", () => resolve(1));
  encoder.once("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1)));
});
console.log(
  `live:simulate: encoding into ${path.relative(process.cwd(), outDir)}/ — session ${sessionId} now plays ${liveHlsPlaylistUrl(sessionId)}`,
);
console.log("live:simulate: Ctrl-C stops the encode and puts the sample stream back");

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // A terminal's Ctrl-C reaches ffmpeg too (same process group); a SIGTERM to this process may not.
  encoder.kill("SIGINT");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const code = await encoderExit;
if (!stopping) console.error(`live:simulate: ffmpeg stopped on its own (exit ${code})`);
await restore();
process.exit(stopping ? 0 : code || 1);
