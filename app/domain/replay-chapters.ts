// Shoppable replays: every pin made while live was recorded with its stream time, so the
// replay can show each product card from the moment it was pinned and list "jump to"
// chapters. Pure: the live page and its tests share it.

export type RecordedPin = { pinId: number; productId: string; offsetMs: number | null; durationMs: number | null };
export type ReplayChapter = { pinId: number; productId: string; startMs: number; endMs: number | null };

/** The chapters in stream order; a pin made before going live starts at 0. */
export function replayChapters(pins: readonly RecordedPin[]): ReplayChapter[] {
  return pins
    .map((p) => {
      const startMs = Math.max(0, p.offsetMs ?? 0);
      return { pinId: p.pinId, productId: p.productId, startMs, endMs: p.durationMs === null ? null : startMs + Math.max(0, p.durationMs) };
    })
    .sort((a, b) => a.startMs - b.startMs || a.pinId - b.pinId);
}

/** The chapter whose product was pinned at stream time `ms`, if any (the latest started). */
export function chapterAt(chapters: readonly ReplayChapter[], ms: number): ReplayChapter | null {
  let found: ReplayChapter | null = null;
  for (const c of chapters) {
    if (c.startMs > ms) break;
    if (c.endMs === null || ms < c.endMs) found = c;
  }
  return found;
}
