import type { z } from "zod";
import type { Permission } from "../../../shared/permissions";
import type { AcceptBody, CloseBody, DeleteEventBody, DispatchBody, EventStage, EvaluateBody, FeedbackBody, RefuseBody, RegisterBody, RejectBody, ResubmitBody, SendBackBody, SummonAnswerBody, SummonBody, SummonRateBody, Urgency } from "../../../shared/schemas/events";
import { type RequestContext } from "../../platform/context";
import { AppError, conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt } from "../../platform/policy";
import { write } from "../../platform/write";
import { departmentFunctionRefs, departmentsOfCity } from "../orgs/service";
import { visibleNode } from "../../platform/tree";
import { functionsOfTypes, typeForIntake } from "./catalogue";
import { closeDeadline, timerFrom } from "./deadlines";
import { preparePhotos } from "./photo-copies";
import { allows, isOpen, type EventAction } from "./stages";
import * as repo from "./repository";
import { advance, eventFor, invalidTransition, timingFor, transition } from "./core";
import { getEvent } from "./queries";

// The workflow from registration to evaluation, and summonses (街乡吹哨、部门报到).

/** 案卷建立: registered, possibly retyped, re-graded or placed; dispatched at once when only one function covers the type. */
export async function registerEvent(ctx: RequestContext, id: number, body: z.infer<typeof RegisterBody>) {
  const { actor, event } = await eventFor(ctx, id, "event.dispatch");
  if (!allows("register", event.stage as EventStage)) throw invalidTransition("register", event.stage);
  const typeId = body.typeId ?? event.eventTypeId;
  const urgency = body.urgency ?? (event.urgency as Urgency);
  if (body.typeId !== undefined) await typeForIntake(ctx.db, event.cityId, body.typeId);
  let nodeId = event.nodeId;
  if (body.nodeId !== undefined && body.nodeId !== event.nodeId) {
    const target = await visibleNode(ctx, body.nodeId);
    authorizeAt(ctx, "event.dispatch", target.path);
    if (target.kind !== "micro_grid" || target.retiredAt || target.cityId !== event.cityId) throw invalidField("nodeId", "请选择本市的一个微网格 (choose a micro-grid of this city)");
    nodeId = target.id;
  }
  const timing = await timingFor(ctx.db, event.cityId, typeId, urgency);
  const functions = await functionsOfTypes(ctx.db, [typeId]);
  let only: { functionId: number; departmentId: number; automatic: boolean } | undefined = functions.length === 1 ? { ...functions[0]!, automatic: true } : undefined;
  if (body.functionId !== undefined) {
    // The registrar may send it elsewhere than the catalogue says; the same check as a dispatch.
    const fn = (await departmentFunctionRefs(ctx.db, [body.functionId])).get(body.functionId);
    if (!fn || fn.cityId !== event.cityId || fn.retired) throw invalidField("functionId", "没有这个部门职能 (no such department function)");
    only = { functionId: fn.id, departmentId: fn.departmentId, automatic: false };
  }
  const at = ctx.clock.now();
  const regraded = typeId !== event.eventTypeId || urgency !== event.urgency;
  const type = (await repo.typeNames(ctx.db, [typeId])).get(typeId);
  await write(ctx, async (tx, audit) => {
    // A conflict or hazard (矛盾隐患) enters the modules' registers with the case, in the same transaction.
    if (type?.conflict) {
      for (const hook of ctx.modules.conflictEventHooks) {
        await hook(tx, audit, { cityId: event.cityId, eventId: event.id, nodeId, typeName: type.name, description: event.description, reportedAt: event.reportedAt, at });
      }
    }
    const registered = await advance(tx, audit, {
      event,
      version: body.version,
      action: "register",
      to: "dispatching",
      restartsTimer: true,
      timing,
      actor,
      at,
      note: body.note || null,
      stepNodeId: nodeId !== event.nodeId ? nodeId : null,
      changes: {
        registeredAt: at,
        eventTypeId: typeId,
        urgency,
        nodeId,
        ...(regraded ? { closeDueAt: closeDeadline(timing.calendar, event.reportedAt, timing.limits) } : {}),
      },
      extra: { typeId, urgency, nodeId },
    });
    if (!only) return;
    await advance(tx, audit, {
      event: registered,
      version: registered.version,
      action: "dispatch",
      to: "dispatched",
      restartsTimer: true,
      timing,
      actor,
      at,
      note: only.automatic ? "自动派遣：该类型只对应一个部门职能 (dispatched automatically: one function covers this type)" : "立案时指定派遣部门 (department chosen at registration)",
      departmentId: only.departmentId,
      functionId: only.functionId,
      changes: { functionId: only.functionId, departmentId: only.departmentId, dispatchedAt: at, dispatchLate: false },
      extra: { functionId: only.functionId, departmentId: only.departmentId, automatic: only.automatic },
    });
  });
  return getEvent(ctx, id);
}

