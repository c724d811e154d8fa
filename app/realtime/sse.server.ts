import type { LiveEvent } from "./live-event";

// The text/event-stream framing (WHATWG HTML, "server-sent events"). Our data is one line
// of JSON, but a field must never carry a raw newline, so every line is framed on its own.

const field = (name: string, value: string) =>
  value
    .split(/\r\n|\r|\n/)
    .map((line) => `${name}: ${line}\n`)
    .join("");

/** One event: `id:` (stored events only, what Last-Event-ID resumes from) and `data:`. */
export function encodeSseEvent(event: LiveEvent): string {
  const id = event.id === undefined ? "" : field("id", String(event.id));
  return `${id}${field("data", JSON.stringify(event))}\n`;
}

/** A comment line: keeps proxies and load balancers from closing an idle stream. */
export const sseComment = (text: string) => `: ${text.replace(/[\r\n]+/g, " ")}\n\n`;

/** How long the browser waits before reconnecting. */
export const sseRetry = (ms: number) => `retry: ${Math.max(0, Math.round(ms))}\n\n`;

/** The id a client resumes from: Last-Event-ID (what EventSource sends), or ?lastEventId= on a first connect. */
export function resumeIdOf(request: Request): number | null {
  const raw = request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return Number.isSafeInteger(id) ? id : null;
}
