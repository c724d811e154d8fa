import type { Queryable } from "~/db/database.server";
import type { Locale } from "~/i18n/locale";

/** coopName in the request's language. */
export type Membership = { coopSlug: string; coopName: string; role: "admin" | "streamer" };

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

// The profile with its memberships as one JSON value: one statement, whatever the roles.
const VIEWER_JSON = `(select json_build_object(
    'id', p.id, 'email', p.email, 'displayName', p.display_name, 'isPlatformAdmin', p.is_platform_admin,
    'memberships', coalesce((select json_agg(json_build_object('coopSlug', c.slug,
                                       'coopName', case when $2 = 'zh-CN' then c.name_zh else c.name_en end, 'role', m.role)
                                     order by c.slug, m.role)
                               from public.memberships m join public.cooperatives c on c.id = m.cooperative_id
                              where m.user_id = p.id), '[]'::json))
   from public.profiles p where p.id = $1::uuid)`;

type ViewerRow = Omit<Viewer, "dashboardPath" | "isHost">;

function toViewer(row: ViewerRow | null): Viewer | null {
  if (!row) return null;
  return {
    ...row,
    dashboardPath: dashboardPathFor(row.isPlatformAdmin, row.memberships),
    isHost: row.memberships.some((m) => m.role === "streamer"),
  };
}

export async function getViewer(tx: Queryable, userId: string, locale: Locale): Promise<Viewer | null> {
  const { rows } = await tx.query<{ viewer: ViewerRow | null }>(`select ${VIEWER_JSON} as viewer`, [userId, locale]);
  return toViewer(rows[0]?.viewer ?? null);
}

/**
 * What every page's header shows, in one statement: the visitor's cart count (RLS scopes
 * the cart to the request's visitor claim) and, when signed in, the viewer.
 */
export async function getHeaderState(
  tx: Queryable,
  userId: string | null,
  locale: Locale,
): Promise<{ cartCount: number; viewer: Viewer | null }> {
  // A guest (a cart, no account) may not read profiles or memberships at all: no viewer part.
  const cart = "(select coalesce(sum(ci.quantity), 0)::int from public.cart_items ci join public.carts c on c.id = ci.cart_id)";
  const { rows } = userId
    ? await tx.query<{ cart_count: number; viewer: ViewerRow | null }>(`select ${cart} as cart_count, ${VIEWER_JSON} as viewer`, [
        userId,
        locale,
      ])
    : await tx.query<{ cart_count: number; viewer: null }>(`select ${cart} as cart_count, null::json as viewer`);
  return { cartCount: rows[0]?.cart_count ?? 0, viewer: toViewer(rows[0]?.viewer ?? null) };
}
