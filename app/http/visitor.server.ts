import { createHash, randomBytes } from "node:crypto";
import { readCookie } from "~/i18n/locale";

// The visitor cookie: a random 256-bit token identifying a browser's cart and guest
// orders. Only its sha256 reaches the database, so a database leak reveals no cookies.
export const VISITOR_COOKIE = "hl_visitor";
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type Visitor = { token: string; hash: string; isNew: boolean };

export function readVisitor(request: Request): Visitor | null {
  const token = readCookie(request.headers.get("Cookie"), VISITOR_COOKIE);
  return token && TOKEN_PATTERN.test(token) ? { token, hash: hashToken(token), isNew: false } : null;
}

/** The visitor, creating one (with a cookie to set) for a first-time mutation. */
export function ensureVisitor(request: Request): Visitor {
  const existing = readVisitor(request);
  if (existing) return existing;
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), isNew: true };
}

export function visitorCookie(visitor: Visitor, request: Request): string {
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
  return `${VISITOR_COOKIE}=${visitor.token}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
