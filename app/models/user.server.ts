import type { Queryable } from "~/db/database.server";

export type Membership = { coopSlug: string; coopNameZh: string; coopNameEn: string; role: "admin" | "streamer" };

// Who the signed-in user is to the app: profile and roles. Read as the user (RLS lets
// everyone read their own profile and memberships).
export type Viewer = {
  id: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  memberships: Membership[];
  /** Where their dashboard is: /dashboard (platform admin, or admin of several), /dashboard/<slug> (of one), else null. */
  dashboardPath: string | null;
  /** A streamer of at least one cooperative: their sessions are at /studio. */
  isHost: boolean;
};

/** The dashboard a user works in, from their roles (null: they have none). */
export function dashboardPathFor(isPlatformAdmin: boolean, memberships: Pick<Membership, "coopSlug" | "role">[]): string | null {
  if (isPlatformAdmin) return "/dashboard";
  const adminOf = [...new Set(memberships.filter((m) => m.role === "admin").map((m) => m.coopSlug))];
  if (adminOf.length === 0) return null;
  return adminOf.length === 1 ? `/dashboard/${adminOf[0]}` : "/dashboard";
}

export async function getViewer(tx: Queryable, userId: string): Promise<Viewer | null> {
  const profile = await tx.query<{ id: string; email: string; display_name: string; is_platform_admin: boolean }>(
    "select id, email, display_name, is_platform_admin from public.profiles where id = $1",
    [userId],
  );
  const p = profile.rows[0];
  if (!p) return null;
  const rows = await tx.query<{ slug: string; name_zh: string; name_en: string; role: "admin" | "streamer" }>(
    `select c.slug, c.name_zh, c.name_en, m.role from public.memberships m
       join public.cooperatives c on c.id = m.cooperative_id
      where m.user_id = $1 order by c.slug, m.role`,
    [userId],
  );
  const memberships = rows.rows.map((m) => ({ coopSlug: m.slug, coopNameZh: m.name_zh, coopNameEn: m.name_en, role: m.role }));
  return {
    id: p.id,
    email: p.email,
    displayName: p.display_name,
    isPlatformAdmin: p.is_platform_admin,
    memberships,
    dashboardPath: dashboardPathFor(p.is_platform_admin, memberships),
    isHost: memberships.some((m) => m.role === "streamer"),
  };
}
