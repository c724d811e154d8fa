// `npm run seed`: seed the demo data into an empty database (no-op otherwise).
import { openDatabase } from "~/db/open-database.server";
import { parseEnv } from "~/env.server";
import { seedDemoData } from "~/seed/seed.server";

const db = await openDatabase(parseEnv());
try {
  console.log((await seedDemoData(db)).seeded ? "demo data seeded" : "database not empty: nothing seeded");
} finally {
  await db.close();
}
