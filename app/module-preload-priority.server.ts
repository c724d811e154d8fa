import { Transform } from "node:stream";
import { BOOT_MARKER, DEFERRED_PRELOAD_REL, DEFERRED_SCRIPT_TYPE } from "~/components/live-player/first-frame-boot";

// Remix's <Scripts> preloads every module of the page with <link rel="modulepreload">, which
// Chromium fetches at High priority, and React 19 hoists those links above the stylesheet: on
// a slow phone the stylesheet (what first paint waits for) queued behind ~20 scripts that only
// hydration needs. Marked fetchpriority="low", they are fetched as the browser fetches any
// deferred script (which is what they are): after the stylesheet and the visible images.
// A page that plays video goes further (its head holds the first-frame boot script, see
// components/live-player/first-frame-boot.ts): its preloads and Remix's module script are made
// inert until the stream's first frame, so hls.js and the video get the link to themselves.
// Only the head, and on such a page the tags up to Remix's module script, are rewritten; the
// rest streams through untouched.
const PRELOAD = '<link rel="modulepreload"';
const LOW_PRIORITY_PRELOAD = '<link rel="modulepreload" fetchpriority="low"';
const DEFERRED_PRELOAD = `<link rel="${DEFERRED_PRELOAD_REL}"`;
// Not global: Remix writes one, and a later one (streamed with a Suspense boundary) is left alone.
const MODULE_SCRIPT = /(<script\b[^>]*?) type="module"/;
const DEFERRED_MODULE_SCRIPT = `$1 type="${DEFERRED_SCRIPT_TYPE}" data-deferred-type="module"`;
// The tag itself, not just the word: a session title in <title> could hold it, but never a raw "<".
const BOOT_SCRIPT = new RegExp(`<script\\b[^>]* ${BOOT_MARKER}=`);
const HEAD_END = Buffer.from("</head>");
const LT = 0x3c;
const GT = 0x3e;

/** A stream that rewrites the head's module preloads (and on a video page, its module script), then passes bytes through. */
export function lowPriorityModulePreloads(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  // On a video page: bytes after the head not yet searched, because they end inside a tag.
  let pending: Buffer | null = null;
  const deferUpTo = (bytes: Buffer, final: boolean): Buffer => {
    // Hold back a trailing "<…" with no ">" yet (the tag may continue in the next chunk), or else
    // trailing non-ASCII bytes (a character may be split): the cut is then whole UTF-8.
    let cut = bytes.length;
    const lastTag = bytes.lastIndexOf(LT);
    if (final) cut = bytes.length;
    else if (lastTag !== -1 && bytes.indexOf(GT, lastTag) === -1) cut = lastTag;
    else while (cut > 0 && bytes[cut - 1] >= 0x80) cut--;
    const text = bytes.subarray(0, cut).toString("utf8");
    const rewritten = Buffer.from(text.replaceAll(PRELOAD, DEFERRED_PRELOAD).replace(MODULE_SCRIPT, DEFERRED_MODULE_SCRIPT));
    // Remix's module script comes after the preloads: once it is rewritten, stop looking.
    const done = final || MODULE_SCRIPT.test(text);
    pending = done ? null : bytes.subarray(cut);
    return done ? Buffer.concat([rewritten, bytes.subarray(cut)]) : rewritten;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (pending) return callback(null, deferUpTo(Buffer.concat([pending, chunk]), false));
      if (head === null) return callback(null, chunk);
      // React writes the head in one burst; hold it until </head> so a split tag is still found.
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end === -1) return callback();
      const cut = end + HEAD_END.length; // ASCII, so the head before it is whole UTF-8
      const headText = head.subarray(0, cut).toString("utf8");
      const rest = head.subarray(cut);
      head = null;
      if (BOOT_SCRIPT.test(headText)) {
        const rewritten = Buffer.from(headText.replaceAll(PRELOAD, DEFERRED_PRELOAD));
        pending = Buffer.alloc(0);
        return callback(null, Buffer.concat([rewritten, deferUpTo(rest, false)]));
      }
      callback(null, Buffer.concat([Buffer.from(headText.replaceAll(PRELOAD, LOW_PRIORITY_PRELOAD)), rest]));
    },
    flush(callback) {
      if (pending) return callback(null, deferUpTo(pending, true));
      // No </head> (an error page cut short): send what there is, unchanged.
      callback(null, head?.length ? head : undefined);
    },
  });
}
