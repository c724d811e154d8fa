import type { Queryable } from "~/db/database.server";
import { pick, type Locale } from "~/i18n/locale";

/**
 * name and village in the request's language; runsSessions: an admin member, who runs its
 * live sessions in the studio; disclosureEnabled: its public income disclosure is on
 */
export type AdminCoop = { id: string; slug: string; name: string; village: string; runsSessions: boolean; disclosureEnabled: boolean };

/**
 * The cooperative, if the signed-in user administers it (or is a platform admin).
 * Anyone else gets null, which the dashboard turns into a 404 (no hint it exists).
 */
export async function getAdminCoop(tx: Queryable, slug: string, locale: Locale): Promise<AdminCoop | null> {
  const { rows } = await tx.query<{
    id: string;
    slug: string;
    name_zh: string;
    name_en: string;
    village_zh: string;
    village_en: string;
    member: boolean;
    disclosure_enabled: boolean;
  }>(
    `select id, slug, name_zh, name_en, village_zh, village_en, app_private.has_coop_role(id, 'admin') as member,
            disclosure_enabled
       from public.cooperatives
      where slug = $1 and app_private.is_coop_admin(id)`,
    [slug],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        slug: r.slug,
        name: pick(locale, r.name_zh, r.name_en),
        village: pick(locale, r.village_zh, r.village_en),
        runsSessions: r.member,
        disclosureEnabled: r.disclosure_enabled,
      }
    : null;
}
