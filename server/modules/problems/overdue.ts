import { runningStatuses, type Light } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import type { AuditInput } from "../../platform/audit/service";
import { recordAudit } from "../../platform/audit/service";
import { calendarFor } from "../../platform/calendar/service";
import type { Clock } from "../../platform/clock";
import { noticeOfEscalation } from "./notices";
import * as repo from "./repository";

/** A problem still red this many working days after its last escalation goes one node further up. */
export const ESCALATE_EVERY_WORKING_DAYS = 5;

export interface SweepResult {
  cities: number;
  changed: number;
  escalated: number;
}

function isRunning(status: string): boolean {
  return (runningStatuses as readonly string[]).includes(status);
}

/**
 * Brings every timed problem's traffic light up to the clock and escalates red ones to the nodes
 * above (one level per ESCALATE_EVERY_WORKING_DAYS of lateness, up to the city). Idempotent, and safe
 * when several server processes run it at once: each city is swept in one transaction under an
 * advisory lock, so a second sweeper waits, then reads what the first committed and finds nothing left;
 * escalations are unique per problem and level besides.
 */
export async function sweepOverdue(db: Database, clock: Clock): Promise<SweepResult> {
  const result: SweepResult = { cities: 0, changed: 0, escalated: 0 };
  for (const cityId of await repo.citiesWithTimed(db)) {
    const part = await db.transaction(async (tx) => {
      await repo.lockCitySweep(tx, cityId);
      // Read the clock only once the lock is held: a sweeper that waited must not write an older "now".
      const now = clock.now();
      const calendar = await calendarFor(tx, cityId);
      const rows = await repo.timedOfCity(tx, cityId);
      const updates = new Map<string, { light: Light; level: number; ids: number[] }>();
      const events: Parameters<typeof repo.insertEvents>[1] = [];
      const audits: AuditInput[] = [];
      let escalated = 0;
      for (const row of rows) {
        if (!row.assignedAt || !row.deadlineAt) continue;
        const light = calendar.light(row.assignedAt, row.deadlineAt, now);
        let level = row.escalationLevel;
        if (light !== row.light) events.push({ cityId, problemId: row.id, action: "light", data: { from: row.light, to: light }, actorName: "system", at: now });
        if (light === "red" && isRunning(row.status)) {
          // Nearest first: the parent of the node the problem was given to, then its parent, up to the city.
          const chain = row.path.split("/").filter(Boolean).map(Number);
          const above = chain.slice(0, -1).reverse();
          const overdueDays = calendar.workingDaysAfter(row.deadlineAt, now);
          const wanted = Math.min(above.length, 1 + Math.floor(overdueDays / ESCALATE_EVERY_WORKING_DAYS));
          for (let next = row.escalationLevel + 1; next <= wanted; next++) {
            const fromNodeId = next === 1 ? chain[chain.length - 1]! : above[next - 2]!;
            const toNodeId = above[next - 1]!;
            const inserted = await repo.insertEscalation(tx, { cityId, problemId: row.id, level: next, fromNodeId, toNodeId, overdueWorkingDays: overdueDays, at: now });
            if (!inserted) continue;
            escalated++;
            events.push({ cityId, problemId: row.id, action: "escalate", data: { level: next, fromNodeId, toNodeId, overdueWorkingDays: overdueDays }, actorName: "system", at: now });
            audits.push({ action: "problem.escalate", entity: "problem", entityId: row.id, nodeId: row.nodeId, cityId, after: { level: next, fromNodeId, toNodeId, overdueWorkingDays: overdueDays } });
            await noticeOfEscalation(tx, row.id, next, toNodeId, now);
          }
          level = Math.max(level, wanted);
        }
        if (light === row.light && level === row.escalationLevel) continue;
        const key = `${light}|${level}`;
        const group = updates.get(key) ?? { light, level, ids: [] };
        group.ids.push(row.id);
        updates.set(key, group);
      }
      let changed = 0;
      for (const group of updates.values()) {
        await repo.setLights(tx, group.ids, group.light, group.level, now);
        changed += group.ids.length;
      }
      await repo.insertEvents(tx, events);
      if (changed > 0 || escalated > 0) {
        audits.push({ action: "problem.sweep", entity: "city", entityId: cityId, cityId, after: { changed, escalated } });
        await recordAudit(tx, { at: now, actorUserId: null, actorUsername: "system", ip: null }, audits);
      }
      return { changed, escalated };
    });
    result.cities++;
    result.changed += part.changed;
    result.escalated += part.escalated;
  }
  return result;
}
