import type { ServerEnv } from "~/env.server";
import { seedDemoData } from "~/seed/seed.server";
import type { Database } from "./database.server";
import { migrate, type MigrationReport } from "./migrations.server";

/** Start-up: migrate, then seed the demo data into an empty database unless DEMO_DATA=off. */
export async function prepareDatabase(
  db: Database,
  env: Pick<ServerEnv, "DEMO_DATA">,
): Promise<{ migrations: MigrationReport; seeded: boolean }> {
  const migrations = await migrate(db);
  const seeded = env.DEMO_DATA === "on" ? (await seedDemoData(db)).seeded : false;
  return { migrations, seeded };
}
