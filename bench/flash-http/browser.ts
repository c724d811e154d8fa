import http from "node:http";
import zlib from "node:zlib";

// What a new visitor's browser without JavaScript sends, over node:http (its own keep-alive
// agent with a connection per concurrent request, as 500 phones would have). Answers are
// kept raw and decoded only after the timed phase, so the clients' CPU spent on them does
// not compete with the server being measured.

export const BROWSER = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "zh-CN,zh;q=0.9,en;q=0.8",
  "user-agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
};

/** What the same browser sends for a Remix fetcher or revalidation (fetch(), single fetch's `.data` URLs). */
export const FETCHER = { ...BROWSER, accept: "*/*" };

export type Answer = { status: number; headers: http.IncomingHttpHeaders; raw: Buffer; ms: number; endedAt: number };

export function browserAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: Infinity });
}

/** One request; never follows redirects (the caller decides what a browser would do). */
export function send(
  agent: http.Agent,
  url: string,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    const req = http.request(
      url,
      { method, agent, headers: payload ? { ...headers, "content-length": String(payload.length) } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const endedAt = performance.now();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks), ms: endedAt - started, endedAt });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The body as text, whatever Content-Encoding the server chose. */
export function textOf(answer: Answer): string {
  const encoding = answer.headers["content-encoding"];
  const raw = answer.raw;
  const bytes =
    encoding === "gzip"
      ? zlib.gunzipSync(raw)
      : encoding === "br"
        ? zlib.brotliDecompressSync(raw)
        : encoding === "deflate"
          ? zlib.inflateSync(raw)
          : raw;
  return bytes.toString("utf8");
}

/** name=value pairs of the Set-Cookie headers (what the browser keeps). */
export function cookiesSet(answer: Answer): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of answer.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    if (at > 0) jar[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return jar;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** Runs `fn` over `items`, `limit` at a time (the untimed preparation). */
export async function inBatches<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Server-Timing entries (`db;dur=1.2;desc="…", total;dur=3.4`) as name → ms. */
export function serverTiming(answer: Answer): Record<string, number> {
  const header = answer.headers["server-timing"];
  const text = Array.isArray(header) ? header.join(", ") : (header ?? "");
  const out: Record<string, number> = {};
  for (const entry of text.split(/,\s*(?=[a-z])/i)) {
    const name = entry.split(";")[0].trim();
    const dur = /;dur=([\d.]+)/.exec(entry);
    if (name && dur) out[name] = (out[name] ?? 0) + Number(dur[1]);
    const statements = /desc="(\d+) statements"/.exec(entry);
    if (name === "db" && statements) out.statements = Number(statements[1]);
  }
  return out;
}
