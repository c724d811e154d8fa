import autocannon from "autocannon";
import { percentile } from "../stats";

// One closed-loop load: N connections, each sending the next GET as soon as the last
// answer arrived, for a fixed time (autocannon, in this process). Only 2xx answers count
// as served; anything else is reported (and fails the bench).

export type Load = {
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  ok: number;
  /** non-2xx answers by status, plus socket errors and timeouts */
  bad: Record<string, number>;
};

export const badCount = (l: Load) => Object.values(l.bad).reduce((a, b) => a + b, 0);

/** What Chromium sends for a document load (a browser UA: entry.server streams for browsers). */
export const BROWSER_HEADERS: Record<string, string> = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "zh-CN,zh;q=0.9,en;q=0.8",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

export function runLoad(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const bad: Record<string, number> = {};
    const instance = autocannon({ url, headers, connections, duration: seconds, timeout: 10, pipelining: 1 }, (error, result) => {
      if (error) return reject(error);
      if (result.errors) bad.socketErrors = result.errors;
      if (result.timeouts) bad.timeouts = result.timeouts;
      const ok = result["2xx"];
      resolve({
        reqPerSec: ok / (result.duration || seconds),
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        ok,
        bad,
      });
    });
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status > 299) bad[String(status)] = (bad[String(status)] ?? 0) + 1;
    });
  });
}
