import { createHash, randomBytes } from "node:crypto";
import { readVisitor } from "~/http/visitor.server";

/**
 * Who is watching, for presence: one id per browser (its visitor cookie, hashed apart from
 * the hash its cart uses, so presence rows cannot be joined to carts), else one per
 * connection.
 */
export function viewerIdOf(request: Request): string {
  const visitor = readVisitor(request);
  if (!visitor) return randomBytes(18).toString("base64url");
  return createHash("sha256").update(`viewer:${visitor.token}`).digest("base64url").slice(0, 32);
}
