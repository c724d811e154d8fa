import type { Queryable } from "~/db/database.server";
import { demoCooperatives } from "./demo-catalog";
import { demoSessions } from "./demo-sessions";
import { ids } from "./seed.server";

// The demo replays are shoppable: each has the pins a host would have made while live, at
// stream times inside the bundled sample recording (24 s), so "jump to" chapters land on
// real video. A replay that already has pins is left alone (the seed runs on every start).
const PIN_EVERY_MS = 7_000;
const FIRST_PIN_MS = 2_000;
const PIN_LENGTH_MS = 6_000;

export async function insertReplayPins(tx: Queryable): Promise<void> {
  for (const s of demoSessions.filter((d) => d.status === "ended")) {
    const coop = demoCooperatives.find((c) => c.slug === s.coopSlug);
    if (!coop) continue;
    const sessionId = ids.session(s.key);
    for (const [i, product] of coop.products.slice(0, 3).entries()) {
      const offset = FIRST_PIN_MS + i * PIN_EVERY_MS;
      await tx.query(
        `insert into public.live_session_pins (session_id, product_id, pinned_at, unpinned_at, offset_ms)
         select s.id, $2, s.started_at + make_interval(secs => $3::int / 1000.0), s.started_at + make_interval(secs => $4::int / 1000.0), $3
           from public.live_sessions s
          where s.id = $1 and s.started_at is not null
            and (select count(*) from public.live_session_pins p where p.session_id = s.id) = $5`,
        [sessionId, ids.product(product.slug), offset, offset + PIN_LENGTH_MS, i],
      );
    }
  }
}
