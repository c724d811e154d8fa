import { describe, expect, it } from "vitest";
import type { Request, Response } from "express";
import { trustProxySetting, untrustedProxyWarning } from "./client-address";

const through = (forwarded?: string) =>
  ({ get: (name: string) => (name.toLowerCase() === "x-forwarded-for" ? forwarded : undefined) }) as unknown as Request;

describe("proxy settings", () => {
  it("trusts no proxy by default", () => {
    expect(trustProxySetting({ TRUST_PROXY_HOPS: 0 })).toBe(false);
    expect(trustProxySetting({ TRUST_PROXY_HOPS: 1 })).toBe(1);
  });

  it("warns once when requests arrive through a proxy it does not trust", () => {
    const lines: string[] = [];
    const guard = untrustedProxyWarning({ TRUST_PROXY_HOPS: 0 }, (line) => lines.push(line));
    const next = () => undefined;
    guard(through(), {} as Response, next);
    expect(lines).toEqual([]);
    guard(through("203.0.113.9"), {} as Response, next);
    guard(through("203.0.113.10"), {} as Response, next);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TRUST_PROXY_HOPS/);
  });

  it("stays quiet when proxies are trusted", () => {
    const lines: string[] = [];
    untrustedProxyWarning({ TRUST_PROXY_HOPS: 1 }, (line) => lines.push(line))(through("203.0.113.9"), {} as Response, () => undefined);
    expect(lines).toEqual([]);
  });
});
