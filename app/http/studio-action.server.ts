import type { Queryable } from "~/db/database.server";
import type { StudioAction } from "~/forms/studio-session";
import type { MessageKey } from "~/i18n/translate";
import { endFlashSale, startFlashSale, type FlashRefusal } from "~/models/flash-sale.server";
import { pinProduct, unpinProduct } from "~/models/live-pin.server";
import {
  cancelLiveSession,
  endLiveSession,
  goLive,
  rotateStreamKey,
  updateLiveSession,
  type StudioFailure,
} from "~/models/studio-session.server";

// The studio page's one action, intent by intent: which model call, and what its answer
// means for the response (status, a page notice or field errors, events to announce).

export type StudioOutcome = {
  status: 200 | 404 | 409 | 422;
  /** Stored events the call wrote: announce them after the commit. */
  eventIds: number[];
  notice?: MessageKey;
  fieldErrors?: Record<string, string[]>;
};

const ok = (eventIds: (number | null)[] = [], notice?: MessageKey): StudioOutcome => ({
  status: 200,
  eventIds: eventIds.filter((id): id is number => id !== null),
  notice,
});

function refused(reason: StudioFailure | "session_over" | "not_in_session"): StudioOutcome {
  switch (reason) {
    case "unknown_session":
    case "not_allowed":
      return { status: 404, eventIds: [] };
    case "bad_time":
      return { status: 422, eventIds: [], fieldErrors: { scheduledStart: ["studio.errors.start"] } };
    case "bad_products":
      return { status: 422, eventIds: [], fieldErrors: { productIds: ["studio.errors.products"] } };
    case "bad_input":
      return { status: 422, eventIds: [], fieldErrors: { titleZh: ["studio.errors.title"] } };
    case "bad_replay_url":
      return { status: 422, eventIds: [], fieldErrors: { replayUrl: ["studio.errors.replayUrl"] } };
    case "no_playback":
      return { status: 409, eventIds: [], notice: "studio.problem.noPlayback" };
    case "not_in_session":
      return { status: 422, eventIds: [], notice: "studio.problem.notInSession" };
    case "session_over":
      return { status: 409, eventIds: [], notice: "studio.problem.sessionOver" };
    default:
      return { status: 409, eventIds: [], notice: "studio.problem.wrongStatus" };
  }
}

function flashRefused(reason: FlashRefusal): StudioOutcome {
  switch (reason) {
    case "unknown_session":
      return { status: 404, eventIds: [] };
    case "price_not_lower":
      return { status: 422, eventIds: [], fieldErrors: { price: ["studio.flash.refused.price_not_lower"] } };
    case "not_enough_stock":
    case "bad_units":
      return { status: 422, eventIds: [], fieldErrors: { units: ["studio.flash.refused.not_enough_stock"] } };
    case "bad_limit":
      return { status: 422, eventIds: [], fieldErrors: { perBuyerLimit: ["studio.flash.errors.limit"] } };
    case "bad_duration":
      return { status: 422, eventIds: [], fieldErrors: { durationSeconds: ["studio.flash.errors.duration"] } };
    case "not_live":
    case "not_pinned":
    case "flash_running":
      return { status: 409, eventIds: [], notice: `studio.flash.refused.${reason}` };
  }
}

export async function runStudioAction(
  tx: Queryable,
  sessionId: string,
  input: StudioAction,
  config: { playbackUrl: string | null },
): Promise<StudioOutcome> {
  switch (input.intent) {
    case "go-live": {
      const r = await goLive(tx, sessionId, config.playbackUrl);
      return r.ok ? ok(r.eventIds) : refused(r.reason);
    }
    case "end": {
      const r = await endLiveSession(tx, sessionId, input.replayUrl);
      return r.ok ? ok(r.eventIds) : refused(r.reason);
    }
    case "cancel": {
      const r = await cancelLiveSession(tx, sessionId);
      return r.ok ? ok() : refused(r.reason);
    }
    case "pin": {
      const r = await pinProduct(tx, sessionId, input.productId);
      return r.ok ? ok([r.eventId]) : refused(r.reason);
    }
    case "unpin": {
      const r = await unpinProduct(tx, sessionId);
      return r.ok ? ok([r.eventId]) : refused(r.reason);
    }
    case "flash-start": {
      const { intent: _intent, price, ...rest } = input;
      const r = await startFlashSale(tx, sessionId, { ...rest, priceFen: price });
      return r.ok ? ok([r.eventId], "studio.flash.started") : flashRefused(r.reason);
    }
    case "flash-end": {
      const r = await endFlashSale(tx, sessionId);
      return r.ok ? ok([r.eventId], "studio.flash.ended") : { status: 404, eventIds: [] };
    }
    case "rotate-key": {
      // The new key is read back by the page's loader (masked until shown), never echoed here.
      const r = await rotateStreamKey(tx, sessionId);
      return r.ok ? ok([], "studio.rotated") : refused(r.reason);
    }
    case "update":
    case "update-text": {
      const full = input.intent === "update";
      const r = await updateLiveSession(tx, sessionId, {
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        descriptionZh: input.descriptionZh,
        descriptionEn: input.descriptionEn,
        scheduledStart: full ? input.scheduledStart : null,
        productIds: full ? input.productIds : null,
      });
      return r.ok ? ok([], "studio.saved") : refused(r.reason);
    }
  }
}
