import type { z } from "zod";
import type { SetHandlerDepartmentsBody } from "../../../shared/schemas/orgs";
import type { Database } from "../../db/client";
import { grantsOf } from "../../platform/auth/service";
import type { RequestContext } from "../../platform/context";
import { invalidField, notFound } from "../../platform/errors";
import { requirePermission } from "../../platform/policy";
import { write } from "../../platform/write";
import * as repo from "./repository";

/**
 * 部门办理人绑定部门: a department handler acts for the departments it is bound to, and for no other.
 * Binding is part of granting the role, so it is the security administrator's (role.manage); the
 * account must hold department_handler in a city, and the departments must be that city's.
 */

/** The departments an account acts for as a department handler (the events module asks this on every request). */
export async function handlerDepartmentIds(db: Database, userId: number): Promise<number[]> {
  return repo.handlerDepartmentIds(db, userId);
}

/** The handler's city: 404 for an account that holds no department_handler role (nothing to bind). */
async function handlerCity(ctx: RequestContext, userId: number): Promise<number> {
  requirePermission(ctx, "role.manage");
  const grants = (await grantsOf(ctx.db, [userId])).get(userId) ?? [];
  const cityId = grants.find((grant) => grant.role === "department_handler" && grant.cityId !== null)?.cityId;
  if (cityId === undefined || cityId === null) throw notFound("部门办理人");
  return cityId;
}

async function present(db: Database, userId: number) {
  const ids = await repo.handlerDepartmentIds(db, userId);
  const rows = await repo.departmentsByIds(db, ids);
  return { userId, departments: rows.map((row) => ({ id: row.id, code: row.code, name: row.name })).sort((a, b) => a.id - b.id) };
}

export async function getHandlerDepartments(ctx: RequestContext, userId: number) {
  await handlerCity(ctx, userId);
  return present(ctx.db, userId);
}

export async function setHandlerDepartments(ctx: RequestContext, userId: number, body: z.infer<typeof SetHandlerDepartmentsBody>) {
  const cityId = await handlerCity(ctx, userId);
  const known = new Map((await repo.departmentsOfCity(ctx.db, cityId)).map((row) => [row.id, row]));
  body.departmentIds.forEach((id, index) => {
    const department = known.get(id);
    if (!department || department.retiredAt) throw invalidField(`departmentIds.${index}`, "不是该市的部门 (not a department of the handler's city)");
  });
  const before = await repo.handlerDepartmentIds(ctx.db, userId);
  await write(ctx, async (tx, audit) => {
    await repo.replaceHandlerDepartments(tx, cityId, userId, body.departmentIds, ctx.actor!.userId, ctx.clock.now());
    audit({ action: "handler.departments", entity: "user", entityId: userId, cityId, before: { departmentIds: before }, after: { departmentIds: [...body.departmentIds].sort((a, b) => a - b) } });
  });
  return present(ctx.db, userId);
}
