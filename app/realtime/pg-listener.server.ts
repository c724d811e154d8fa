import pg from "pg";

// The one dedicated LISTEN connection of an app instance (not from the pool: a pooled
// connection is shared, and LISTEN is per connection). On any loss it reconnects with
// capped exponential backoff and jitter, and calls onConnected again, so the caller reads
// from the table what was written while it was deaf.

/** How the listener shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "harvest-live realtime listener";

export type Notification = { channel: string; payload: string };

export type ListenerOptions = {
  connectionString: string;
  channel: string;
  onNotification: (payload: string) => void;
  /** After every (re)connection, once LISTEN is in force. */
  onConnected: (reconnected: boolean) => void;
  onError?: (error: Error) => void;
  /** A round trip this often: a half-open TCP connection is found within one period. */
  pingMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
};

export type Listener = { ready: Promise<void>; close(): Promise<void>; connected(): boolean };

export function backoffMs(attempt: number, min: number, max: number, random = Math.random): number {
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function pgListener(options: ListenerOptions): Listener {
  const { pingMs = 30_000, minBackoffMs = 200, maxBackoffMs = 10_000 } = options;
  const warn = options.onError ?? ((e: Error) => console.warn(`realtime listener: ${e.message}`));
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const lost = (current: pg.Client, error?: Error) => {
    if (client !== current) return;
    client = null;
    clearInterval(pingTimer);
    current.removeAllListeners("notification");
    current.end().catch(() => {});
    if (closed) return;
    if (error) warn(error);
    const wait = backoffMs(attempt++, minBackoffMs, maxBackoffMs);
    retryTimer = setTimeout(connect, wait);
    retryTimer.unref?.();
  };

  async function connect() {
    if (closed) return;
    const current = new pg.Client({
      connectionString: options.connectionString,
      keepAlive: true,
      application_name: LISTENER_APPLICATION_NAME,
    });
    client = current;
    current.on("error", (error) => lost(current, error));
    current.on("end", () => lost(current, new Error("connection ended")));
    current.on("notification", (message) => {
      if (message.channel === options.channel && message.payload !== undefined) options.onNotification(message.payload);
    });
    try {
      await current.connect();
      await current.query(`listen ${pg.escapeIdentifier(options.channel)}`);
    } catch (error) {
      lost(current, error as Error);
      return;
    }
    if (client !== current) return;
    attempt = 0;
    const reconnected = everConnected;
    everConnected = true;
    pingTimer = setInterval(() => {
      current.query("select 1").catch((error: Error) => lost(current, error));
    }, pingMs);
    pingTimer.unref?.();
    options.onConnected(reconnected);
    resolveReady();
  }

  void connect();
  return {
    ready,
    connected: () => client !== null && everConnected,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      const current = client;
      client = null;
      resolveReady();
      await current?.end().catch(() => {});
    },
  };
}
