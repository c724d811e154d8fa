import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { BOOT_MARKER, DEFERRED_PRELOAD_REL, DEFERRED_SCRIPT_TYPE } from "./components/live-player/first-frame-boot";
import { lowPriorityModulePreloads } from "./module-preload-priority.server";

/** The document as the stream writes it, fed in chunks of `size` bytes (splitting tags and characters). */
async function through(html: string, size: number): Promise<string> {
  const bytes = Buffer.from(html);
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  return text(Readable.from(chunks).pipe(lowPriorityModulePreloads()));
}

const HEAD =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/><title>全部商品 · 丰收直播</title>' +
  '<link rel="modulepreload" href="/build/entry.client-A.js"/><link rel="modulepreload" href="/build/root-B.js"/>' +
  '<link rel="stylesheet" href="/build/_assets/tailwind-C.css"/></head>';
const BODY = '<body><p>丰收</p><pre><link rel="modulepreload" href="/not-rewritten"/></pre></body></html>';

describe("lowPriorityModulePreloads", () => {
  it.each([1, 7, 64, 100_000])("marks every module preload of the head low priority (chunks of %i bytes)", async (size) => {
    const out = await through(HEAD + BODY, size);
    expect(out.match(/<link rel="modulepreload" fetchpriority="low" href="\/build\/[^"]+"\/>/g)).toHaveLength(2);
    // The stylesheet, the text and everything after the head are byte for byte what React wrote.
    expect(out).toBe(HEAD.replaceAll('rel="modulepreload"', 'rel="modulepreload" fetchpriority="low"') + BODY);
  });

  it("passes a document without a head end through unchanged", async () => {
    const cut = '<!DOCTYPE html><html><head><link rel="modulepreload" href="/x.js"/>';
    expect(await through(cut, 5)).toBe(cut);
  });

  describe("on a page that plays video (the first-frame boot script in its head)", () => {
    const head = HEAD.replace("<title>", `<script nonce="n" ${BOOT_MARKER}="">(function (o) {})({});</script><title>`);
    const modules =
      '<script nonce="n" type="module" async="">import * as route0 from "/build/root-B.js";\nimport("/build/entry.client-A.js");</script>';
    const body = `<body><video data-hls-player=""></video><p>丰收</p><script nonce="n">window.__remixContext = {};</script>${modules}</body>`;
    const later = '<script type="module">/* streamed later: left alone */</script></html>';

    it.each([1, 7, 64, 100_000])(
      "holds the preloads and Remix's module script back until the first frame (chunks of %i bytes)",
      async (size) => {
        const out = await through(head + body + later, size);
        expect(out).toBe(
          head.replaceAll('rel="modulepreload"', `rel="${DEFERRED_PRELOAD_REL}"`) +
            body.replace(' type="module"', ` type="${DEFERRED_SCRIPT_TYPE}" data-deferred-type="module"`) +
            later,
        );
      },
    );

    it("is not fooled by the marker's name in the page's text (a session title)", async () => {
      const titled = HEAD.replace("<title>", `<title>${BOOT_MARKER}=`);
      const out = await through(titled + body, 64);
      expect(out).toContain('<link rel="modulepreload" fetchpriority="low"');
      expect(out).toContain(' type="module"');
    });

    it("passes the rest through when the document ends before the module script", async () => {
      const cut = `${head}<body><p>丰收</p><scr`;
      expect(await through(cut, 3)).toBe(head.replaceAll('rel="modulepreload"', `rel="${DEFERRED_PRELOAD_REL}"`) + "<body><p>丰收</p><scr");
    });
  });
});
