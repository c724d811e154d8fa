import type { LiveEvent, StoredLiveEvent } from "./live-event";

// The realtime port: events of one live session (its channel) reach every app instance
// that has a viewer of it. Adapters (see realtime-provider.server.ts):
// - postgres: LISTEN/NOTIFY on one dedicated connection per instance (the default);
// - pglite: the same in one process (PGlite has one backend; the port polls the table);
// - supabase: Supabase Realtime Broadcast as the signal between instances.
// Stored events are always read from public.live_events, in id order, by the hub below:
// a signal only says "session S has news". So a lost signal, a dropped LISTEN connection
// or two writers' signals arriving out of order cost latency, never an event.

export type LiveEventHandler = (event: LiveEvent) => void;

export interface RealtimePort {
  readonly kind: "postgres" | "pglite" | "supabase";
  /**
   * Calls `handler` with every stored event of the session after the moment it resolves
   * (in id order, each once) and with every ephemeral event (viewers). Returns the
   * unsubscribe function and the newest stored id at that moment: a stream replays what
   * came before from the table, up to and including that id, with no gap and no repeat.
   */
  subscribe(sessionId: string, handler: LiveEventHandler): Promise<{ unsubscribe: () => void; since: number }>;
  /**
   * After the transaction that stored an event committed (pinProduct's eventId): tells
   * every instance. A no-op where the insert trigger's NOTIFY already did.
   */
  announce(sessionId: string, eventId: number): Promise<void>;
  /** An ephemeral event (viewers, no id), to every instance's subscribers as it is. */
  publish(sessionId: string, event: LiveEvent): Promise<void>;
  close(): Promise<void>;
}

/** How the hub reads the table (as anon: what any viewer may see). */
export interface StoredEventReader {
  latestId(sessionId: string): Promise<number>;
  after(sessionId: string, afterId: number, limit: number): Promise<StoredLiveEvent[]>;
}

type Channel = { handlers: Set<LiveEventHandler>; cursor: number; ready: Promise<void>; draining: boolean; again: boolean };

const PAGE = 500;

/** Per-session subscribers and their cursor; the adapters feed it signals. */
export function eventHub(reader: StoredEventReader, onError: (error: unknown) => void = (e) => console.warn("realtime:", e)) {
  const channels = new Map<string, Channel>();

  async function drain(sessionId: string, channel: Channel) {
    if (channel.draining) {
      channel.again = true;
      return;
    }
    channel.draining = true;
    try {
      do {
        channel.again = false;
        let page: StoredLiveEvent[];
        do {
          page = await reader.after(sessionId, channel.cursor, PAGE);
          for (const event of page) {
            channel.cursor = event.id;
            for (const handler of channel.handlers) handler(event);
          }
        } while (page.length === PAGE);
      } while (channel.again && channels.get(sessionId) === channel);
    } catch (error) {
      onError(error);
    } finally {
      channel.draining = false;
    }
  }

  return {
    async subscribe(sessionId: string, handler: LiveEventHandler) {
      let channel = channels.get(sessionId);
      if (!channel) {
        const created: Channel = { handlers: new Set(), cursor: 0, ready: Promise.resolve(), draining: false, again: false };
        created.ready = reader.latestId(sessionId).then((id) => {
          created.cursor = id;
        });
        channels.set(sessionId, created);
        channel = created;
      }
      try {
        await channel.ready;
      } catch (error) {
        if (channels.get(sessionId) === channel && channel.handlers.size === 0) channels.delete(sessionId);
        throw error;
      }
      channel.handlers.add(handler);
      const current = channel;
      return {
        since: channel.cursor,
        unsubscribe: () => {
          current.handlers.delete(handler);
          if (current.handlers.size === 0 && channels.get(sessionId) === current) channels.delete(sessionId);
        },
      };
    },
    /** Session S has stored news (a NOTIFY, a broadcast, a poll). */
    signal(sessionId: string) {
      const channel = channels.get(sessionId);
      if (channel) void channel.ready.then(() => drain(sessionId, channel));
    },
    /** After a reconnect, or on a sweep: read what every watched session missed. */
    signalAll() {
      for (const sessionId of channels.keys()) this.signal(sessionId);
    },
    /** An ephemeral event, to this instance's subscribers. */
    deliver(sessionId: string, event: LiveEvent) {
      for (const handler of channels.get(sessionId)?.handlers ?? []) handler(event);
    },
    sessions: () => [...channels.keys()],
  };
}

export type EventHub = ReturnType<typeof eventHub>;

/** Runs `fn` every `ms` until stopped (unref'd: it never keeps a process alive). */
export function every(ms: number, fn: () => void): () => void {
  const timer = setInterval(fn, ms);
  timer.unref?.();
  return () => clearInterval(timer);
}
