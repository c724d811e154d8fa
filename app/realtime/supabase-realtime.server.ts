import { createClient, type RealtimeChannel, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import ws from "ws";
import { toLiveEvent, type LiveEvent } from "./live-event";
import { eventHub, every, type RealtimePort, type StoredEventReader } from "./realtime-port.server";

// Supabase Realtime Broadcast as the signal between app instances: for deployments where
// instances cannot hold a LISTEN connection to one Postgres (Supabase's transaction
// pooler does not carry LISTEN; many instances or regions). Channel `live:<sessionId>`,
// event `live`, payload either {id} (a stored event committed: read it from the table, in
// order) or {event} (ephemeral: viewers). The table stays the order and the memory; a lost
// broadcast is caught by the join catch-up and the sweep.

const BROADCAST_EVENT = "live";
const JOIN_TIMEOUT_MS = 10_000;

type Message = { id?: number; event?: unknown };

// Node 20 has no global WebSocket (realtime-js throws without a transport); with
// --experimental-websocket it has one, and that is what msw intercepts in tests (looked up
// when the client is made: msw replaces the global once its server listens).
const transport = () => ((globalThis as { WebSocket?: unknown }).WebSocket ?? ws) as unknown as WebSocketLikeConstructor;

export type SupabaseRealtimeOptions = { url: string; anonKey: string; reader: StoredEventReader; sweepMs?: number };

export function supabaseRealtime({ url, anonKey, reader, sweepMs = 5_000 }: SupabaseRealtimeOptions): RealtimePort {
  const hub = eventHub(reader);
  const client = createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: transport() },
  });
  const channels = new Map<string, { channel: RealtimeChannel; joined: Promise<void> }>();

  function channelFor(sessionId: string) {
    const existing = channels.get(sessionId);
    if (existing) return existing;
    const channel = client.channel(`live:${sessionId}`, { config: { broadcast: { self: false, ack: false } } });
    channel.on("broadcast", { event: BROADCAST_EVENT }, ({ payload }: { payload: Message }) => {
      if (payload?.event !== undefined) {
        const event = toLiveEvent(payload.event);
        if (event && event.id === undefined) hub.deliver(sessionId, event);
      } else {
        hub.signal(sessionId);
      }
    });
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`realtime: joining live:${sessionId} timed out`)), JOIN_TIMEOUT_MS);
      timer.unref?.();
      channel.subscribe((status, error) => {
        if (status === "SUBSCRIBED") {
          clearTimeout(timer);
          resolve();
          // (Re)joined: whatever was broadcast while this channel was away is in the table.
          hub.signal(sessionId);
        } else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") {
          clearTimeout(timer);
          reject(error ?? new Error(`realtime: live:${sessionId} ${status}`));
        }
      });
    });
    const entry = { channel, joined };
    channels.set(sessionId, entry);
    joined.catch(() => {
      if (channels.get(sessionId) === entry) channels.delete(sessionId);
      void client.removeChannel(channel);
    });
    return entry;
  }

  async function send(sessionId: string, payload: Message) {
    const { channel, joined } = channelFor(sessionId);
    await joined;
    const answer = await channel.send({ type: "broadcast", event: BROADCAST_EVENT, payload });
    if (answer !== "ok") throw new Error(`realtime: broadcast to live:${sessionId} answered ${answer}`);
  }

  const stopSweep = every(sweepMs, () => hub.signalAll());
  return {
    kind: "supabase",
    async subscribe(sessionId, handler) {
      await channelFor(sessionId).joined;
      const subscription = await hub.subscribe(sessionId, handler);
      return subscription;
    },
    // Broadcast does not echo to its sender (self: false): this instance's viewers are told directly.
    async announce(sessionId: string, eventId: number) {
      await send(sessionId, { id: eventId });
      hub.signal(sessionId);
    },
    async publish(sessionId: string, event: LiveEvent) {
      await send(sessionId, { event });
      hub.deliver(sessionId, event);
    },
    async close() {
      stopSweep();
      await client.removeAllChannels();
      channels.clear();
    },
  };
}
