import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chapterAt, replayChapters, type RecordedPin } from "./replay-chapters";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

describe("replay chapters", () => {
  const chapters = replayChapters([
    { pinId: 2, productId: B, offsetMs: 9_000, durationMs: 6_000 },
    { pinId: 1, productId: A, offsetMs: 2_000, durationMs: 6_000 },
  ]);

  it("are in stream order, each from its pin to its unpin", () => {
    expect(chapters).toEqual([
      { pinId: 1, productId: A, startMs: 2_000, endMs: 8_000 },
      { pinId: 2, productId: B, startMs: 9_000, endMs: 15_000 },
    ]);
  });

  it("show the product pinned at that moment, and nothing between pins", () => {
    expect(chapterAt(chapters, 0)).toBeNull();
    expect(chapterAt(chapters, 2_000)?.productId).toBe(A);
    expect(chapterAt(chapters, 7_999)?.productId).toBe(A);
    expect(chapterAt(chapters, 8_500)).toBeNull();
    expect(chapterAt(chapters, 9_000)?.productId).toBe(B);
    expect(chapterAt(chapters, 60_000)).toBeNull();
  });

  it("start a pin made before going live at 0 and keep a pin still open to the end", () => {
    const [early] = replayChapters([{ pinId: 5, productId: A, offsetMs: null, durationMs: null }]);
    expect(early).toEqual({ pinId: 5, productId: A, startMs: 0, endMs: null });
    expect(chapterAt([early], 3_600_000)?.pinId).toBe(5);
  });

  it("always answer a chapter that contains the moment (property)", () => {
    const pin = fc.record({
      pinId: fc.integer({ min: 1, max: 1000 }),
      productId: fc.constantFrom(A, B),
      offsetMs: fc.option(fc.integer({ min: 0, max: 100_000 })),
      durationMs: fc.option(fc.integer({ min: 0, max: 20_000 })),
    });
    fc.assert(
      fc.property(fc.array(pin, { maxLength: 12 }), fc.integer({ min: 0, max: 130_000 }), (pins: RecordedPin[], ms) => {
        const list = replayChapters(pins);
        for (let i = 1; i < list.length; i++) expect(list[i].startMs).toBeGreaterThanOrEqual(list[i - 1].startMs);
        const c = chapterAt(list, ms);
        if (c) {
          expect(c.startMs).toBeLessThanOrEqual(ms);
          if (c.endMs !== null) expect(ms).toBeLessThan(c.endMs);
        } else {
          expect(list.some((x) => x.startMs <= ms && (x.endMs === null || ms < x.endMs))).toBe(false);
        }
      }),
    );
  });
});
