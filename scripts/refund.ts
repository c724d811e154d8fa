// `npm run refund -- --order <id> (--all | --item <orderItemId>:<qty> …) [--restock] [--reason "…"]`
// The admin's refund until the cooperative dashboard (accounts issue) gives it a page.
// Runs through the same refundOrder as the dashboard will; the refund id makes a repeat harmless.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { openDatabase } from "~/db/open-database.server";
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
  },
});

function usage(message: string): never {
  console.error(`${message}\nusage: npm run refund -- --order <id> (--all | --item <orderItemId>:<qty> …) [--restock] [--reason "…"]`);
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
  const refundId = values["refund-id"] ?? randomUUID();
  const result = await refundOrder(db, { refundId, orderId: values.order!, items, restock: values.restock, reason: values.reason });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await db.close();
}
