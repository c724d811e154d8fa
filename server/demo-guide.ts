import type { Database } from "~/db/database.server";

// What `npm start` prints once the server listens: where to go, who to sign in as, and
// what to try first. Only when the demo cooperatives are there.
export async function demoGuideLines(db: Database, baseUrl: string): Promise<string[]> {
  const { rows: coops } = await db.query<{ slug: string }>(
    "select slug from public.cooperatives where slug in ('zhengjia', 'daguliu') order by slug desc limit 1",
  );
  if (coops.length === 0) return [];
  const coop = coops[0].slug;
  const { rows: live } = await db.query<{ id: string }>(
    "select id::text as id from public.live_sessions where status = 'live' order by started_at desc nulls last limit 1",
  );
  const { rows: products } = await db.query<{ slug: string }>(
    `select p.slug from public.products p join public.cooperatives c on c.id = p.cooperative_id
       join public.product_stock s on s.product_id = p.id
      where c.slug = $1 and p.status = 'active' and s.stock > 0 order by p.featured desc, p.slug limit 1`,
    [coop],
  );
  const lines = [
    "",
    `  Open ${baseUrl}`,
    "",
    "  Demo sign-ins (password harvest-demo), at /login:",
    `    admin@${coop}.demo, admin2@${coop}.demo   cooperative admins (any coop slug: daguliu, zhengjia, liujiawobao, dongsheng, huangjiuguan, laohutou)`,
    `    host@${coop}.demo                      streamer (the studio, /studio)`,
    "    admin@platform.demo                    platform admin (every cooperative)",
    "",
    "  Try first:",
  ];
  if (live[0]) lines.push(`    the live session        ${baseUrl}/live/${live[0].id}`);
  if (products[0]) lines.push(`    a product               ${baseUrl}/products/${products[0].slug}`);
  lines.push(`    the dashboard           ${baseUrl}/dashboard/${coop}  (sign in as admin@${coop}.demo)`, "");
  return lines;
}
