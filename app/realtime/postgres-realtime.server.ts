import type { Database } from "~/db/database.server";
import { toLiveEvent, type LiveEvent } from "./live-event";
import { pgListener } from "./pg-listener.server";
import { eventHub, every, type RealtimePort, type StoredEventReader } from "./realtime-port.server";

// LISTEN/NOTIFY: the live_events insert trigger NOTIFYs {id, s}; ephemeral events (viewers)
// are NOTIFYd whole as {s, e} (a few dozen bytes, far below NOTIFY's 8 KB). Every instance
// holds one LISTEN connection and reads the rows of the sessions its viewers watch.

export const LIVE_EVENTS_CHANNEL = "live_events";

const READY_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Note = { id?: number; s?: string; e?: unknown };

function parseNote(payload: string): Note | null {
  try {
    const note = JSON.parse(payload) as Note;
    return note && typeof note.s === "string" ? note : null;
  } catch {
    return null;
  }
}

export function postgresRealtime(db: Database, connectionString: string, reader: StoredEventReader): RealtimePort {
  const hub = eventHub(reader);
  const listener = pgListener({
    connectionString,
    channel: LIVE_EVENTS_CHANNEL,
    onNotification(payload) {
      const note = parseNote(payload);
      if (!note) return;
      if (note.e === undefined) return hub.signal(note.s!);
      const event = toLiveEvent(note.e);
      if (event && event.id === undefined) hub.deliver(note.s!, event);
    },
    // Whatever was committed while this instance was deaf is read from the table now.
    onConnected: (reconnected) => reconnected && hub.signalAll(),
  });
  // A safety net for a NOTIFY lost in a way the listener cannot see (it costs one indexed
  // read per watched session per period, per instance).
  const stopSweep = every(30_000, () => hub.signalAll());
  return {
    kind: "postgres",
    async subscribe(sessionId, handler) {
      // Never subscribe deaf; a database that stays away fails the stream (the browser retries).
      await withTimeout(listener.ready, READY_TIMEOUT_MS, "realtime: the LISTEN connection is not up");
      return hub.subscribe(sessionId, handler);
    },
    // The insert trigger has NOTIFYd it already.
    announce: async () => {},
    async publish(sessionId: string, event: LiveEvent) {
      await db.query("select pg_notify($1, $2)", [LIVE_EVENTS_CHANNEL, JSON.stringify({ s: sessionId, e: event })]);
    },
    async close() {
      stopSweep();
      await listener.close();
    },
  };
}
