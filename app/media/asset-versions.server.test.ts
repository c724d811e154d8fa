import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isCurrentImageVersion, versionedAsset } from "./asset-versions.server";

describe("versioned site images", () => {
  const product = `/images/products/${readdirSync("public/images/products")[0]}`;

  it("links a picture under public/images with its content hash, and nothing else", () => {
    expect(versionedAsset(product)).toMatch(new RegExp(`^${product.replace(/[.]/g, "\\.")}\\?v=[0-9a-f]{12}$`));
    expect(versionedAsset(product)).toBe(versionedAsset(product)); // stable
    expect(versionedAsset("/images/products/not-there.svg")).toBe("/images/products/not-there.svg");
    expect(versionedAsset("/uploads/abc.webp")).toBe("/uploads/abc.webp");
    expect(versionedAsset("https://example.supabase.co/storage/v1/x.webp")).toBe("https://example.supabase.co/storage/v1/x.webp");
    expect(versionedAsset(null)).toBeNull();
  });

  it("knows a request for the current version from an old or a made-up one", () => {
    const version = versionedAsset(product).split("?v=")[1];
    const file = `public${product}`;
    expect(isCurrentImageVersion(file, version)).toBe(true);
    expect(isCurrentImageVersion(file, "000000000000")).toBe(false);
    expect(isCurrentImageVersion(file, undefined)).toBe(false);
    expect(isCurrentImageVersion(file, [version])).toBe(false);
    expect(isCurrentImageVersion("public/robots.txt", version)).toBe(false);
  });
});
