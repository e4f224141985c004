import { jobContext, type JobEnv } from "../../platform/context";
import { write } from "../../platform/write";
import * as repo from "./repository";
import { SWEEP_BATCH } from "./core";
import { noticeOfEscalation } from "./notices";

// The overdue sweep: lights and escalation of stages past their limits.

/**
 * Escalates overdue stages up the tree (to the township, then the city), marks cases and summons past
 * their deadlines as late, and records each in the step log and the audit trail. Safe to run in
 * several processes at once and as often as wished: each case is escalated once per level.
 */
export async function sweepOverdueEvents(env: JobEnv): Promise<number> {
  const ctx = jobContext(env);
  const { db, clock } = env;
  const now = clock.now();
  let total = 0;
  for (const level of [1, 2] as const) {
    // Looked at first without a transaction, so that a quiet sweep writes nothing at all.
    while (await repo.overdueExists(db, level, now)) {
      const escalated = await write(ctx, async (tx, audit) => {
        const rows = await repo.escalateOverdue(tx, level, now, SWEEP_BATCH);
        for (const row of rows) {
          await repo.insertStep(tx, {
            cityId: row.cityId,
            eventId: row.id,
            action: "escalate",
            fromStage: row.stage,
            toStage: row.stage,
            nodeId: row.escalatedNodeId,
            note: level === 1 ? "超时，已上报乡镇（街道） (overdue: raised to the township or street)" : "严重超时，已上报市级 (long overdue: raised to the city)",
            late: true,
            at: now,
          });
          audit({ action: "event.escalate", entity: "event", entityId: row.id, nodeId: row.nodeId, cityId: row.cityId, after: { level, stage: row.stage, escalatedNodeId: row.escalatedNodeId } });
          await noticeOfEscalation(tx, row.id, level, row.escalatedNodeId, now);
        }
        // Another process took them between the look and the lock: the transaction still records the sweep.
        if (rows.length === 0) audit({ action: "event.sweep", entity: "event", after: { level, escalated: 0 } });
        return rows.length;
      });
      total += escalated;
      if (escalated < SWEEP_BATCH) break;
    }
  }
  if (await repo.lateMarksPending(db, now)) {
    await write(ctx, async (tx, audit) => {
      const late = await repo.markCloseOverdue(tx, now);
      const summons = await repo.markSummonsOverdue(tx, now);
      for (const row of late) audit({ action: "event.overdue", entity: "event", entityId: row.id, cityId: row.cityId, after: { closedLate: true } });
      for (const row of summons) audit({ action: "event.summons_overdue", entity: "event_summons", entityId: row.id, cityId: row.cityId, after: { answerLate: true } });
      if (late.length + summons.length === 0) audit({ action: "event.sweep", entity: "event", after: { closedLate: 0, summonsLate: 0 } });
    });
  }
  return total;
}
