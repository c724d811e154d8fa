import { randomUUID } from "node:crypto";
import type { Database } from "~/db/database.server";
import type { RequestIdentity } from "~/db/request-role.server";
import { hashPassword } from "~/auth/password.server";

// Signed-in viewers for the live chat tests: a fresh account each, so one test's messages
// never count against the next test's rate limit. With a password, they can sign in
// through /login (signIn in ./signed-in.ts).
export type Viewer = RequestIdentity & { role: "authenticated"; userId: string; email: string; name: string };

export async function createViewer(db: Database, options: { name?: string; password?: string } = {}): Promise<Viewer> {
  const userId = randomUUID();
  const email = `viewer-${userId.slice(0, 8)}@chat.test`;
  const name = options.name ?? `Viewer ${userId.slice(0, 4)}`;
  const hash = options.password ? await hashPassword(options.password) : null;
  // As the migrating owner (tests only), like the seed.
  await db.transaction(async (tx) => {
    await tx.query("insert into auth.users (id, email) values ($1, $2)", [userId, email]);
    await tx.query("insert into public.profiles (id, email, display_name) values ($1, $2, $3)", [userId, email, name]);
    if (hash) await tx.query("insert into app_private.local_credentials (user_id, password_hash) values ($1, $2)", [userId, hash]);
  });
  return { role: "authenticated", userId, email, name };
}

/** Moves a user's messages back in time, so a rate-limit test need not sleep. */
export async function ageMessages(db: Database, userId: string, seconds: number): Promise<void> {
  await db.query("update public.live_chat_messages set created_at = created_at - make_interval(secs => $2) where user_id = $1", [
    userId,
    seconds,
  ]);
}
