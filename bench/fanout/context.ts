import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { localAuthProvider } from "~/auth/local-auth.server";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/database.server";
import { parseEnv } from "~/env.server";
import { offErrorReporter } from "~/observability/error-reporter.server";
import { demoPaymentProvider } from "~/payments/demo-provider.server";
import type { RealtimePort } from "~/realtime/realtime-port.server";
import { localFileStorage } from "~/storage/local-storage.server";

/** The load context an app instance builds (server/index.ts), for the bench's own server. */
export function testContextFor(db: Database, realtime: RealtimePort): AppContext {
  const sessionSecret = randomBytes(32).toString("base64url");
  return {
    db,
    env: parseEnv({ NODE_ENV: "production", REALTIME_MAX_STREAMS: "100000" }),
    sessionSecret,
    payments: demoPaymentProvider,
    auth: localAuthProvider(db, sessionSecret),
    storage: localFileStorage(path.join(os.tmpdir(), `harvest-bench-${randomBytes(4).toString("hex")}`)),
    errors: offErrorReporter,
    realtime,
  };
}
