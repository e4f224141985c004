import type { NotificationKind } from "../../../shared/schemas/notifications";
import { roleGrants, roleNames } from "../../../shared/permissions";
import type { Database } from "../../db/client";
import { usersWithRoleAt } from "../../platform/auth/service";
import { nodeRef } from "../../platform/tree";
import { notifyWork } from "../notifications/work";
import { handlersOfDepartments } from "../orgs/service";
import * as repo from "./repository";

// Who hears of a move of a case, written in the transaction of the move (so never for one that rolled back).

const dispatcherRoles = roleNames.filter((role) => roleGrants(role, "event.dispatch"));

function chainOf(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/** Handlers bound to one of the departments whose handler role reaches the case's place. */
async function handlersAt(db: Database, path: string, departmentIds: readonly (number | null)[]): Promise<number[]> {
  const bound = await handlersOfDepartments(db, departmentIds.filter((id): id is number => id !== null));
  if (bound.length === 0) return [];
  const reaching = new Set(await usersWithRoleAt(db, chainOf(path), ["department_handler"]));
  return bound.filter((userId) => reaching.has(userId));
}

/** Whoever dispatched the case last; failing that, those who dispatch at or above its place. */
async function dispatchersOf(db: Database, eventId: number, path: string): Promise<number[]> {
  const last = (await repo.stepsOf(db, eventId)).filter((step) => (step.action === "dispatch" || step.action === "reroute") && step.actorUserId !== null).at(-1);
  if (last) return [last.actorUserId!];
  return usersWithRoleAt(db, chainOf(path), dispatcherRoles);
}

const titles: Partial<Record<NotificationKind, string>> = {
  event_dispatched: "事件已派遣到本部门",
  event_refused: "事件被部门退回",
  event_summoned: "吹哨召集本部门报到",
  event_returned: "事件核查未通过，返工",
  event_overdue: "事件超时升级",
};

async function send(db: Database, event: repo.EventRow, kind: NotificationKind, userIds: number[], key: string, at: Date, exceptUserId: number | null) {
  const recipients = userIds.filter((userId) => userId !== exceptUserId);
  if (recipients.length === 0) return;
  await notifyWork(db, {
    cityId: event.cityId,
    userIds: recipients,
    kind,
    title: `${titles[kind]}：${event.trackingCode}`,
    body: event.description.slice(0, 200),
    link: `/events/${event.id}`,
    entity: "event",
    entityId: event.id,
    dedupeKey: `${kind}:${event.id}:${key}`,
    at,
  });
}

/** Called by advance() after a case moved: the row as it now stands, and what moved it. */
export async function noticeOfMove(db: Database, event: repo.EventRow, move: { action: string; actorUserId: number | null; at: Date; summoned?: readonly number[] }): Promise<void> {
  const node = await nodeRef(db, event.nodeId);
  if (!node) return;
  const key = String(event.version);
  switch (move.action) {
    case "dispatch":
    case "reroute":
      return send(db, event, "event_dispatched", await handlersAt(db, node.path, [event.departmentId]), key, move.at, move.actorUserId);
    case "refuse":
      return send(db, event, "event_refused", await dispatchersOf(db, event.id, node.path), key, move.at, move.actorUserId);
    case "summon":
      return send(db, event, "event_summoned", await handlersAt(db, node.path, move.summoned ?? []), key, move.at, move.actorUserId);
    case "send_back":
      return send(db, event, "event_returned", await handlersAt(db, node.path, [event.departmentId]), key, move.at, move.actorUserId);
  }
}

/** Called by the overdue sweep for each case it raised a level: the level above and the department hear. */
export async function noticeOfEscalation(db: Database, eventId: number, level: number, escalatedNodeId: number | null, at: Date): Promise<void> {
  const event = await repo.findEvent(db, eventId);
  const node = event ? await nodeRef(db, event.nodeId) : undefined;
  if (!event || !node) return;
  const above = escalatedNodeId === null ? [] : await usersWithRoleAt(db, [escalatedNodeId], dispatcherRoles);
  await send(db, event, "event_overdue", [...above, ...(await handlersAt(db, node.path, [event.departmentId]))], `level${level}`, at, null);
}
