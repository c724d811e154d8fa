import { expect } from "vitest";
import type { AppContext } from "~/context.server";
import { parseLiveEvent, type LiveEvent } from "~/realtime/live-event";
import { loader } from "~/routes/live.$sessionId.events";

/** An SSE client: the events (and raw text) the route streamed, as a browser would parse them. */
export function openSseClient(context: AppContext, sessionId: string, headers: Record<string, string> = {}, query = "") {
  const abort = new AbortController();
  const events: LiveEvent[] = [];
  let text = "";
  const waiters: Array<() => void> = [];
  const request = new Request(`http://localhost/live/${sessionId}/events${query}`, {
    headers: { Accept: "text/event-stream", ...headers },
    signal: abort.signal,
  });
  const done = (async () => {
    const response = (await loader({ request, params: { sessionId }, context })) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split("\n")
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("\n");
        const event = data ? parseLiveEvent(data) : null;
        if (event) events.push(event);
        waiters.splice(0).forEach((w) => w());
      }
    }
  })();
  return {
    events,
    stored: () => events.filter((e) => e.id !== undefined),
    text: () => text,
    async until(predicate: () => boolean, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: async () => {
      abort.abort();
      await done.catch(() => {});
    },
  };
}
