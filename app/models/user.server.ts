import type { Queryable } from "~/db/database.server";

// Who the signed-in user is to the app: profile and roles. Read as the user (RLS lets
// everyone read their own profile and memberships).
export type Viewer = {
  id: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  memberships: { coopSlug: string; coopNameZh: string; coopNameEn: string; role: "admin" | "streamer" }[];
};

export async function getViewer(tx: Queryable, userId: string): Promise<Viewer | null> {
  const profile = await tx.query<{ id: string; email: string; display_name: string; is_platform_admin: boolean }>(
    "select id, email, display_name, is_platform_admin from public.profiles where id = $1",
    [userId],
  );
  const p = profile.rows[0];
  if (!p) return null;
  const memberships = await tx.query<{ slug: string; name_zh: string; name_en: string; role: "admin" | "streamer" }>(
    `select c.slug, c.name_zh, c.name_en, m.role from public.memberships m
       join public.cooperatives c on c.id = m.cooperative_id
      where m.user_id = $1 order by c.slug, m.role`,
    [userId],
  );
  return {
    id: p.id,
    email: p.email,
    displayName: p.display_name,
    isPlatformAdmin: p.is_platform_admin,
    memberships: memberships.rows.map((m) => ({ coopSlug: m.slug, coopNameZh: m.name_zh, coopNameEn: m.name_en, role: m.role })),
  };
}
