import { sql } from "drizzle-orm";
import { roleGrants, roleNames } from "../../../shared/permissions";
import type { Database } from "../../db/client";
import { jobContext, type JobEnv } from "../../platform/context";
import { usersOfPersons, usersWithRoles } from "../../platform/auth/service";
import { write } from "../../platform/write";
import { enqueueWebhook, notify } from "../notifications/service";
import { addDays, cityDay } from "./progress";
import * as repo from "./repository";

/** Days before a deadline when its owners are reminded. */
export const REMIND_DAYS = 3;
/** Days late after which a project is escalated to its leader, its task force and the office. */
export const ESCALATE_AFTER_DAYS = 7;

const SWEEP_LOCK = 74110030;

/** Thrown inside the transaction to leave it without writing: nothing to do, or another sweeper is at it. */
class NothingToDo extends Error {}

export interface SweepResult {
  late: number;
  cleared: number;
  escalated: number;
  reminded: number;
  /** Another process held the sweep lock, so this one did nothing. */
  skipped: boolean;
}

/**
 * Flags late projects, escalates those late for a week, clears flags whose deadline was moved, and
 * reminds owners of deadlines a few days off. Safe to run as often as wanted and from several
 * processes: a transaction-scoped advisory lock lets one sweeper in at a time (the others skip),
 * every update is conditional on the state it changes, and notifications and robot messages carry
 * dedupe keys, so a second run finds nothing left to do.
 * Late flags and escalation levels are derived from dates, so they change without a new version.
 */
export async function sweepLateProjects(env: JobEnv): Promise<SweepResult> {
  const ctx = jobContext(env);
  const { clock, config } = env;
  const result: SweepResult = { late: 0, cleared: 0, escalated: 0, reminded: 0, skipped: false };
  try {
    await write(ctx, async (tx, audit) => {
      const locked = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`)) as unknown as { rows: { ok: boolean }[] };
      if (!locked.rows[0]?.ok) {
        result.skipped = true;
        throw new NothingToDo();
      }
      const at = clock.now();
      const today = cityDay(at);

      const cleared = await repo.clearLateFlags(tx, today);
      for (const project of cleared) audit({ action: "campaign.project.late_cleared", entity: "campaign_project", entityId: project.id, cityId: project.cityId, nodeId: project.nodeId, after: { deadline: project.deadline } });

      const late = await repo.flagLate(tx, today);
      for (const project of late) {
        const title = `项目已逾期：${project.name}`;
        const text = `截止日期 ${project.deadline}，当前进度 ${project.progress}%。`;
        await notify(tx, { ...message(project, "project_late", title, text, at), userIds: await owners(tx, project), dedupeKey: `late:${project.id}:${today}` });
        await enqueueWebhook(tx, { cityId: project.cityId, title, text, dedupeKey: `late:${project.id}:${today}`, at, fallbackUrl: config.notifyWebhookUrl });
        audit({ action: "campaign.project.late", entity: "campaign_project", entityId: project.id, cityId: project.cityId, nodeId: project.nodeId, after: { lateSince: today, deadline: project.deadline } });
      }

      const escalated = await repo.escalateLate(tx, addDays(today, -ESCALATE_AFTER_DAYS));
      for (const project of escalated) {
        const title = `项目逾期${ESCALATE_AFTER_DAYS}天以上，已督办：${project.name}`;
        const text = `截止日期 ${project.deadline}，逾期自 ${project.lateSince}，当前进度 ${project.progress}%。`;
        const recipients = [...(await owners(tx, project)), ...(await overseers(tx, project))];
        await notify(tx, { ...message(project, "project_escalated", title, text, at), userIds: recipients, dedupeKey: `escalated:${project.id}:${project.lateSince}` });
        await enqueueWebhook(tx, { cityId: project.cityId, title, text, dedupeKey: `escalated:${project.id}:${project.lateSince}`, at, fallbackUrl: config.notifyWebhookUrl });
        audit({ action: "campaign.project.escalate", entity: "campaign_project", entityId: project.id, cityId: project.cityId, nodeId: project.nodeId, after: { escalationLevel: 2, lateSince: project.lateSince } });
      }

      const approaching = await repo.dueBetween(tx, today, addDays(today, REMIND_DAYS));
      const reminded = new Map<number, number[]>();
      for (const project of approaching) {
        const text = `截止日期 ${project.deadline}，当前进度 ${project.progress}%。`;
        const fresh = await notify(tx, { ...message(project, "deadline_approaching", `项目即将到期：${project.name}`, text, at), userIds: await owners(tx, project), dedupeKey: `due:${project.id}:${project.deadline}` });
        if (fresh > 0) reminded.set(project.cityId, [...(reminded.get(project.cityId) ?? []), project.id]);
      }
      for (const [cityId, projects] of reminded) audit({ action: "campaign.project.remind", entity: "campaign_project", cityId, after: { projects, on: today } });

      Object.assign(result, { late: late.length, cleared: cleared.length, escalated: escalated.length, reminded: [...reminded.values()].flat().length });
      if (result.late + result.cleared + result.escalated + result.reminded === 0) throw new NothingToDo();
    });
  } catch (error) {
    if (!(error instanceof NothingToDo)) throw error;
  }
  return result;
}

function message(project: repo.ProjectRow, kind: "project_late" | "project_escalated" | "deadline_approaching", title: string, body: string, at: Date) {
  return { cityId: project.cityId, kind, title, body, link: `/campaign/projects/${project.id}`, entity: "campaign_project", entityId: project.id, at };
}

/** Who answers for a project: the accounts of its lead unit, else those of its responsible leader. */
async function owners(db: Database, project: repo.ProjectRow): Promise<number[]> {
  const unitUsers = await repo.usersOfUnits(db, project.leadUnitId === null ? [] : [project.leadUnitId]);
  if (unitUsers.length > 0) return unitUsers;
  return usersOfPersons(db, project.leaderPersonId === null ? [] : [project.leaderPersonId]);
}

/** Who an escalation goes up to: the responsible leader, the task force's leader, and the office (campaign.review). */
async function overseers(db: Database, project: repo.ProjectRow): Promise<number[]> {
  const persons = [project.leaderPersonId];
  if (project.taskForceId !== null) persons.push(await repo.taskForceLeader(db, project.taskForceId));
  const reviewers = roleNames.filter((role) => roleGrants(role, "campaign.review"));
  return [...(await usersOfPersons(db, persons.filter((id): id is number => id !== null))), ...(await usersWithRoles(db, project.cityId, reviewers))];
}

