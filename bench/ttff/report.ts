import { fmt, median, percentile } from "../stats";
import { PROFILES, type Load } from "./load";

// The "Live page: time to first frame" section of docs/benchmarks.md: per network profile,
// p50 and p95 of each page with every load in brackets (the machine is shared), the ratio
// app/bare, and the medians of what the first frame waited for.

export const HEADING = "Live page: time to first frame";
export const TARGET = 1.2;

/** Earlier runs and what was tried, kept by hand (what changed, what it measured). */
export const HISTORY: string[] = [];

/** Where the time goes, read from the numbers (kept by hand, like HISTORY). */
export const ANALYSIS: string[] = [];

type Machine = { cores: number; node: string; chromium: string; loadStart: number; loadEnd: number; hlsGzipKb: number };

const frames = (loads: Load[], profile: string, side: Load["side"]) =>
  loads.filter((l) => l.profile === profile && l.side === side).map((l) => l.frameMs ?? Infinity);

export function ratioOf(loads: Load[], profile: string, p: number): number {
  return percentile(frames(loads, profile, "app"), p) / percentile(frames(loads, profile, "bare"), p);
}

const medianOf = (loads: Load[], pick: (l: Load) => number | null) => {
  const values = loads.map(pick).filter((v): v is number => v !== null);
  return values.length ? median(values) : NaN;
};

export function printSummary(loads: Load[]) {
  for (const profile of PROFILES) {
    for (const side of ["app", "bare"] as const) {
      const f = frames(loads, profile.name, side);
      console.log(`${profile.name} ${side}: p50 ${fmt(percentile(f, 50), 0)} ms, p95 ${fmt(percentile(f, 95), 0)} ms`);
    }
    console.log(
      `${profile.name} ratio app/bare: p50 ${fmt(ratioOf(loads, profile.name, 50), 2)}×, p95 ${fmt(ratioOf(loads, profile.name, 95), 2)}×`,
    );
  }
}

export function section(loads: Load[], machine: Machine): string {
  const date = new Date().toISOString().slice(0, 10);
  const perLoad = Math.max(...PROFILES.map((p) => frames(loads, p.name, "app").length));
  const lines = [
    `## ${HEADING}`,
    "",
    `Written by \`npm run bench -- ttff\` (bench/ttff/) on ${date}. Target (issue 9): the live page's time to first frame`,
    `at most ${TARGET}× a bare hls.js page's on the same stream.`,
    "",
    "Method: the app as `npm start` runs it (server/index.ts on the production build, its own bench database on the local",
    "Postgres, migrated and seeded on start) serves the seeded live session's page",
    "(`/live/de57f1cb-0dbc-5cb0-8b13-0a0f01628036`, playing `/hls/sample-live/master.m3u8`); the baseline is a node:http",
    "page with nothing but `<video muted autoplay playsinline>` and hls.js (the same build the player imports, gzipped, with",
    "the player's own live config) whose playlists and segments are proxied to the same app URLs. Debian's Chromium",
    "(headless, playwright-core), 390×844 phone viewport, a fresh browser context per load (empty cache, new connections),",
    "DevTools network throttling per profile. Time to first frame = navigation start → the first",
    "`requestVideoFrameCallback` call (a decoded frame handed to the compositor: what the viewer sees), recorded by an init",
    `script. ${perLoad} loads per page per profile, alternating app and bare; one untimed load of each warms the servers first.`,
    "",
    `Machine: ${machine.cores} cores (shared with other work), Node ${machine.node}, Chromium ${machine.chromium}; load average`,
    `${machine.loadStart.toFixed(2)} at the start, ${machine.loadEnd.toFixed(2)} at the end. hls.js as transferred: ${machine.hlsGzipKb.toFixed(0)} KB.`,
    "",
  ];
  for (const profile of PROFILES) {
    lines.push(`### ${profile.label}`, "", "| page | p50 ms | p95 ms | each load (ms, in order) |", "| --- | --- | --- | --- |");
    for (const side of ["app", "bare"] as const) {
      const f = frames(loads, profile.name, side);
      lines.push(`| ${side} | ${fmt(percentile(f, 50), 0)} | ${fmt(percentile(f, 95), 0)} | ${f.map((v) => fmt(v, 0)).join(", ")} |`);
    }
    const p50 = ratioOf(loads, profile.name, 50);
    const p95 = ratioOf(loads, profile.name, 95);
    lines.push(
      "",
      `Ratio app/bare: **${fmt(p50, 2)}× at p50**, ${fmt(p95, 2)}× at p95 (target ≤ ${TARGET}×: ${p50 <= TARGET ? "met" : "not met"} at p50).`,
      "",
      "Medians of what the frame waited for (ms from navigation start, response end; KB as transferred before the frame):",
      "",
      "| page | HTML | hls.js | master playlist | first segment | first `playing` | first frame | app entry module | hydrated | KB before the frame | of it script |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const side of ["app", "bare"] as const) {
      const ls = loads.filter((l) => l.profile === profile.name && l.side === side);
      lines.push(
        `| ${side} | ${[
          medianOf(ls, (l) => l.htmlMs),
          medianOf(ls, (l) => l.hlsJsMs),
          medianOf(ls, (l) => l.masterMs),
          medianOf(ls, (l) => l.firstSegmentMs),
          medianOf(ls, (l) => l.playingMs),
          medianOf(ls, (l) => l.frameMs),
          medianOf(ls, (l) => l.entryMs),
          medianOf(ls, (l) => l.hydratedMs),
        ]
          .map((v) => (Number.isFinite(v) ? fmt(v, 0) : "—"))
          .join(" | ")} | ${fmt(
          medianOf(ls, (l) => l.allKbBeforeFrame),
          0,
        )} | ${fmt(
          medianOf(ls, (l) => l.scriptKbBeforeFrame),
          0,
        )} |`,
      );
    }
    lines.push("");
  }
  if (ANALYSIS.length) lines.push("### Where the time goes", "", ...ANALYSIS, "");
  if (HISTORY.length) lines.push("### What was tried", "", ...HISTORY.map((h) => `- ${h}`), "");
  return lines.join("\n").replace(/\n+$/, "\n");
}
