import { Transform } from "node:stream";

// Remix's <Scripts> preloads every module of the page with <link rel="modulepreload">, which
// Chromium fetches at High priority, and React 19 hoists those links above the stylesheet: on
// a slow phone the stylesheet (what first paint waits for) queued behind ~20 scripts that only
// hydration needs. Marked fetchpriority="low", they are fetched as the browser fetches any
// deferred script (which is what they are): after the stylesheet and the visible images.
// Only the document's <head> is rewritten; the rest streams through untouched.
const PRELOAD = '<link rel="modulepreload"';
const LOW_PRIORITY_PRELOAD = '<link rel="modulepreload" fetchpriority="low"';
const HEAD_END = Buffer.from("</head>");

/** A stream that rewrites the head's module preloads to low priority, then passes bytes through. */
export function lowPriorityModulePreloads(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (head === null) return callback(null, chunk);
      // React writes the head in one burst; hold it until </head> so a split tag is still found.
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end === -1) return callback();
      const cut = end + HEAD_END.length; // ASCII, so the head before it is whole UTF-8
      const rewritten = head.subarray(0, cut).toString("utf8").replaceAll(PRELOAD, LOW_PRIORITY_PRELOAD);
      const rest = head.subarray(cut);
      head = null;
      callback(null, Buffer.concat([Buffer.from(rewritten), rest]));
    },
    flush(callback) {
      // No </head> (an error page cut short): send what there is, unchanged.
      callback(null, head?.length ? head : undefined);
    },
  });
}
