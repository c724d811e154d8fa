import { ws } from "msw";

// A stand-in for Supabase Realtime's Broadcast behind msw's WebSocket interception (works
// on Node 20 only with --experimental-websocket, so realtime-js uses the global WebSocket).
// It speaks the Phoenix v2 serializer as realtime-js 2.109 does: JSON text frames
// `[join_ref, ref, topic, event, payload]`, answering phx_join / phx_leave / heartbeat with
// phx_reply {status: "ok"}; a client's broadcast arrives as a binary "user broadcast push"
// (kind 3) and is relayed, as a JSON broadcast frame, to every *other* client joined to the
// topic (broadcast.self false), like the real service. An apikey other than the project's
// is refused at join.

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

const USER_BROADCAST_PUSH = 3;

/** Decodes realtime-js's binary broadcast push: topic, event and the JSON payload. */
function decodeBroadcastPush(buffer: ArrayBuffer): { topic: string; event: string; payload: unknown } | null {
  const view = new DataView(buffer);
  if (view.getUint8(0) !== USER_BROADCAST_PUSH) return null;
  const [joinRef, ref, topic, event, meta] = [1, 2, 3, 4, 5].map((i) => view.getUint8(i));
  const encoding = view.getUint8(6);
  const decoder = new TextDecoder();
  let offset = 7 + joinRef + ref;
  const text = (length: number) => decoder.decode(buffer.slice(offset, (offset += length)));
  const topicName = text(topic);
  const eventName = text(event);
  text(meta);
  const body = buffer.slice(offset);
  return { topic: topicName, event: eventName, payload: encoding === 1 ? JSON.parse(decoder.decode(body)) : body };
}

export function createSupabaseRealtimeMock(options: { url: string; anonKey: string }) {
  const host = new URL(options.url).host;
  const realtime = ws.link(`wss://${host}/realtime/v1/websocket*`);
  /** Topics each client joined, and every relayed broadcast (for assertions). */
  const joined = new Map<string, Set<string>>();
  const relayed: Array<{ topic: string; event: string; payload: unknown }> = [];
  let refused = 0;

  const handler = realtime.addEventListener("connection", ({ client }) => {
    const apikey = client.url.searchParams.get("apikey");
    const topics = new Set<string>();
    joined.set(client.id, topics);
    client.addEventListener("close", () => joined.delete(client.id));
    const reply = (frame: Frame, status: "ok" | "error", response: Record<string, unknown> = {}) =>
      client.send(JSON.stringify([frame[0], frame[1], frame[2], "phx_reply", { status, response }]));

    client.addEventListener("message", async (message) => {
      if (typeof message.data !== "string") {
        const data = message.data instanceof Blob ? await message.data.arrayBuffer() : message.data;
        const bytes =
          data instanceof ArrayBuffer
            ? data
            : ArrayBuffer.isView(data)
              ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer
              : null;
        const push = bytes ? decodeBroadcastPush(bytes) : null;
        if (!push || !topics.has(push.topic)) return;
        relayed.push(push);
        const frame = JSON.stringify([
          null,
          null,
          push.topic,
          "broadcast",
          { type: "broadcast", event: push.event, payload: push.payload },
        ]);
        for (const other of realtime.clients) {
          if (other.id !== client.id && joined.get(other.id)?.has(push.topic)) other.send(frame);
        }
        return;
      }
      const frame = JSON.parse(message.data) as Frame;
      const [, , topic, event] = frame;
      if (event === "heartbeat") return reply(frame, "ok");
      if (event === "phx_join") {
        if (apikey !== options.anonKey) {
          refused++;
          return reply(frame, "error", { reason: "Invalid API key" });
        }
        topics.add(topic);
        return reply(frame, "ok", { postgres_changes: [] });
      }
      if (event === "phx_leave") {
        topics.delete(topic);
        return reply(frame, "ok");
      }
      if (event === "access_token") return;
    });
  });

  return { handlers: [handler], joined, relayed, refusedJoins: () => refused };
}
