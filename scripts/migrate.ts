// `npm run migrate`: apply supabase/migrations to DATABASE_URL (or the embedded PGlite).
import { migrate } from "~/db/migrations.server";
import { openDatabase } from "~/db/open-database.server";
import { parseEnv } from "~/env.server";

const db = await openDatabase(parseEnv());
try {
  const report = await migrate(db);
  console.log(`applied: ${report.applied.join(", ") || "none"}; already applied: ${report.skipped.length}`);
} finally {
  await db.close();
}