export async function rejectEvent(ctx: RequestContext, id: number, body: z.infer<typeof RejectBody>) {
  return transition(ctx, id, "reject", body.version, async ({ event }) => {
    let duplicateOfId: number | null = null;
    if (body.reason === "duplicate") {
      if (body.duplicateOfId === undefined) throw invalidField("duplicateOfId", "name the event this one repeats");
      if (body.duplicateOfId === event.id) throw invalidField("duplicateOfId", "an event cannot repeat itself");
      const original = await eventFor(ctx, body.duplicateOfId, "event.read").catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) throw invalidField("duplicateOfId", "没有这个事件 (no such event)");
        throw error;
      });
      if (original.event.cityId !== event.cityId) throw invalidField("duplicateOfId", "没有这个事件 (no such event)");
      duplicateOfId = original.event.id;
    }
    return {
      note: body.note,
      changes: { rejectReason: body.reason, duplicateOfId, statusNote: body.note },
      extra: { reason: body.reason, duplicateOfId },
    };
  });
}

/** 补充后重新上报: the reporter's side adds what was missing; the case waits for registration again, on a fresh clock. */
export async function resubmitEvent(ctx: RequestContext, id: number, body: z.infer<typeof ResubmitBody>) {
  return transition(ctx, id, "resubmit", body.version, async () => ({
    note: body.note,
    changes: { rejectReason: null, duplicateOfId: null, statusNote: body.note },
  }));
}

/** 任务派遣, or re-routing a dispatched case to another function (recorded, and counted against accurate dispatch). */
export async function dispatchEvent(ctx: RequestContext, id: number, body: z.infer<typeof DispatchBody>) {
  const { event } = await eventFor(ctx, id, "event.dispatch");
  const action: EventAction = event.stage === "dispatching" ? "dispatch" : "reroute";
  return transition(ctx, id, action, body.version, async () => {
    const fn = (await departmentFunctionRefs(ctx.db, [body.functionId])).get(body.functionId);
    if (!fn || fn.cityId !== event.cityId || fn.retired) throw invalidField("functionId", "没有这个部门职能 (no such department function)");
    if (action === "reroute" && fn.id === event.functionId) throw invalidField("functionId", "已派遣给该职能 (already with this function)");
    const again = event.dispatchedAt !== null;
    const at = ctx.clock.now();
    return {
      note: body.note || null,
      departmentId: fn.departmentId,
      functionId: fn.id,
      changes: {
        functionId: fn.id,
        departmentId: fn.departmentId,
        dispatchedAt: event.dispatchedAt ?? at,
        dispatchLate: again ? event.dispatchLate : event.dispatchLate || (event.stageDueAt !== null && at > event.stageDueAt),
        rerouteCount: event.rerouteCount + (again ? 1 : 0),
      },
      extra: { functionId: fn.id, departmentId: fn.departmentId, rerouted: again },
    };
  });
}

/** The department signs for the case and starts handling it (its handling clock keeps running). */
export async function acceptEvent(ctx: RequestContext, id: number, body: z.infer<typeof AcceptBody>) {
  return transition(ctx, id, "accept", body.version, async ({ event }) => ({ note: body.note || null, departmentId: event.departmentId }));
}

/** "Not ours": back to the dispatcher with the reason; the department is recorded on the step. */
export async function refuseEvent(ctx: RequestContext, id: number, body: z.infer<typeof RefuseBody>) {
  return transition(ctx, id, "refuse", body.version, async ({ event }) => ({
    note: body.reason,
    departmentId: event.departmentId,
    functionId: event.functionId,
    changes: { departmentId: null, functionId: null, refusalCount: event.refusalCount + 1 },
    extra: { departmentId: event.departmentId, reason: body.reason },
  }));
}

/** 处理反馈: the department reports what it did, with photos if it has them. */
export async function feedbackEvent(ctx: RequestContext, id: number, body: z.infer<typeof FeedbackBody>) {
  const photos = await preparePhotos(body.photos);
  const { actor, event } = await eventFor(ctx, id, "event.handle");
  if (!allows("feedback", event.stage as EventStage)) throw invalidTransition("feedback", event.stage);
  const at = ctx.clock.now();
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  await write(ctx, async (tx, audit) => {
    await advance(tx, audit, {
      event,
      version: body.version,
      action: "feedback",
      to: "checking",
      restartsTimer: true,
      timing,
      actor,
      at,
      note: body.result,
      departmentId: event.departmentId,
      functionId: event.functionId,
      changes: { handledAt: at, handleLate: event.handleLate || (event.stageDueAt !== null && at > event.stageDueAt) },
      extra: { photos: photos.length },
    });
    await repo.insertPhotos(
      tx,
      photos.map((photo) => ({ cityId: event.cityId, eventId: event.id, kind: "feedback", mime: photo.mime, size: photo.size, sha256: photo.sha256, data: photo.data, thumb: photo.thumb, web: photo.web, createdAt: at })),
    );
  });
  return getEvent(ctx, id);
}

/** 核查结案: checked on site and closed. */
export async function closeEvent(ctx: RequestContext, id: number, body: z.infer<typeof CloseBody>) {
  return transition(ctx, id, "close", body.version, async ({ event }, at) => ({
    note: body.note || null,
    changes: { closedAt: at, closedLate: event.closedLate || at > event.closeDueAt, statusNote: body.note || null },
  }));
}

