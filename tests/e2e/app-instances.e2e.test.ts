import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, databaseUrl } from "../setup/global-setup-postgres";

// WEB_CONCURRENCY=2 on the Postgres server (server/instances.ts): the primary migrates and
// seeds once, two instances serve the one port and both take requests, an instance that
// dies is started again in its slot, and SIGTERM stops them all. Needs TEST_DATABASE_URL
// (.ci/run sets it) and the build.
const ADMIN_URL = process.env.TEST_DATABASE_URL;
const name = `harvest_e2e_instances_${randomBytes(4).toString("hex")}`;
let primary: ChildProcess;
let output = "";
let baseUrl = "";

const admin = (sql: string) => adminQuery(ADMIN_URL!, sql);
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
const waitFor = async (what: string, test: () => boolean | Promise<boolean>, ms = 90_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen:\n${output.slice(-3000)}`);
};
/** The primary's live child processes (the instances), from /proc. */
async function instancePids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const fields = stat.split(") ")[1]?.split(" ") ?? [];
    if (Number(fields[1]) === primary.pid && fields[0] !== "Z") pids.push(Number(entry));
  }
  return pids.sort();
}
const cpuTicks = async (pid: number) => {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
};

describe.skipIf(!ADMIN_URL)("two app instances on one port (WEB_CONCURRENCY=2, Postgres)", () => {
  beforeAll(async () => {
    await admin(`create database ${name}`);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: databaseUrl(ADMIN_URL!, name),
        SESSION_SECRET: randomBytes(32).toString("base64url"),
        WEB_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    primary.stdout?.on("data", (chunk) => (output += chunk));
    primary.stderr?.on("data", (chunk) => (output += chunk));
    await waitFor("the ready line", () => output.includes("Harvest Live on ") || primary.exitCode !== null);
    expect(primary.exitCode).toBeNull();
  });
  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      primary.kill("SIGTERM");
      await new Promise((r) => primary.once("exit", r));
    }
    await admin(`drop database if exists ${name} with (force)`);
  });

  it("migrates and seeds once, then says it is ready with both instances", async () => {
    expect(output.match(/migrated \(postgres\)/g)).toHaveLength(1);
    expect(output.match(/demo data: seeded/g)).toHaveLength(1);
    expect(output).toMatch(/Harvest Live on http:\/\/localhost:\d+ \(server ready in [\d.]+ s, 2 instances\)/);
    expect(await instancePids()).toHaveLength(2);
  });

  it("serves from both instances", async () => {
    const pids = await instancePids();
    const before = await Promise.all(pids.map(cpuTicks));
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${baseUrl}/products`)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      await Promise.all(answers.map((a) => a.text()));
    }
    const after = await Promise.all(pids.map(cpuTicks));
    // 200 catalogue pages: each instance rendered its share (a render is several ms of CPU).
    for (const [i, pid] of pids.entries()) expect(after[i] - before[i], `instance ${pid}`).toBeGreaterThan(5);
  });

  it("starts an instance that died again in its slot, and keeps serving meanwhile", async () => {
    const [victim, survivor] = await instancePids();
    process.kill(victim, "SIGKILL");
    // A kept-alive connection to the killed instance is reset; a browser retries a GET on a new one.
    const healthz = () => fetch(`${baseUrl}/healthz`).catch(() => fetch(`${baseUrl}/healthz`));
    expect((await healthz()).status).toBe(200);
    await waitFor(
      "a replacement instance",
      async () => {
        const now = await instancePids();
        return now.length === 2 && !now.includes(victim) && now.includes(survivor);
      },
      20_000,
    );
    expect(output).toMatch(/app instance \d exited \(SIGKILL\); starting it again/);
    await waitFor("the new instance to listen", async () => (await healthz()).ok);
  });

  it("stops every instance on SIGTERM", async () => {
    const pids = await instancePids();
    primary.kill("SIGTERM");
    await new Promise((r) => primary.once("exit", r));
    await waitFor(
      "the instances to exit",
      async () => {
        const alive = await Promise.all(
          pids.map((pid) =>
            readFile(`/proc/${pid}/stat`, "utf8").then(
              (s) => !s.includes(") Z "),
              () => false,
            ),
          ),
        );
        return alive.every((a) => !a);
      },
      20_000,
    );
  });
});
