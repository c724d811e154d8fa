import { timedDatabase } from "~/db/timed-database.server";
import { errorReporterFor } from "~/observability/error-reporter.server";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { openDatabase } from "~/db/open-database.server";
import { migrate } from "~/db/migrations.server";
import { seedDemoData } from "~/seed/seed.server";
import { authProviderFor } from "~/auth/auth-provider.server";
import type { AppContext } from "~/context.server";
import { parseEnv, type ServerEnv } from "~/env.server";
import type { Database } from "~/db/database.server";
import { scheduleFlashSaleEnds } from "~/jobs/end-flash-sales.server";
import { scheduleOrderExpiry } from "~/jobs/expire-unpaid-orders.server";
import { scheduleStripeReconcile } from "~/jobs/reconcile-stripe.server";
import { isCurrentImageVersion } from "~/media/asset-versions.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { stripeClientFor } from "~/payments/stripe-client.server";
import { realtimeFor } from "~/realtime/realtime-provider.server";
import { resolveSessionSecret } from "~/session-secret.server";
import { LIVE_HLS_URL_PREFIX, liveHlsCacheControl, liveHlsRoot } from "~/media/live-hls.server";
import { UPLOADS_URL_PREFIX, uploadsDirFor } from "~/storage/local-storage.server";
import { isStorageKey } from "~/storage/storage-port.server";
import { storageFor } from "~/storage/storage-provider.server";
import { clientAddressHeader, trustProxySetting, untrustedProxyWarning } from "./client-address";
import { coalescedFlush } from "./coalesced-flush";
import { wholeSmallAnswers } from "./whole-small-answers";
import { demoGuideLines } from "./demo-guide";
import { httpCaching } from "./http-cache";
import { instanceRole, runInstances } from "./instances";
import { requestQueue } from "./request-queue";
import { unroutablePathGuard } from "./path-guard";
import { requestContext } from "./request-context";
import { bodyLimit, csrfProtection, securityHeaders } from "./security-headers";
import { reportStartupError, StartupProblem } from "./startup-errors";

// Production entry: validate env, open + migrate + seed the database, serve the build.
// Any start-up failure is one clear line on stderr and exit code 1 (the stack with DEBUG=1).
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const cleanups: Array<() => unknown> = [];

