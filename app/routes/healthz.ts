import type { LoaderFunctionArgs } from "@remix-run/node";
import { databaseHealth } from "~/models/health.server";

// Liveness plus a real database round trip. 503 (not 500) when the database is down.
export async function loader({ context }: LoaderFunctionArgs) {
  const started = Date.now();
  try {
    const { kind, migrations } = await databaseHealth(context.db);
    return Response.json(
      { status: "ok", database: kind, migrations, latencyMs: Date.now() - started },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    console.warn("healthz: database check failed", error instanceof Error ? error.message : error);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
