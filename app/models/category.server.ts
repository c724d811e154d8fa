import type { Queryable } from "~/db/database.server";
import type { Locale } from "~/i18n/locale";

/** A category with its name in the request's language (filters and the product form's select). */
export type Category = { slug: string; name: string };

export async function listCategories(q: Queryable, locale: Locale): Promise<Category[]> {
  const { rows } = await q.query<Category>(
    `select slug, case when $1 = 'zh-CN' then name_zh else name_en end as name
       from public.categories order by sort_order, slug`,
    [locale],
  );
  return rows;
}
