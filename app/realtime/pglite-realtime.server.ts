import type { LiveEvent } from "./live-event";
import { eventHub, every, type RealtimePort, type StoredEventReader } from "./realtime-port.server";

// The embedded database: one process, one PGlite backend, so every writer is this process.
// The data port does not expose PGlite's own listen() (app/db wraps the instance), so a
// publish after commit signals the hub at once, and a short poll of the watched sessions
// (one indexed read each) catches events written without a publish (e.g. from a script).

export function pgliteRealtime(reader: StoredEventReader, pollMs = 500): RealtimePort {
  const hub = eventHub(reader);
  const stopPoll = every(pollMs, () => hub.signalAll());
  return {
    kind: "pglite",
    subscribe: (sessionId, handler) => hub.subscribe(sessionId, handler),
    async announce(sessionId: string) {
      hub.signal(sessionId);
    },
    async publish(sessionId: string, event: LiveEvent) {
      hub.deliver(sessionId, event);
    },
    async close() {
      stopPoll();
    },
  };
}
