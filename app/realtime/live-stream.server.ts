import type { LiveEvent, StoredLiveEvent } from "./live-event";
import type { RealtimePort } from "./realtime-port.server";
import { encodeSseEvent, sseComment, sseRetry } from "./sse.server";

// One viewer's event stream: subscribe first (buffering), replay from the table what came
// after the client's Last-Event-ID up to the subscription's starting point, then go live —
// so a reconnecting client receives exactly what it missed, once, in order. A heartbeat
// comment and the viewer's presence every HEARTBEAT_MS; everything is released when the
// client leaves.

export const HEARTBEAT_MS = 15_000;
export const RETRY_MS = 3_000;
/** A client this far behind (queued chunks) is dropped; it reconnects and resumes from the table. */
const MAX_QUEUED = 1_000;
const REPLAY_PAGE = 500;

export type LiveStreamOptions = {
  realtime: RealtimePort;
  sessionId: string;
  /** null: a first connect without lastEventId (the page rendered the current state). */
  resumeFrom: number | null;
  readAfter: (afterId: number, limit: number) => Promise<StoredLiveEvent[]>;
  /** A heartbeat (or leaving): the current viewer count, and whether to publish it. */
  presence: (leaving: boolean) => Promise<{ viewers: number; publish: boolean } | null>;
  signal: AbortSignal;
  onClose?: () => void;
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
};

// One event goes to every stream of the instance: encode it once, not once per viewer.
const encoder = new TextEncoder();
const encoded = new WeakMap<LiveEvent, Uint8Array>();
function bytesOf(event: LiveEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) encoded.set(event, (bytes = encoder.encode(encodeSseEvent(event))));
  return bytes;
}

export function liveEventStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const { realtime, sessionId, signal, heartbeatMs = HEARTBEAT_MS } = options;
  const warn = options.onError ?? ((e: unknown) => console.warn("live stream:", e instanceof Error ? e.message : e));
  let closed = false;
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // The heartbeat's presence call in flight: leaving waits for it, or a heartbeat landing after
  // the leave would count the viewer again until the row expires (40 s).
  let beating: Promise<unknown> = Promise.resolve();

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    unsubscribe();
    signal.removeEventListener("abort", close);
    beating
      .catch(() => undefined)
      .then(() => options.presence(true))
      .catch(warn);
    options.onClose?.();
    try {
      controller.close();
    } catch {
      // already closed or errored by the runtime
    }
  };

  const send = (chunk: string | Uint8Array) => {
    if (closed) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return close();
    controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
  };

  let lastSent = 0;
  let live = false;
  const pending: LiveEvent[] = [];
  const emit = (event: LiveEvent) => {
    if (event.id !== undefined) {
      if (event.id <= lastSent) return;
      lastSent = event.id;
    }
    send(bytesOf(event));
  };
  const onEvent = (event: LiveEvent) => (live ? emit(event) : pending.push(event));

  const beat = async (first: boolean) => {
    if (closed) return;
    const call = options.presence(false);
    beating = call;
    const presence = await call;
    if (closed || !presence) return;
    const viewers: LiveEvent = { type: "viewers", payload: { count: presence.viewers } };
    if (presence.publish) await realtime.publish(sessionId, viewers);
    // A newcomer learns the count now; others hear it when it changes.
    else if (first) emit(viewers);
    if (!first) send(sseComment("heartbeat"));
  };

  async function begin() {
    send(sseRetry(RETRY_MS));
    const subscription = await realtime.subscribe(sessionId, onEvent);
    unsubscribe = subscription.unsubscribe;
    if (closed) return unsubscribe();
    if (options.resumeFrom === null) {
      lastSent = subscription.since;
    } else {
      lastSent = options.resumeFrom;
      // Up to the subscription's start; later ones are in `pending` (emit skips repeats).
      while (!closed && lastSent < subscription.since) {
        const page = await options.readAfter(lastSent, REPLAY_PAGE);
        const before = page.filter((event) => event.id <= subscription.since);
        for (const event of before) emit(event);
        if (page.length < REPLAY_PAGE || before.length < page.length) break;
      }
    }
    live = true;
    for (const event of pending.splice(0)) emit(event);
    await beat(true);
    // Closed while the first beat was in flight: no heartbeat may start after close().
    if (!closed) timer = setInterval(() => void beat(false).catch(warn), heartbeatMs);
  }

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      begin().catch((error) => {
        warn(error);
        close();
      });
    },
    cancel: close,
  });
}

/** Open streams per instance (a cap: each holds a socket and a subscription). */
export function streamLimiter(max: number) {
  let open = 0;
  return {
    /** A release function, or null when the instance is full. */
    admit(): (() => void) | null {
      if (open >= max) return null;
      open++;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          open--;
        }
      };
    },
    open: () => open,
  };
}
