import type { Queryable } from "~/db/database.server";

export type AdminCoop = { id: string; slug: string; nameZh: string; nameEn: string; villageZh: string; villageEn: string };

/**
 * The cooperative, if the signed-in user administers it (or is a platform admin).
 * Anyone else gets null, which the dashboard turns into a 404 (no hint it exists).
 */
export async function getAdminCoop(tx: Queryable, slug: string): Promise<AdminCoop | null> {
  const { rows } = await tx.query<{ id: string; slug: string; name_zh: string; name_en: string; village_zh: string; village_en: string }>(
    `select id, slug, name_zh, name_en, village_zh, village_en from public.cooperatives
      where slug = $1 and app_private.is_coop_admin(id)`,
    [slug],
  );
  const r = rows[0];
  return r ? { id: r.id, slug: r.slug, nameZh: r.name_zh, nameEn: r.name_en, villageZh: r.village_zh, villageEn: r.village_en } : null;
}
