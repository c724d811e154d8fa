import type { Queryable } from "~/db/database.server";

export type Category = { slug: string; nameZh: string; nameEn: string };

export async function listCategories(q: Queryable): Promise<Category[]> {
  const { rows } = await q.query<{ slug: string; name_zh: string; name_en: string }>(
    "select slug, name_zh, name_en from public.categories order by sort_order, slug",
  );
  return rows.map((r) => ({ slug: r.slug, nameZh: r.name_zh, nameEn: r.name_en }));
}
