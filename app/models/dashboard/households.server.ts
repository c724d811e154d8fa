import { randomBytes } from "node:crypto";
import type { Queryable } from "~/db/database.server";

// A cooperative's households, managed by its admins (RLS: admins of that cooperative).
export type HouseholdRow = {
  id: string;
  key: string;
  nameZh: string;
  nameEn: string;
  headNameZh: string;
  headNameEn: string;
  members: number;
  status: "active" | "inactive";
  productCount: number;
};

export async function listHouseholds(tx: Queryable, coopId: string): Promise<HouseholdRow[]> {
  const { rows } = await tx.query<{
    id: string;
    key: string;
    name_zh: string;
    name_en: string;
    head_name_zh: string;
    head_name_en: string;
    members: number;
    status: "active" | "inactive";
    product_count: number;
  }>(
    `select h.id, h.key, h.name_zh, h.name_en, h.head_name_zh, h.head_name_en, h.members, h.status,
            (select count(*)::int from public.products p where p.household_id = h.id) as product_count
       from public.households h where h.cooperative_id = $1 order by h.status, h.name_en`,
    [coopId],
  );
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    headNameZh: r.head_name_zh,
    headNameEn: r.head_name_en,
    members: r.members,
    status: r.status,
    productCount: r.product_count,
  }));
}

export type HouseholdInput = { nameZh: string; nameEn: string; headNameZh: string; headNameEn: string; members: number };

/** Keys are stable ids for URLs and seeds; new households get a random one. */
export async function createHousehold(tx: Queryable, coopId: string, input: HouseholdInput): Promise<string> {
  const key = `h-${randomBytes(4).toString("hex")}`;
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.households (cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en, members)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [coopId, key, input.nameZh, input.nameEn, input.headNameZh, input.headNameEn, input.members],
  );
  return rows[0].id;
}

export async function updateHousehold(tx: Queryable, coopId: string, id: string, input: HouseholdInput): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update public.households set name_zh = $3, name_en = $4, head_name_zh = $5, head_name_en = $6, members = $7
      where id = $2 and cooperative_id = $1`,
    [coopId, id, input.nameZh, input.nameEn, input.headNameZh, input.headNameEn, input.members],
  );
  return rowCount === 1;
}

export async function setHouseholdStatus(tx: Queryable, coopId: string, id: string, status: "active" | "inactive"): Promise<boolean> {
  const { rowCount } = await tx.query("update public.households set status = $3 where id = $2 and cooperative_id = $1", [
    coopId,
    id,
    status,
  ]);
  return rowCount === 1;
}
