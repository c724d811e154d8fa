import { realtimeFor } from "~/realtime/realtime-provider.server";
import { offErrorReporter } from "~/observability/error-reporter.server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { authProviderFor } from "~/auth/auth-provider.server";
import type { AppContext } from "~/context.server";
import { migrate } from "~/db/migrations.server";
import { openDatabase } from "~/db/open-database.server";
import { parseEnv } from "~/env.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { seedDemoData } from "~/seed/seed.server";
import { resolveSessionSecret } from "~/session-secret.server";
import { storageFor } from "~/storage/storage-provider.server";
import { clientAddressHeader, trustProxySetting } from "../../server/client-address";
import { coalescedFlush } from "../../server/coalesced-flush";
import { wholeSmallAnswers } from "../../server/whole-small-answers";
import { httpCaching } from "../../server/http-cache";
import { requestQueue } from "../../server/request-queue";
import { unroutablePathGuard } from "../../server/path-guard";
import { bodyLimit, csrfProtection, securityHeaders } from "../../server/security-headers";
import { memoisedBuild, type MemoStats } from "./twin";

// The page bench's server: ONE Node process (forked by pages.ts) that opens, migrates and
// seeds the database the environment names, then serves build/index.js twice — normally
// on one port, with memoised loaders (twin.ts) on another — behind the same middleware as
// server/index.ts (compression with coalesced flushes, security headers with a CSP nonce, CSRF, body limit,
// client address, path guard, HTTP caching). Static files are not served: the bench fetches pages only.
// It talks to its parent over IPC: "ready" with both ports, then RSS on request.

export type ToServer = { type: "reset-rss" } | { type: "stats" } | { type: "close" };
export type FromServer =
  | { type: "ready"; realPort: number; twinPort: number; kind: string; startMs: number }
  | { type: "stats"; rssMax: number; rssPeak: number; memo: MemoStats }
  | { type: "failed"; message: string };

// Run by hand (no IPC: `node --import tsx bench/pages/server.ts`) it prints its messages.
const send = (message: FromServer) => (process.send ? process.send(message) : console.log(JSON.stringify(message)));

async function main() {
  const started = performance.now();
  const env = parseEnv();
  const db = await openDatabase(env);
  await migrate(db);
  await seedDemoData(db);
  const sessionSecret = await resolveSessionSecret(env);
  const context: AppContext = {
    db,
    env,
    sessionSecret,
    payments: paymentProviderFor(env, { db }),
    auth: authProviderFor(env, db, sessionSecret),
    storage: storageFor(env),
    errors: offErrorReporter,
    realtime: realtimeFor(env, db),
  };
  const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
  const twin = memoisedBuild(build);

  const serve = async (served: ServerBuild) => {
    const app = express();
    app.disable("x-powered-by");
    app.use(compression());
    app.use(coalescedFlush());
    app.use(wholeSmallAnswers());
    app.set("trust proxy", trustProxySetting(env));
    app.use(securityHeaders(env));
    app.use(csrfProtection(env));
    app.use(bodyLimit(12 * 1024 * 1024));
    app.use(clientAddressHeader);
    app.use(unroutablePathGuard());
    app.use(httpCaching(`csp-nonce:${sessionSecret}`));
    // Renders in arrival order, 16 at a time (see request-queue.ts).
    app.use(requestQueue(16));
    app.all(
      "*",
      createRequestHandler({
        build: served,
        mode: env.NODE_ENV,
        getLoadContext: (_req, res) => ({ ...context, cspNonce: res.locals.cspNonce as string }),
      }),
    );
    return new Promise<Server>((resolve, reject) => {
      const listening = app.listen(0, "127.0.0.1");
      listening.once("listening", () => resolve(listening));
      listening.once("error", reject);
    });
  };
  const real = await serve(build);
  const copy = await serve(twin.build);

  let rssMax = 0;
  const sample = () => (rssMax = Math.max(rssMax, process.memoryUsage.rss()));
  const sampler = setInterval(sample, 100);
  process.on("message", (message: ToServer) => {
    if (message.type === "reset-rss") rssMax = 0;
    if (message.type === "stats") {
      sample();
      send({ type: "stats", rssMax, rssPeak: process.resourceUsage().maxRSS * 1024, memo: { ...twin.stats } });
    }
    if (message.type === "close") {
      clearInterval(sampler);
      real.close();
      copy.close();
      void db.close().finally(() => process.exit(0));
    }
  });
  send({
    type: "ready",
    realPort: (real.address() as AddressInfo).port,
    twinPort: (copy.address() as AddressInfo).port,
    kind: db.kind,
    startMs: performance.now() - started,
  });
}

main().catch((error: unknown) => {
  send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
