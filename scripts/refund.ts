// `npm run refund -- --order <id> (--all | --item <orderItemId>:<qty> …) [--restock] [--reason "…"] [--as <email>]`
// An operator's refund outside the dashboard. It acts as a named signed-in user (--as; by
// default the platform admin, when there is exactly one) through the same refundOrder as the
// dashboard, so the database checks that user's rights per item and records who refunded —
// there is no service-role shortcut around public.refund_order. The refund id makes a repeat harmless.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { openDatabase } from "~/db/open-database.server";
import { withRole } from "~/db/request-role.server";
import { parseEnv } from "~/env.server";
import { refundOrder } from "~/models/refund.server";

const { values } = parseArgs({
  options: {
    order: { type: "string" },
    item: { type: "string", multiple: true },
    all: { type: "boolean", default: false },
    restock: { type: "boolean", default: false },
    reason: { type: "string", default: "" },
    "refund-id": { type: "string" },
    as: { type: "string" },
  },
});

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run refund -- --order <id> (--all | --item <orderItemId>:<qty> …) [--restock] [--reason "…"] [--as <email>]`,
  );
  process.exit(2);
}

if (!values.order) usage("--order is required");
if (values.all === Boolean(values.item?.length)) usage("give either --all or one or more --item");
const items = values.all
  ? ("all" as const)
  : values.item!.map((spec) => {
      const [orderItemId, qty] = spec.split(":");
      const quantity = Number(qty);
      if (!orderItemId || !Number.isInteger(quantity) || quantity < 1) usage(`bad --item ${spec}`);
      return { orderItemId, quantity };
    });

const db = await openDatabase(parseEnv());
try {
  // Who acts: read with the operator's own database connection (this script holds DATABASE_URL).
  const actors = await db.query<{ id: string }>(
    values.as
      ? "select u.id from auth.users u where lower(u.email) = lower($1)"
      : "select p.id from public.profiles p where p.is_platform_admin",
    values.as ? [values.as] : [],
  );
  if (actors.rows.length !== 1) usage(values.as ? `no user ${values.as}` : "give --as <email>: there is not exactly one platform admin");
  const refundId = values["refund-id"] ?? randomUUID();
  const result = await withRole(db, { role: "authenticated", userId: actors.rows[0].id }, (tx) =>
    refundOrder(tx, { refundId, orderId: values.order!, items, restock: values.restock, reason: values.reason }),
  );
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await db.close();
}
