import { readFile } from "node:fs/promises";
import type { Database } from "~/db/database.server";

// CPU spent on a timed section: this Node process plus the Postgres backends serving the
// bench database, read from /proc. The machine is shared and noisy, and CPU time is less
// swayed by that than wall time. Works only when the server runs on this machine;
// otherwise the bench reports wall time alone.

const MS_PER_TICK = 10; // Linux USER_HZ is 100 on every mainstream build

async function ticksOf(pid: number): Promise<number | null> {
  try {
    // Fields after "(comm) ": utime and stime are the 12th and 13th.
    const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

async function backendsMs(pids: number[]): Promise<number | null> {
  let total = 0;
  for (const pid of pids) {
    const ticks = await ticksOf(pid);
    if (ticks === null) return null;
    total += ticks * MS_PER_TICK;
  }
  return total;
}

/** Starts a meter; the function it returns gives the CPU ms used since, or null if unreadable. */
export async function startCpuMeter(db: Database): Promise<() => Promise<number | null>> {
  const { rows } = await db.query<{ pid: number }>(
    "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
  );
  const pids = rows.map((r) => r.pid);
  const pgBefore = await backendsMs(pids);
  const nodeBefore = process.cpuUsage();
  return async () => {
    const node = process.cpuUsage(nodeBefore);
    const pgAfter = await backendsMs(pids);
    if (pgBefore === null || pgAfter === null) return null;
    return pgAfter - pgBefore + (node.user + node.system) / 1000;
  };
}
