import type { RequestHandler } from "express";
import { hasUnstorableText } from "~/forms/form-object";

// Paths the app can never route: a segment that is not valid percent-encoded UTF-8, or that
// decodes to a control character (Postgres cannot even compare NUL) or a backslash
// (browsers read "\" as "/", and the router refuses such a location with "Invalid URL").
// They get the app's own 404 page — the same answer as any unknown path — never a 5xx.
export const NOT_FOUND_PATH = "/__not-found";

export function isRoutablePath(rawPath: string): boolean {
  if (rawPath.includes("\\")) return false;
  for (const segment of rawPath.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (decoded.includes("\\") || /\p{Cc}/u.test(decoded) || hasUnstorableText(decoded)) return false;
  }
  return true;
}

/** Sends unroutable paths to the 404 page (rendered by the app, in the visitor's language). */
export function unroutablePathGuard(): RequestHandler {
  return (req, _res, next) => {
    const queryAt = req.url.indexOf("?");
    const rawPath = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    // The Remix adapter builds its Request from originalUrl: rewrite both.
    if (!isRoutablePath(rawPath)) req.url = req.originalUrl = NOT_FOUND_PATH;
    next();
  };
}
