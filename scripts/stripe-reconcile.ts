// `npm run stripe:reconcile [-- --hours 72]`: asks Stripe which Checkout Sessions of the last
// hours (default 72: as long as Stripe retries a webhook) were paid, applies any payment whose
// webhook never arrived or was never processed, and resends automatic refunds Stripe has not
// accepted yet — through the webhook's own inbox and money path, so running it twice, or while
// webhooks arrive, changes nothing more (app/models/stripe-reconcile.server.ts).
import { parseArgs } from "node:util";
import { openDatabase } from "~/db/open-database.server";
import { parseEnv } from "~/env.server";
import { reconcileStripePayments } from "~/models/stripe-reconcile.server";
import { stripeClientFor } from "~/payments/stripe-client.server";

const { values } = parseArgs({ options: { hours: { type: "string", default: "72" } } });
const hours = Number(values.hours);
if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) {
  console.error("--hours must be a whole number of hours from 1 to 720");
  process.exit(2);
}
const env = parseEnv();
const stripe = stripeClientFor(env);
if (!stripe) {
  console.error("STRIPE_SECRET_KEY is not set: in demo mode there is nothing to reconcile with Stripe.");
  process.exit(2);
}
const db = await openDatabase(env);
try {
  const report = await reconcileStripePayments(db, stripe, { since: new Date(Date.now() - hours * 3_600_000) });
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `${report.paidSessions} paid Checkout Sessions in the last ${hours} h: ${report.alreadyRecorded} already recorded, ` +
      `${report.applied.length} applied now, ${report.skipped.length} skipped; ${report.resumed} stuck events processed; ` +
      `${report.refundsPending} automatic refunds, ${report.stripeRefundsPending} refunds, ${report.reversalsPending} reversals ` +
      `and ${report.transfersPending} transfers still pending.`,
  );
  const pending = report.refundsPending + report.stripeRefundsPending + report.reversalsPending + report.transfersPending;
  process.exitCode = pending > 0 || report.skipped.length > 0 ? 1 : 0;
} finally {
  await db.close();
}