/** Sent back to the department (rework): its handling clock starts again. */
export async function sendBackEvent(ctx: RequestContext, id: number, body: z.infer<typeof SendBackBody>) {
  return transition(ctx, id, "send_back", body.version, async ({ event }) => ({
    note: body.reason,
    departmentId: event.departmentId,
    changes: { reworkCount: event.reworkCount + 1 },
    extra: { reason: body.reason },
  }));
}

/** 综合评价: the resident's rating, recorded by staff (a call back) or given by the resident on the public side. */
export async function evaluateEvent(ctx: RequestContext, id: number, body: z.infer<typeof EvaluateBody>) {
  return transition(ctx, id, "evaluate", body.version, async (_access, at) => ({
    note: body.comment || null,
    changes: { rating: body.rating, ratingComment: body.comment || null, ratedAt: at },
    extra: { rating: body.rating, by: "staff" },
  }));
}

export async function deleteEvent(ctx: RequestContext, id: number, body: z.infer<typeof DeleteEventBody>) {
  const { event } = await eventFor(ctx, id, "event.dispatch");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateEvent(tx, id, body.version, event.stage, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "event.delete", entity: "event", entityId: id, nodeId: event.nodeId, cityId: event.cityId, before: { stage: event.stage, version: event.version }, after: { reason: body.reason } });
  });
}

// --- 街乡吹哨、部门报到

export async function summonDepartments(ctx: RequestContext, id: number, body: z.infer<typeof SummonBody>) {
  const { actor, event } = await eventFor(ctx, id, "event.summon");
  if (!isOpen(event.stage as EventStage)) throw invalidTransition("summon", event.stage);
  const known = await departmentsOfCity(ctx.db, event.cityId);
  body.departmentIds.forEach((departmentId, index) => {
    const dept = known.find((row) => row.id === departmentId);
    if (!dept || dept.retired) throw invalidField(`departmentIds.${index}`, "没有这个部门 (no such department)");
  });
  if (new Set(body.departmentIds).size !== body.departmentIds.length) throw invalidField("departmentIds", "listed twice");
  const already = new Set((await repo.summonsOf(ctx.db, id)).map((row) => row.departmentId));
  const repeated = body.departmentIds.findIndex((departmentId) => already.has(departmentId));
  if (repeated >= 0) throw conflict("该部门已被召集 (that department is already summoned to this event)", "already_summoned");
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  const at = ctx.clock.now();
  const due = timerFrom(timing.calendar, at, timing.limits.summon).dueAt;
  await write(ctx, async (tx, audit) => {
    await advance(tx, audit, {
      event,
      version: body.version,
      action: "summon",
      to: event.stage as EventStage,
      restartsTimer: false,
      timing,
      actor,
      at,
      note: body.note,
      extra: { departmentIds: body.departmentIds, dueAt: due.toISOString() },
    });
    await repo.insertSummons(
      tx,
      body.departmentIds.map((departmentId) => ({ cityId: event.cityId, eventId: id, departmentId, summonedByUserId: actor.userId, note: body.note, summonedAt: at, dueAt: due })),
    );
  });
  return getEvent(ctx, id);
}

async function summonsFor(ctx: RequestContext, summonsId: number, permission: Permission) {
  const row = await repo.findSummons(ctx.db, summonsId);
  if (!row) throw notFound("召集");
  const access = await eventFor(ctx, row.eventId, permission, row.departmentId);
  return { ...access, summons: row };
}

/** 部门报到: the department answers the summons; late when past its limit. */
export async function answerSummons(ctx: RequestContext, summonsId: number, body: z.infer<typeof SummonAnswerBody>) {
  const { event, summons } = await summonsFor(ctx, summonsId, "event.handle");
  if (summons.answeredAt) throw invalidTransition("answer", "answered");
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateSummons(tx, summonsId, body.version, { answeredAt: at, answerNote: body.note, answerLate: summons.answerLate || at > summons.dueAt });
    if (!row) throw versionConflict();
    audit({ action: "event.summons_answer", entity: "event_summons", entityId: summonsId, nodeId: event.nodeId, cityId: event.cityId, after: { eventId: event.id, late: row.answerLate, version: row.version } });
  });
  return getEvent(ctx, event.id);
}

/** The township records who came and how well they helped. */
export async function rateSummons(ctx: RequestContext, summonsId: number, body: z.infer<typeof SummonRateBody>) {
  const { event, summons } = await summonsFor(ctx, summonsId, "event.summon");
  if (summons.ratedAt) throw invalidTransition("rate", "rated");
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateSummons(tx, summonsId, body.version, { attended: body.attended, rating: body.rating, ratingNote: body.note || null, ratedAt: at });
    if (!row) throw versionConflict();
    audit({
      action: "event.summons_rate",
      entity: "event_summons",
      entityId: summonsId,
      nodeId: event.nodeId,
      cityId: event.cityId,
      after: { eventId: event.id, attended: body.attended, rating: body.rating, version: row.version },
    });
  });
  return getEvent(ctx, event.id);
}
