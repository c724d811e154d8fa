import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { openDatabase } from "~/db/open-database.server";
import { prepareDatabase } from "~/db/prepare-database.server";
import { CLIENT_IP_HEADER } from "~/auth/auth-port.server";
import { authProviderFor } from "~/auth/auth-provider.server";
import type { AppContext } from "~/context.server";
import { parseEnv } from "~/env.server";
import { scheduleOrderExpiry } from "~/jobs/expire-unpaid-orders.server";
import { paymentProviderFor } from "~/payments/payment-provider.server";
import { resolveSessionSecret } from "~/session-secret.server";
import { UPLOADS_URL_PREFIX, uploadsDirFor } from "~/storage/local-storage.server";
import { isStorageKey } from "~/storage/storage-port.server";
import { storageFor } from "~/storage/storage-provider.server";
import { bodyLimit, csrfProtection, securityHeaders } from "./security-headers";

// Production entry: validate env, open + migrate + seed the database, serve the build.
const env = parseEnv();
const db = await openDatabase(env);
const prepared = await prepareDatabase(db, env);
console.log(
  `database: ${db.kind}; migrations applied ${prepared.migrations.applied.length}, ` +
    `already applied ${prepared.migrations.skipped.length}; demo data ${prepared.seeded ? "seeded" : "unchanged"}`,
);

const context: AppContext = {
  db,
  env,
  sessionSecret: await resolveSessionSecret(env),
  payments: paymentProviderFor(env),
  auth: authProviderFor(env, db),
  storage: storageFor(env),
};
const stopExpiry = scheduleOrderExpiry(db);

const buildPath = path.resolve("build/index.js");
const build = (await import(buildPath)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.set("trust proxy", env.NODE_ENV === "production" ? 1 : false);
app.use(securityHeaders(env));
app.use(csrfProtection(env));
app.use(bodyLimit(12 * 1024 * 1024)); // a 2 MB photo plus form fields fits comfortably
// The one trusted source of the client address for the app (see clientAddress).
app.use((req, _res, next) => {
  req.headers[CLIENT_IP_HEADER.toLowerCase()] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
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
app.all("*", createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (_req, res) => ({ ...context, cspNonce: res.locals.cspNonce as string }) }));

const server = app.listen(env.PORT, () => {
  console.log(`Harvest Live on http://localhost:${env.PORT}`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: closing`);
  server.close();
  stopExpiry();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
