import type { Queryable } from "~/db/database.server";
import { replayChapters } from "~/domain/replay-chapters";
import type { Locale } from "~/i18n/locale";
import { currentFlashSale } from "./flash-sale.server";
import { liveChatView } from "./live-chat.server";
import { latestLiveEventId } from "./live-event.server";
import { sessionPins } from "./live-pin.server";
import { getSession } from "./live-session.server";
import { listSessionProducts } from "./product.server";

// Everything /live/:sessionId shows, read in the request's one transaction: the session, its
// products, where its event stream resumes, the flash sale running (live), the replay's
// chapters (ended), and the chat as this viewer may see it. Null for no such session.
export async function liveSessionPage(tx: Queryable, sessionId: string, locale: Locale, signedIn: boolean) {
  const session = await getSession(tx, sessionId, locale);
  if (!session) return null;
  const products = await listSessionProducts(tx, session.id, locale);
  // The event stream resumes after this id, so nothing between render and connect is lost.
  const lastEventId = await latestLiveEventId(tx, session.id);
  const flash = session.status === "live" ? await currentFlashSale(tx, session.id) : null;
  const pins = session.status === "ended" && session.replayUrl ? await sessionPins(tx, session.id) : [];
  const chapters = replayChapters(
    pins.map((p) => ({
      pinId: p.pinId,
      productId: p.productId,
      offsetMs: p.offsetMs,
      durationMs: p.unpinnedAt ? p.unpinnedAt.getTime() - p.pinnedAt.getTime() : null,
    })),
  );
  const chat = await liveChatView(tx, session.id, signedIn);
  return { session, products, lastEventId, flash, chapters, chat };
}
