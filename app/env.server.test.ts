import { describe, expect, it } from "vitest";
import { BROWSER_ENV_KEYS, InvalidEnvError, parseEnv } from "./env.server";

// The studio's settings: where hosts publish (RTMP) and what a new session plays. Neither
// reaches the browser; a bad value is one clear line at start-up.
describe("RTMP_INGEST_URL and LIVE_PLAYBACK_URL", () => {
  it("default to the local ingest and the bundled sample stream", () => {
    const env = parseEnv({});
    expect(env.RTMP_INGEST_URL).toBe("rtmp://127.0.0.1:1935/live");
    expect(env.LIVE_PLAYBACK_URL).toBe("/hls/sample-live/master.m3u8");
    expect(BROWSER_ENV_KEYS).not.toContain("RTMP_INGEST_URL" as never);
  });

  it("take an rtmp(s) URL with an application and an HLS path or URL", () => {
    const env = parseEnv({
      RTMP_INGEST_URL: "rtmps://ingest.example.com:443/live",
      LIVE_PLAYBACK_URL: "https://cdn.example.com/hls/x.m3u8",
    });
    expect([env.RTMP_INGEST_URL, env.LIVE_PLAYBACK_URL]).toEqual([
      "rtmps://ingest.example.com:443/live",
      "https://cdn.example.com/hls/x.m3u8",
    ]);
  });

  it("refuse anything else with a line saying how to fix it", () => {
    expect(() => parseEnv({ RTMP_INGEST_URL: "http://example.com/live" })).toThrow(InvalidEnvError);
    expect(() => parseEnv({ RTMP_INGEST_URL: "rtmp://example.com" })).toThrow(/RTMP_INGEST_URL must be an rtmp:\/\/ or rtmps:\/\/ URL/);
    expect(() => parseEnv({ LIVE_PLAYBACK_URL: "//evil.example.com/x.m3u8" })).toThrow(/LIVE_PLAYBACK_URL must be/);
  });
});

// App instances on one port (server/instances.ts): only where every instance reaches the
// same database server.
describe("WEB_CONCURRENCY", () => {
  const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/harvest";
  it("is one instance unless set", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "" }).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "2", DATABASE_URL }).WEB_CONCURRENCY).toBe(2);
  });

  it("needs DATABASE_URL for more than one, and a whole number from 1 to 64", () => {
    expect(() => parseEnv({ WEB_CONCURRENCY: "2" })).toThrow(
      /WEB_CONCURRENCY=2 needs DATABASE_URL: the embedded database \(PGlite\) lives in one process/,
    );
    for (const bad of ["0", "1.5", "two", "65"])
      expect(() => parseEnv({ WEB_CONCURRENCY: bad, DATABASE_URL }), bad).toThrow(/WEB_CONCURRENCY must be a whole number from 1 to 64/);
  });
});

// Stripe mode (ADR 0023): the SDK takes host, port and protocol, so the base URL is an origin.
describe("STRIPE_API_BASE_URL", () => {
  it("takes an http(s) origin, e.g. stripe-mock's", () => {
    expect(parseEnv({ STRIPE_API_BASE_URL: "http://localhost:12111" }).STRIPE_API_BASE_URL).toBe("http://localhost:12111");
    expect(parseEnv({ STRIPE_API_BASE_URL: "https://stripe.example/" }).STRIPE_API_BASE_URL).toBe("https://stripe.example/");
    expect(parseEnv({ STRIPE_API_BASE_URL: "" }).STRIPE_API_BASE_URL).toBeUndefined();
  });

  it("in production, STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET (payments are confirmed by the webhook)", () => {
    expect(() => parseEnv({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x" })).toThrow(
      /STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET/,
    );
    expect(parseEnv({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }).STRIPE_SECRET_KEY).toBe(
      "sk_live_x",
    );
    expect(parseEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_x" }).STRIPE_WEBHOOK_SECRET).toBeUndefined();
  });

  it("refuses a path or another scheme with a line saying how to fix it", () => {
    for (const bad of ["http://localhost:12111/v1", "ftp://stripe.example", "localhost:12111"])
      expect(() => parseEnv({ STRIPE_API_BASE_URL: bad }), bad).toThrow(/STRIPE_API_BASE_URL must be an http\(s\) origin without a path/);
  });
});

// Where payees' Stripe Express accounts are opened (ADR 0025).
describe("STRIPE_CONNECT_COUNTRY", () => {
  it("is HK unless set", () => {
    expect(parseEnv({}).STRIPE_CONNECT_COUNTRY).toBe("HK");
    expect(parseEnv({ STRIPE_CONNECT_COUNTRY: "" }).STRIPE_CONNECT_COUNTRY).toBe("HK");
    expect(parseEnv({ STRIPE_CONNECT_COUNTRY: "SG" }).STRIPE_CONNECT_COUNTRY).toBe("SG");
  });

  it("refuses mainland China, where Stripe opens no accounts, and anything but a country code", () => {
    expect(() => parseEnv({ STRIPE_CONNECT_COUNTRY: "CN" })).toThrow(
      /STRIPE_CONNECT_COUNTRY must be a two-letter country code .* other than CN/,
    );
    expect(() => parseEnv({ STRIPE_CONNECT_COUNTRY: "hk" })).toThrow(InvalidEnvError);
    expect(() => parseEnv({ STRIPE_CONNECT_COUNTRY: "HKG" })).toThrow(InvalidEnvError);
  });
});
