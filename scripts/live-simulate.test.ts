import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The script as an operator runs it; only the paths that need neither ffmpeg nor a database.
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [tsx, "scripts/live-simulate.ts", ...args], { env, encoding: "utf8", timeout: 20_000 });

describe("npm run live:simulate", () => {
  it("says in one line that ffmpeg is missing and exits 1", () => {
    const result = run(["de57f1cb-0dbc-5cb0-8b13-0a0f01628036"], { ...process.env, PATH: "/nonexistent" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^live:simulate: ffmpeg is not on PATH/)]);
  });

  it("asks for a session id", () => {
    const result = run(["not-a-session"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: npm run live:simulate -- <sessionId> \[--restore\]/);
  });
});
