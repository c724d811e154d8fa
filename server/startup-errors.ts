import { InvalidEnvError } from "~/env.server";

// Start-up failures as one clear line each: what is wrong and the exact fix. The stack
// trace is for developers only (DEBUG=1), never what a newcomer sees on `npm start`.

type StartupEnv = { DATABASE_URL?: string; PORT?: string | number; PGLITE_DATA_DIR?: string; DEBUG?: string };

type Coded = Error & { code?: string; errors?: unknown[]; address?: string; port?: number; syscall?: string };

const codeOf = (error: unknown): string | undefined => {
  if (!(error instanceof Error)) return undefined;
  const coded = error as Coded;
  if (coded.code) return coded.code;
  // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
  for (const inner of coded.errors ?? []) {
    const code = codeOf(inner);
    if (code) return code;
  }
  return undefined;
};

function databaseTarget(url: string | undefined): { where: string; user: string; database: string } {
  try {
    const parsed = new URL(url ?? "");
    return {
      where: `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`,
      user: decodeURIComponent(parsed.username) || "(none)",
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default)",
    };
  } catch {
    return { where: "(unparsable DATABASE_URL)", user: "?", database: "?" };
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

/** The lines to print for an error that stopped the server starting. */
export function startupErrorLines(error: unknown, env: StartupEnv = {}): string[] {
  if (error instanceof InvalidEnvError) return error.issues.map(oneLine);
  if (error instanceof StartupProblem) return [oneLine(error.message)];
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  const port = Number(env.PORT) || 3000;

  if (code === "EADDRINUSE") {
    return [
      `Port ${port} is already in use (another server, or an earlier npm start still running). Stop that process, or pick another port: PORT=${port + 1} npm start`,
    ];
  }
  if (code === "EACCES" && (error as Coded).syscall === "listen") {
    return [`Port ${port} needs privileges this user does not have. Use a port above 1023: PORT=3000 npm start`];
  }

  const locked = /embedded database in (.+) is in use by process (\d+)/.exec(message);
  if (locked) {
    const [, dir, pid] = locked;
    return [
      `The embedded database in ${dir} is in use by another process (pid ${pid}), probably another npm start. ` +
        `Stop it first (kill ${pid}), or use another data directory: PGLITE_DATA_DIR=.data/pglite-2 npm start`,
    ];
  }

  if (env.DATABASE_URL) {
    const { where, user, database } = databaseTarget(env.DATABASE_URL);
    const orEmbedded = "or unset DATABASE_URL to use the embedded database";
    switch (code) {
      case "ECONNREFUSED":
        return [
          `Cannot connect to the database at ${where}: connection refused. Check the host and port in DATABASE_URL and that Postgres is running there, ${orEmbedded}.`,
        ];
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return [
          `Cannot connect to the database: host ${JSON.stringify(where.split(":")[0])} in DATABASE_URL was not found. Fix the host name in DATABASE_URL, ${orEmbedded}.`,
        ];
      case "ETIMEDOUT":
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        return [
          `Cannot connect to the database at ${where}: ${code === "ETIMEDOUT" ? "timed out" : "host unreachable"}. Check the host and port in DATABASE_URL and any firewall in between, ${orEmbedded}.`,
        ];
      case "28P01":
        return [
          `The database at ${where} refused the password for user "${user}". Fix the user name and password in DATABASE_URL (postgres://user:password@host:port/db).`,
        ];
      case "28000":
        return [
          `The database at ${where} refused user "${user}" (${oneLine(message)}). Fix the user in DATABASE_URL, or allow it in the server's pg_hba.conf.`,
        ];
      case "3D000":
        return [
          `The database "${database}" does not exist at ${where}. Create it (createdb ${database}) or fix the database name in DATABASE_URL.`,
        ];
    }
    if (/SASL|client password must be a string/i.test(message)) {
      return [
        `The database at ${where} asks for a password and DATABASE_URL has none for user "${user}". Put it in the URL: postgres://${user}:PASSWORD@${where}/${database}`,
      ];
    }
    if (/self[- ]signed certificate|SSL|ssl/.test(message)) {
      return [
        `Cannot connect to the database at ${where}: ${oneLine(message)}. Add ?sslmode=require (or sslmode=disable for a local server) to DATABASE_URL.`,
      ];
    }
  }

  return [`Harvest Live could not start: ${oneLine(message) || "unknown error"}. Run again with DEBUG=1 to see the stack trace.`];
}

/** Prints the lines (and with DEBUG=1 the stack) to stderr. */
export function reportStartupError(error: unknown, env: StartupEnv = process.env as StartupEnv): void {
  for (const line of startupErrorLines(error, env)) console.error(line);
  if (env.DEBUG && env.DEBUG !== "0" && error instanceof Error) console.error(error.stack);
}

/** A start-up problem whose message already is the one clear line. */
export class StartupProblem extends Error {
  override name = "StartupProblem";
}
