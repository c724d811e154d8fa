import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "~/env.server";
import { startupErrorLines, StartupProblem } from "../../server/startup-errors";

// Start-up failures are one clear line each (what is wrong, and the exact fix), exit code
// 1, no stack trace unless DEBUG=1.
const MAKE_SECRET = `node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;
const envError = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (error) {
    return error;
  }
  throw new Error("expected an invalid environment");
};
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("start-up error lines", () => {
  it("names each invalid variable once, with the fix, and never echoes a secret", () => {
    const error = envError({ PORT: "abc", DEMO_DATA: "maybe", SESSION_SECRET: "too-short-secret", TRUST_PROXY_HOPS: "x" });
    expect(error).toBeInstanceOf(InvalidEnvError);
    const lines = startupErrorLines(error);
    expect(lines).toEqual([
      'PORT must be a whole number from 1 to 65535 (got "abc"). Set e.g. PORT=3000, or unset it for the default 3000.',
      `SESSION_SECRET must be at least 32 characters (got 16 characters). Make one with: ${MAKE_SECRET}`,
      'DEMO_DATA must be on or off (got "maybe"). Set DEMO_DATA=off to skip the demo seed, or unset it.',
      expect.stringMatching(/^TRUST_PROXY_HOPS must be a whole number from 0 to 10 \(got "x"\)\. Set it to the number of reverse proxies/),
    ]);
    expect(lines.join("\n")).not.toContain("too-short-secret");
  });

  it("explains the production secret, Supabase and Stripe pairs", () => {
    expect(startupErrorLines(envError({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/x" }))).toEqual([
      `SESSION_SECRET is required in production when DATABASE_URL is set. Make one with: ${MAKE_SECRET}`,
    ]);
    expect(startupErrorLines(envError({ SUPABASE_URL: "https://p.supabase.co", STRIPE_WEBHOOK_SECRET: "whsec_x" }))).toEqual([
      "SUPABASE_URL and SUPABASE_ANON_KEY must be set together (SUPABASE_ANON_KEY is missing). Set SUPABASE_ANON_KEY too, or unset both for local auth.",
      "STRIPE_WEBHOOK_SECRET is set without STRIPE_SECRET_KEY. Set STRIPE_SECRET_KEY too, or unset STRIPE_WEBHOOK_SECRET for demo payments.",
    ]);
  });

  it("tells an unreachable database from refused credentials and a missing database", () => {
    const env = { DATABASE_URL: "postgres://harvest:pw@db.internal:6543/shop" };
    const refused = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")], "");
    expect(startupErrorLines(refused, env)).toEqual([
      "Cannot connect to the database at db.internal:6543: connection refused. Check the host and port in DATABASE_URL and that Postgres is running there, or unset DATABASE_URL to use the embedded database.",
    ]);
    expect(startupErrorLines(coded("ENOTFOUND"), env)[0]).toMatch(
      /^Cannot connect to the database: host "db.internal" in DATABASE_URL was not found\./,
    );
    expect(startupErrorLines(coded("28P01", 'password authentication failed for user "harvest"'), env)).toEqual([
      'The database at db.internal:6543 refused the password for user "harvest". Fix the user name and password in DATABASE_URL (postgres://user:password@host:port/db).',
    ]);
    expect(startupErrorLines(coded("3D000"), env)).toEqual([
      'The database "shop" does not exist at db.internal:6543. Create it (createdb shop) or fix the database name in DATABASE_URL.',
    ]);
  });

  it("explains a locked embedded database and a port in use", () => {
    const locked = new Error(
      "the embedded database in /srv/app/.data/pglite is in use by process 4242; stop it first, or set DATABASE_URL to use a Postgres server",
    );
    expect(startupErrorLines(locked)).toEqual([
      "The embedded database in /srv/app/.data/pglite is in use by another process (pid 4242), probably another npm start. Stop it first (kill 4242), or use another data directory: PGLITE_DATA_DIR=.data/pglite-2 npm start",
    ]);
    expect(startupErrorLines(Object.assign(coded("EADDRINUSE"), { syscall: "listen" }), { PORT: "3000" })).toEqual([
      "Port 3000 is already in use (another server, or an earlier npm start still running). Stop that process, or pick another port: PORT=3001 npm start",
    ]);
  });

  it("keeps anything else to one line, pointing at DEBUG=1", () => {
    expect(startupErrorLines(new Error("boom\n  at somewhere"))).toEqual([
      "Harvest Live could not start: boom at somewhere. Run again with DEBUG=1 to see the stack trace.",
    ]);
    expect(startupErrorLines(new StartupProblem("There is no build."))).toEqual(["There is no build."]);
  });
});

function startServer(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SESSION_SECRET|DATABASE_URL|SUPABASE_|STRIPE_|PORT$|DEMO_DATA|TRUST_PROXY_HOPS|DEBUG$|VITEST|TEST_)/.test(key))
      clean[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...clean, ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm start's server with a bad environment", () => {
  const env = { NODE_ENV: "production", DATABASE_URL: "postgres://127.0.0.1:1/x" };

  it("prints one clear line and exits with 1, before touching the database or the build", async () => {
    const result = await startServer(env);
    expect(result.stderr).toBe(`SESSION_SECRET is required in production when DATABASE_URL is set. Make one with: ${MAKE_SECRET}\n`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
  }, 60_000);

  it("adds the stack trace with DEBUG=1, and says when the database is unreachable", async () => {
    const debug = await startServer({ ...env, DEBUG: "1" });
    expect(debug.stderr.split("\n")[0]).toMatch(/^SESSION_SECRET is required/);
    expect(debug.stderr).toMatch(/\n\s+at /);
    const unreachable = await startServer({ ...env, SESSION_SECRET: "x".repeat(40) });
    expect(unreachable.stderr).toBe(
      "Cannot connect to the database at 127.0.0.1:1: connection refused. Check the host and port in DATABASE_URL and that Postgres is running there, or unset DATABASE_URL to use the embedded database.\n",
    );
    expect(unreachable.code).toBe(1);
  }, 60_000);
});
