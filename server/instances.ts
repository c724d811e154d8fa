import cluster, { type Worker } from "node:cluster";

// WEB_CONCURRENCY > 1 (on a Postgres server only: PGlite lives in one process): the primary
// migrates and seeds, then runs that many app instances on the one port, node:cluster handing
// connections out in turn, so a machine's cores all serve. Instances share nothing but the
// database: live events go through Postgres NOTIFY (every instance LISTENs), the render queue
// and the SSE limit are per instance. The instance in slot 1 alone runs the jobs (expiring
// unpaid orders, ending flash sales); an instance that dies is started again in its slot.

export type InstanceRole =
  { kind: "single" } | { kind: "primary"; instances: number } | { kind: "instance"; slot: number; runsJobs: boolean };

const SLOT_VARIABLE = "HARVEST_INSTANCE_SLOT";
const RESTART_DELAY_MS = 1_000;

export function instanceRole(env: { WEB_CONCURRENCY: number }): InstanceRole {
  if (cluster.isWorker) {
    const slot = Number(process.env[SLOT_VARIABLE]) || 1;
    return { kind: "instance", slot, runsJobs: slot === 1 };
  }
  return env.WEB_CONCURRENCY > 1 ? { kind: "primary", instances: env.WEB_CONCURRENCY } : { kind: "single" };
}

/** Forks `count` instances and resolves once every one listens; the returned function stops them all. */
export async function runInstances(count: number): Promise<() => Promise<void>> {
  let stopping = false;
  const running = new Map<number, Worker>();
  const start = (slot: number) =>
    new Promise<void>((resolve, reject) => {
      const worker = cluster.fork({ [SLOT_VARIABLE]: String(slot) });
      running.set(slot, worker);
      const failedToStart = (code: number | null) => reject(new Error(`app instance ${slot} exited (${code}) before it listened`));
      worker.once("exit", failedToStart);
      worker.once("listening", () => {
        worker.off("exit", failedToStart);
        resolve();
        worker.once("exit", (code, signal) => {
          if (stopping) return;
          console.error(JSON.stringify({ level: "error", msg: `app instance ${slot} exited (${signal ?? code}); starting it again` }));
          setTimeout(() => {
            if (!stopping) start(slot).catch((error: Error) => console.error(JSON.stringify({ level: "error", msg: error.message })));
          }, RESTART_DELAY_MS);
        });
      });
    });
  await Promise.all(Array.from({ length: count }, (_, i) => start(i + 1)));
  return async () => {
    stopping = true;
    await Promise.all(
      [...running.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.kill("SIGTERM");
          }),
      ),
    );
  };
}
