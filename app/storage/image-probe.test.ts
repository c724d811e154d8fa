import { describe, expect, it } from "vitest";
import {
  JPEG_3x2,
  jpegWithOrientation,
  PNG_2x3,
  pngHeader,
  WEBP_EXTENDED_9x8,
  WEBP_LOSSLESS_5x4,
  WEBP_LOSSY_7x6,
} from "../../tests/fixtures/images";
import { MAX_IMAGE_BYTES, probeImage } from "./image-probe";

const withTail = (head: Uint8Array, total: number) => {
  const out = new Uint8Array(total);
  out.set(head);
  return out;
};

describe("probeImage", () => {
  it.each([
    ["PNG", PNG_2x3, "png", "image/png", "png", 2, 3],
    ["JPEG", JPEG_3x2, "jpeg", "image/jpeg", "jpg", 3, 2],
    ["lossy WebP", WEBP_LOSSY_7x6, "webp", "image/webp", "webp", 7, 6],
    ["lossless WebP", WEBP_LOSSLESS_5x4, "webp", "image/webp", "webp", 5, 4],
    ["extended WebP", WEBP_EXTENDED_9x8, "webp", "image/webp", "webp", 9, 8],
  ])("reads a real %s: type from the bytes and its size", (_name, bytes, kind, contentType, ext, width, height) => {
    expect(probeImage(bytes)).toEqual({ ok: true, kind, contentType, ext, width, height });
  });

  it("swaps width and height for JPEGs whose Exif orientation rotates them by 90°", () => {
    expect(probeImage(jpegWithOrientation(6))).toMatchObject({ width: 2, height: 3 });
    expect(probeImage(jpegWithOrientation(8, true))).toMatchObject({ width: 2, height: 3 });
    expect(probeImage(jpegWithOrientation(3))).toMatchObject({ width: 3, height: 2 }); // 180°: same sides
  });

  it("refuses what is not PNG, JPEG or WebP, whatever its name would say", () => {
    const text = new TextEncoder().encode("definitely a photo, trust me");
    expect(probeImage(text)).toEqual({ ok: false, error: "unsupported" });
    const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    expect(probeImage(gif)).toEqual({ ok: false, error: "unsupported" });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(probeImage(svg)).toEqual({ ok: false, error: "unsupported" });
  });

  it("refuses empty and oversized files before looking inside", () => {
    expect(probeImage(new Uint8Array())).toEqual({ ok: false, error: "empty" });
    expect(probeImage(withTail(PNG_2x3, MAX_IMAGE_BYTES + 1))).toEqual({ ok: false, error: "too_large" });
    expect(probeImage(withTail(PNG_2x3, MAX_IMAGE_BYTES))).toMatchObject({ ok: true }); // exactly 2 MB is fine
  });

  it("refuses images larger than 6000 × 6000 pixels, and zero-sized ones", () => {
    expect(probeImage(pngHeader(6000, 6000))).toMatchObject({ ok: true, width: 6000, height: 6000 });
    expect(probeImage(pngHeader(6001, 10))).toEqual({ ok: false, error: "too_many_pixels" });
    expect(probeImage(pngHeader(10, 40_000))).toEqual({ ok: false, error: "too_many_pixels" });
    expect(probeImage(pngHeader(0, 10))).toEqual({ ok: false, error: "unreadable" });
  });

  it("calls a right signature with a broken or cut-off header unreadable", () => {
    expect(probeImage(PNG_2x3.subarray(0, 20))).toEqual({ ok: false, error: "unreadable" });
    expect(probeImage(JPEG_3x2.subarray(0, 100))).toEqual({ ok: false, error: "unreadable" }); // cut before SOF0
    expect(probeImage(WEBP_LOSSY_7x6.subarray(0, 24))).toEqual({ ok: false, error: "unreadable" });
    const noStartCode = WEBP_LOSSY_7x6.slice();
    noStartCode[23] = 0;
    expect(probeImage(noStartCode)).toEqual({ ok: false, error: "unreadable" });
    const unknownChunk = WEBP_LOSSLESS_5x4.slice();
    unknownChunk.set(new TextEncoder().encode("ANIM"), 12);
    expect(probeImage(unknownChunk)).toEqual({ ok: false, error: "unreadable" });
    // A JPEG whose scan starts without a frame header.
    expect(probeImage(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0]))).toEqual({ ok: false, error: "unreadable" });
  });
});
