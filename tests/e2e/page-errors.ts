import type { BrowserContext, Page } from "playwright-core";

/** A deliberate 4xx the browser will log as a console error (e.g. 422 from /checkout). */
export type ExpectedStatus = { status: number; path: string };

/**
 * Collects script errors and console errors of the pages a test opens; a test file ends
 * by asserting `errors` is empty. Deliberate 4xx responses are named, not ignored wholesale.
 */
export function pageErrorCollector(baseUrl: string) {
  const errors: string[] = [];
  async function open(context: BrowserContext, path: string, expected: ExpectedStatus[] = []): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(`${path}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const url = message.location().url;
      const deliberate = expected.some(
        (e) => message.text().includes(`status of ${e.status}`) && new URL(url, baseUrl).pathname.startsWith(e.path),
      );
      if (!deliberate) errors.push(`${path}: ${message.text()} (${url})`);
    });
    await page.goto(`${baseUrl}${path}`);
    return page;
  }
  return { errors, open };
}
