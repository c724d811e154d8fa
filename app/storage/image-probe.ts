// Reads what an uploaded file really is from its first bytes: the browser's declared type
// and the file name are the uploader's claims, so they are never consulted. Pure (no I/O),
// so it runs the same in the action, in tests and anywhere else.

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Larger than any product photo needs; keeps decoders (ours and the browser's) cheap. */
export const MAX_IMAGE_SIDE = 6000;

export type ImageKind = "png" | "jpeg" | "webp";
export const IMAGE_TYPES: Record<ImageKind, { contentType: string; ext: string }> = {
  png: { contentType: "image/png", ext: "png" },
  jpeg: { contentType: "image/jpeg", ext: "jpg" },
  webp: { contentType: "image/webp", ext: "webp" },
};

export type ImageProbe =
  | { ok: true; kind: ImageKind; contentType: string; ext: string; width: number; height: number }
  | { ok: false; error: "empty" | "too_large" | "unsupported" | "unreadable" | "too_many_pixels" };

type Size = { width: number; height: number } | null;

const ascii = (b: Uint8Array, at: number, text: string) =>
  at + text.length <= b.length && [...text].every((c, i) => b[at + i] === c.charCodeAt(0));
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function kindOf(b: Uint8Array): ImageKind | null {
  if (PNG_SIGNATURE.every((v, i) => b[i] === v)) return "png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "webp";
  return null;
}

/** The first chunk after the signature must be IHDR (13 bytes): width, height as big-endian u32. */
function pngSize(b: Uint8Array): Size {
  if (b.length < 24 || u32be(b, 8) !== 13 || !ascii(b, 12, "IHDR")) return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Walks the marker segments up to the first SOFn (before the scan data starts). */
function jpegSize(b: Uint8Array): Size {
  let at = 2;
  let orientation = 1;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1;
      continue;
    } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    } // no length
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / scan before any frame header
    const length = u16be(b, at + 2);
    if (length < 2 || at + 2 + length > b.length) return null;
    if (marker === 0xe1) orientation = exifOrientation(b.subarray(at + 4, at + 2 + length)) ?? orientation;
    if (isSof(marker)) {
      if (length < 8) return null;
      const height = u16be(b, at + 5);
      const width = u16be(b, at + 7);
      // Orientations 5–8 are rotated by 90°: browsers draw the image with its sides swapped.
      return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
    }
    at += 2 + length;
  }
  return null;
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment, if any. */
function exifOrientation(app1: Uint8Array): number | null {
  if (!ascii(app1, 0, "Exif\0\0")) return null;
  const tiff = app1.subarray(6);
  const little = ascii(tiff, 0, "II");
  if (!little && !ascii(tiff, 0, "MM")) return null;
  const u16 = (at: number) => (at + 2 <= tiff.length ? (little ? u16le(tiff, at) : u16be(tiff, at)) : -1);
  const u32 = (at: number) =>
    at + 4 <= tiff.length ? (little ? (u16le(tiff, at) | (u16le(tiff, at + 2) << 16)) >>> 0 : u32be(tiff, at)) : -1;
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 8 || count < 0) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return null;
}

/** Simple lossy (VP8), simple lossless (VP8L) or extended (VP8X) WebP. */
function webpSize(b: Uint8Array): Size {
  if (b.length < 30) return null;
  if (ascii(b, 12, "VP8 ")) {
    // Frame tag (3 bytes), then the key-frame start code 9D 01 2A and 14-bit sizes.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (ascii(b, 12, "VP8L")) {
    if (b[20] !== 0x2f) return null;
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, "VP8X")) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

const SIZE_READERS: Record<ImageKind, (b: Uint8Array) => Size> = { png: pngSize, jpeg: jpegSize, webp: webpSize };

/** What the bytes are, and their displayed size, or why they cannot be a product photo. */
export function probeImage(bytes: Uint8Array): ImageProbe {
  if (bytes.length === 0) return { ok: false, error: "empty" };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, error: "too_large" };
  const kind = kindOf(bytes);
  if (!kind) return { ok: false, error: "unsupported" };
  const size = SIZE_READERS[kind](bytes);
  if (!size || size.width < 1 || size.height < 1) return { ok: false, error: "unreadable" };
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) return { ok: false, error: "too_many_pixels" };
  return { ok: true, kind, ...IMAGE_TYPES[kind], ...size };
}