async function main() {
  const serverStarted = performance.now();
  // First, before the database or the build is touched: a bad environment is reported alone.
  const env = parseEnv();
  const role = instanceRole(env);

  let phase = performance.now();
  // Measured: each round trip counts towards its request's Server-Timing (db).
  let db: Database;
  if (role.kind === "instance") {
    // The primary has migrated and seeded already.
    db = timedDatabase(await openDatabase(env));
    cleanups.push(() => db.close());
  } else {
    const fresh = !env.DATABASE_URL && !existsSync(path.resolve(env.PGLITE_DATA_DIR, "PG_VERSION"));
    console.log(
      env.DATABASE_URL
        ? "migrating the database (DATABASE_URL)…"
        : `migrating the embedded database in ${env.PGLITE_DATA_DIR}${fresh ? " (first start: creating it can take half a minute)" : ""}…`,
    );
    db = timedDatabase(await openDatabase(env));
    cleanups.push(() => db.close());
    // Connecting is lazy: the first query says whether the database is reachable.
    const migrations = await migrate(db);
    console.log(
      `migrated (${db.kind}): ${migrations.applied.length} applied, ${migrations.skipped.length} already applied — ${seconds(phase)}`,
    );
    phase = performance.now();
    const seeded = env.DEMO_DATA === "on" ? (await seedDemoData(db)).seeded : false;
    console.log(
      `demo data: ${env.DEMO_DATA === "off" ? "skipped (DEMO_DATA=off)" : seeded ? "seeded" : "already there"} — ${seconds(phase)}`,
    );
  }

  const sessionSecret = await resolveSessionSecret(env);
  if (role.kind === "primary") return runPrimary(env, db, role.instances, serverStarted);
  // One Stripe client per instance (null in demo mode): Checkout, webhooks, refunds.
  const stripe = stripeClientFor(env);
  const context: AppContext = {
    db,
    env,
    sessionSecret,
    payments: paymentProviderFor(env, { db, stripe }),
    ...(stripe ? { stripe } : {}),
    auth: authProviderFor(env, db, sessionSecret),
    storage: storageFor(env),
    errors: errorReporterFor(env),
    // One LISTEN connection (or Broadcast socket) per instance for every viewer's stream.
    realtime: realtimeFor(env, db),
  };
  cleanups.push(() => context.realtime.close());
  // One instance runs the jobs, however many serve.
  const runsJobs = role.kind === "single" || role.runsJobs;
  const stopExpiry = runsJobs ? scheduleOrderExpiry(db) : () => undefined;
  cleanups.push(stopExpiry);
  if (runsJobs) cleanups.push(scheduleFlashSaleEnds(db, context.realtime));
  if (runsJobs && stripe) cleanups.push(scheduleStripeReconcile(db, stripe));

  const buildPath = path.resolve("build/index.js");
  if (!existsSync(buildPath)) {
    throw new StartupProblem("There is no build (build/index.js is missing). Build first with: npm run build (npm start does it for you)");
  }
  const build = (await import(buildPath)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  // First: every later step (and the database port) runs inside this request's context.
  app.use(requestContext());
  // An event stream is never compressed: compression would hold each event until a flush.
  app.use((req, _res, next) => {
    if (req.get("accept")?.includes("text/event-stream")) delete req.headers["accept-encoding"];
    next();
  });
  app.use(compression());
  app.use(coalescedFlush());
  app.use(wholeSmallAnswers());
  app.set("trust proxy", trustProxySetting(env));
  app.use(securityHeaders(env));
  app.use(csrfProtection(env));
  app.use(bodyLimit(12 * 1024 * 1024)); // a 2 MB photo plus form fields fits comfortably
  app.use(untrustedProxyWarning(env));
  app.use(clientAddressHeader);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Site images linked with their content hash (?v=, app/http/asset-versions.server.ts) keep for a year.
  app.use(
    express.static("public", {
      maxAge: "1h",
      setHeaders: (res, filePath) => {
        if (isCurrentImageVersion(filePath, res.req.query.v)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      },
    }),
  );
  // Local-storage uploads: read-only, content-addressed (a name never changes its bytes, so a
  // year's immutable cache is safe), never a directory listing or index, never sniffed.
  // Only names the app writes are served (not half-written `.partial` files, not folders).
  app.use(
    UPLOADS_URL_PREFIX,
    (req, res, next) => (isStorageKey(req.path.slice(1)) ? next() : res.status(404).type("text/plain").send("Not found")),
    express.static(uploadsDirFor(env), {
      immutable: true,
      maxAge: "1y",
      index: false,
      redirect: false,
      dotfiles: "deny",
      setHeaders: (res) => res.setHeader("X-Content-Type-Options", "nosniff"),
    }),
  );
  // `npm run live:simulate`'s encodes (.data/live/<sessionId>/): a playlist rewritten every
  // second is never cached; segments have per-run names. No listings, no dotfiles.
  app.use(
    LIVE_HLS_URL_PREFIX,
    express.static(liveHlsRoot(), {
      index: false,
      redirect: false,
      dotfiles: "deny",
      setHeaders: (res, file) => res.setHeader("Cache-Control", liveHlsCacheControl(file)),
    }),
  );
  app.use(unroutablePathGuard());
  // Remix's answers only (static files above set their own): shared-cacheable or private.
  app.use(httpCaching(`csp-nonce:${sessionSecret}`));
  // Renders in arrival order, 16 at a time (see request-queue.ts).
  app.use(requestQueue(16));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (_req, res) => ({ ...context, cspNonce: res.locals.cspNonce as string }),
    }),
  );

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(env.PORT);
    listening.once("listening", () => resolve(listening));
    listening.once("error", reject);
  });
  cleanups.push(() => server.close());
  // An instance of several: the primary says when all of them listen.
  if (role.kind === "single") await announceReady(env, db, serverStarted);

  async function shutdown(signal: string) {
    console.log(`${signal}: closing`);
    server.close();
    stopExpiry();
    await context.realtime?.close();
    await db.close();
    process.exit(0);
  }
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

async function announceReady(env: ServerEnv, db: Database, serverStarted: number, instances = 1) {
  const baseUrl = `http://localhost:${env.PORT}`;
  const sinceNpmStart = Number(process.env.HARVEST_STARTED_AT)
    ? `, ${((Date.now() - Number(process.env.HARVEST_STARTED_AT)) / 1000).toFixed(0)} s since npm start`
    : "";
  const many = instances > 1 ? `, ${instances} instances` : "";
  console.log(`Harvest Live on ${baseUrl} (server ready in ${seconds(serverStarted)}${sinceNpmStart}${many})`);
  if (env.DEMO_DATA === "on") {
    for (const line of await demoGuideLines(db, baseUrl).catch(() => [])) console.log(line);
  }
}

/** WEB_CONCURRENCY > 1: the database is ready; start the instances and wait for them. */
async function runPrimary(env: ServerEnv, db: Database, instances: number, serverStarted: number) {
  const stopInstances = await runInstances(instances);
  cleanups.push(stopInstances);
  await announceReady(env, db, serverStarted, instances);
  async function shutdown(signal: string) {
    console.log(`${signal}: closing ${instances} instances`);
    await stopInstances();
    await db.close();
    process.exit(0);
  }
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch(async (error: unknown) => {
  reportStartupError(error);
  for (const cleanup of cleanups.reverse())
    await Promise.resolve()
      .then(cleanup)
      .catch(() => {});
  process.exit(1);
});
