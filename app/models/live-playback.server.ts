import type { Queryable } from "~/db/database.server";

// An operator's tool (npm run live:simulate) repoints a session's player; run as service role.

/** Sets where the session's player loads its stream; false when there is no such session. */
export async function setSessionPlaybackUrl(tx: Queryable, sessionId: string, playbackUrl: string): Promise<boolean> {
  const { rows } = await tx.query<{ id: string }>("update public.live_sessions set playback_url = $2 where id = $1 returning id", [
    sessionId,
    playbackUrl,
  ]);
  return rows.length === 1;
}
