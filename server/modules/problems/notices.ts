import type { NotificationKind } from "../../../shared/schemas/notifications";
import { roleGrants, roleNames } from "../../../shared/permissions";
import type { Database } from "../../db/client";
import { usersWithRoleAt } from "../../platform/auth/service";
import { nodeRef } from "../../platform/tree";
import { notifyWork } from "../notifications/work";
import { problemCode } from "./present";
import * as repo from "./repository";

// Who hears of a problem's turn, written in the transaction of the change (so never for one that rolled back).

const managerRoles = roleNames.filter((role) => roleGrants(role, "problem.manage"));

/** Those who rectify for a node: the managers held at it, else at the nearest node above that has any. */
async function rectifiersOf(db: Database, nodeId: number | null): Promise<number[]> {
  if (nodeId === null) return [];
  const node = await nodeRef(db, nodeId);
  if (!node) return [];
  const chain = node.path.split("/").filter(Boolean).map(Number).reverse();
  for (const id of chain) {
    const users = await usersWithRoleAt(db, [id], managerRoles);
    if (users.length > 0) return users;
  }
  return [];
}

const titles: Partial<Record<NotificationKind, string>> = {
  problem_assigned: "问题已交办，请整改",
  problem_returned: "整改未通过核查，已退回",
  problem_overdue: "问题整改逾期，已升级督办",
  problem_closed: "问题已销号",
};

async function send(db: Database, row: repo.ProblemRow, kind: NotificationKind, userIds: number[], key: string, at: Date, exceptUserId: number | null) {
  const recipients = userIds.filter((userId) => userId !== exceptUserId);
  if (recipients.length === 0) return;
  await notifyWork(db, {
    cityId: row.cityId,
    userIds: recipients,
    kind,
    title: `${titles[kind]}：${problemCode(row.id)} ${row.title}`.slice(0, 200),
    body: (row.measure ?? row.description).slice(0, 200),
    link: `/problems/${row.id}`,
    entity: "problem",
    entityId: row.id,
    dedupeKey: `${kind}:${row.id}:${key}`,
    at,
  });
}

/** Called by transition() once the problem row, its timeline and audit entry are written. */
export async function noticeOfTurn(db: Database, row: repo.ProblemRow, action: string, actorUserId: number, at: Date): Promise<void> {
  const key = String(row.version);
  switch (action) {
    case "assign":
      return send(db, row, "problem_assigned", await rectifiersOf(db, row.responsibleNodeId), key, at, actorUserId);
    case "return":
      return send(db, row, "problem_returned", await rectifiersOf(db, row.responsibleNodeId), key, at, actorUserId);
    case "approve":
      return send(db, row, "problem_closed", [...(row.createdBy === null ? [] : [row.createdBy]), ...(await rectifiersOf(db, row.responsibleNodeId))], key, at, actorUserId);
  }
}

/** Called by the overdue sweep for each escalation it writes: the node it went up to and the rectifiers hear. */
export async function noticeOfEscalation(db: Database, problemId: number, level: number, toNodeId: number, at: Date): Promise<void> {
  const row = await repo.findProblem(db, problemId);
  if (!row) return;
  const above = await usersWithRoleAt(db, [toNodeId], managerRoles);
  await send(db, row, "problem_overdue", [...above, ...(await rectifiersOf(db, row.responsibleNodeId))], `level${level}`, at, null);
}
