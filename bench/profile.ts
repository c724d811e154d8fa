import type { Database } from "~/db/database.server";
export async function profileCheckout(_db: Database, _url: string) {
  return { detail: "", sentence: (_h: unknown) => "tbd" };
}
