import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The illustrations under public/images (product, cooperative and session pictures the seed
// points at) change only with a release, but their URLs are stored in the database and so
// cannot carry a build hash. Pages link them as `/images/…?v=<content hash>` instead, and the
// server caches a request for a year, immutable, when its `v` is the file's current hash (any
// other `v`, or none, gets the old hour): a changed picture is a new URL, never a stale one.

const IMAGES_ROOT = path.resolve("public/images");
let versions: Map<string, string> | null = null;

/** `/images/…` path → first 12 hex of its SHA-256, read once per process (a few dozen small files). */
function imageVersions(): Map<string, string> {
  if (versions) return versions;
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        const url = `/images/${path.relative(IMAGES_ROOT, file).split(path.sep).join("/")}`;
        found.set(url, createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 12));
      }
    }
  };
  try {
    walk(IMAGES_ROOT);
  } catch {
    // no public/images (a trimmed deployment): nothing is versioned
  }
  versions = found;
  return found;
}

/** The URL to link a site image by: with its version when it is one of public/images, else as given. */
export function versionedAsset(src: string): string;
export function versionedAsset(src: string | null): string | null;
export function versionedAsset(src: string | null): string | null {
  if (!src?.startsWith("/images/") || src.includes("?")) return src;
  const version = imageVersions().get(src);
  return version ? `${src}?v=${version}` : src;
}

/** Whether a request for this file under public/images names its current version (then it may be cached for a year). */
export function isCurrentImageVersion(filePath: string, requested: unknown): boolean {
  if (typeof requested !== "string") return false;
  const url = `/images/${path.relative(IMAGES_ROOT, path.resolve(filePath)).split(path.sep).join("/")}`;
  return imageVersions().get(url) === requested;
}

/** A page's image with its versioned URL. */
export const versionedImage = <T extends { src: string }>(image: T): T => ({ ...image, src: versionedAsset(image.src) });
