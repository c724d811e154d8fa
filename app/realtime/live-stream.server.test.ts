import { describe, expect, it, vi } from "vitest";
import type { LiveEvent, StoredLiveEvent } from "./live-event";
import { liveEventStream, streamLimiter } from "./live-stream.server";
import type { LiveEventHandler, RealtimePort } from "./realtime-port.server";

const S = "00000000-0000-4000-8000-00000000000a";
const stored = (id: number): StoredLiveEvent => ({ id, at: "2026-12-02T11:00:00.000Z", type: "chat.hidden", payload: { messageId: S } });

function fakePort(since: number) {
  let handler: LiveEventHandler | undefined;
  const unsubscribe = vi.fn();
  const published: LiveEvent[] = [];
  const port: RealtimePort = {
    kind: "pglite",
    subscribe: async (_s, h) => {
      handler = h;
      // An event arriving live while the replay still runs (buffered, then de-duplicated).
      h(stored(since));
      h(stored(since + 1));
      return { since, unsubscribe };
    },
    announce: async () => {},
    publish: async (_s, e) => {
      published.push(e);
      handler?.(e);
    },
    close: async () => {},
  };
  return { port, unsubscribe, published, push: (e: LiveEvent) => handler?.(e) };
}

async function readUntil(reader: ReadableStreamDefaultReader<string>, done: (text: string) => boolean) {
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += value;
  }
  return text;
}

const decoded = (stream: ReadableStream<Uint8Array>) =>
  stream.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
const idsIn = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe("one viewer's event stream", () => {
  it("replays after Last-Event-ID up to the subscription, then goes live without repeats or gaps", async () => {
    const fake = fakePort(5);
    const abort = new AbortController();
    const presence = vi.fn(async () => ({ viewers: 4, publish: false }));
    const table = [2, 3, 4, 5, 6].map(stored);
    const stream = liveEventStream({
      realtime: fake.port,
      sessionId: S,
      resumeFrom: 2,
      readAfter: async (afterId) => table.filter((e) => e.id > afterId),
      presence,
      signal: abort.signal,
    });
    const reader = decoded(stream).getReader();
    let text = await readUntil(reader, (t) => t.includes('"viewers"'));
    fake.push(stored(6)); // already sent from the buffer
    fake.push(stored(7));
    fake.push({ type: "viewers", payload: { count: 5 } });
    text += await readUntil(reader, (t) => t.includes('"count":5'));
    expect(text.startsWith("retry: 3000\n\n")).toBe(true);
    expect(idsIn(text)).toEqual([3, 4, 5, 6, 7]);
    expect(text).toContain('"count":4');
    abort.abort();
    expect(fake.unsubscribe).toHaveBeenCalledOnce();
    // Leaving waits for a heartbeat in flight, so it lands last.
    await vi.waitFor(() => expect(presence).toHaveBeenLastCalledWith(true));
  });

  it("a first connect starts live at the subscription; a changed count is published, not sent twice", async () => {
    const fake = fakePort(5);
    const abort = new AbortController();
    const stream = liveEventStream({
      realtime: fake.port,
      sessionId: S,
      resumeFrom: null,
      readAfter: async () => {
        throw new Error("no replay on a first connect");
      },
      presence: async () => ({ viewers: 1, publish: true }),
      signal: abort.signal,
    });
    const reader = decoded(stream).getReader();
    const text = await readUntil(reader, (t) => t.includes('"viewers"'));
    expect(idsIn(text)).toEqual([6]);
    expect(fake.published).toEqual([{ type: "viewers", payload: { count: 1 } }]);
    expect(text.match(/"viewers"/g)).toHaveLength(1);
    abort.abort();
  });

  it("closed while its first presence call is in flight: leaves last, and no heartbeat starts after", async () => {
    const fake = fakePort(0);
    const abort = new AbortController();
    let joined!: () => void;
    const calls: boolean[] = [];
    const presence = vi.fn((leaving: boolean) => {
      calls.push(leaving);
      if (leaving) return Promise.resolve(null);
      // The join is slow; the viewer goes away before it lands.
      return new Promise<{ viewers: number; publish: boolean }>((resolve) => (joined = () => resolve({ viewers: 1, publish: false })));
    });
    liveEventStream({
      realtime: fake.port,
      sessionId: S,
      resumeFrom: null,
      readAfter: async () => [],
      presence,
      signal: abort.signal,
      heartbeatMs: 5,
    });
    await vi.waitFor(() => expect(calls).toEqual([false]));
    abort.abort();
    expect(calls).toEqual([false]); // the leave waits for the join in flight
    joined();
    await vi.waitFor(() => expect(calls).toEqual([false, true]));
    await new Promise((resolve) => setTimeout(resolve, 40)); // eight heartbeat periods
    expect(calls).toEqual([false, true]);
  });

  it("sends a heartbeat comment every period", async () => {
    vi.useFakeTimers();
    try {
      const fake = fakePort(0);
      const abort = new AbortController();
      const stream = liveEventStream({
        realtime: fake.port,
        sessionId: S,
        resumeFrom: null,
        readAfter: async () => [],
        presence: async () => ({ viewers: 1, publish: false }),
        signal: abort.signal,
        heartbeatMs: 1_000,
      });
      const reader = decoded(stream).getReader();
      await readUntil(reader, (t) => t.includes('"viewers"'));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await readUntil(reader, (t) => t.includes(": heartbeat"))).toContain(": heartbeat\n\n");
      abort.abort();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the per-instance stream cap", () => {
  it("admits up to the cap and frees a slot once per release", () => {
    const limiter = streamLimiter(2);
    const a = limiter.admit()!;
    limiter.admit();
    expect(limiter.admit()).toBeNull();
    a();
    a();
    expect(limiter.open()).toBe(1);
    expect(limiter.admit()).not.toBeNull();
  });
});
