import type { LightMyRequestResponse } from "fastify";
import { roleAssignments, users } from "../db/schema";
import { hashPassword } from "../platform/auth/passwords";
import { roleNames, type RoleName } from "../../shared/permissions";
import { TEST_PASSWORD, type Session, type TestContext } from "./harness";

/**
 * The demo roles of the scope matrix (every role of shared/permissions.ts, then an account with none),
 * in the order every expected row follows. Accounts are those of
 * seedSmallCity: campaign_admin, leader, unit_staff and department_handler at the city root,
 * township_cadre and supervisor at T1, village_secretary at T1V1, grid_worker at T1V1G1, the three
 * system roles and the province reader without a node, and no_role.
 */
export const matrixRoles = [...roleNames, "no_role"] as const;
export type MatrixRole = (typeof matrixRoles)[number];

/**
 * Inside is always the grid T1V1G1 (or its micro-grid T1V1G1M1), which every role's node contains;
 * outside is the neighbouring branch at the role's own level, or another city (seedOtherCity) for
 * roles held at a city root.
 */
export const insideGrid = "T1V1G1";
export const outsideGrid: Record<MatrixRole, string> = {
  campaign_admin: "OT1V1G1",
  leader: "OT1V1G1",
  unit_staff: "OT1V1G1",
  township_cadre: "T2V1G1",
  village_secretary: "T1V2G1",
  grid_worker: "T1V2G1",
  department_handler: "OT1V1G1",
  supervisor: "T2V1G1",
  sys_admin: "OT1V1G1",
  security_admin: "OT1V1G1",
  audit_admin: "OT1V1G1",
  province_reader: "OT1V1G1",
  no_role: "OT1V1G1",
};

/** The villages a route on village records is tried at; outside, for each role, is the village its outsideGrid lies in. */
export const matrixVillages = ["T1V1", "T1V2", "T2V1", "OT1V1"] as const;
export const outsideVillage = Object.fromEntries(Object.entries(outsideGrid).map(([role, grid]) => [role, grid.replace(/G1$/, "")])) as Record<MatrixRole, string>;

/** Expected [inside, outside] status per role, in the order of `matrixRoles`. */
export type MatrixRow = [number, number][];

/** One row from thirteen "inside/outside" pairs written as a compact string, e.g. "200/404 403/403 …". */
export function row(spec: string): MatrixRow {
  const pairs = spec.trim().split(/\s+/).map((pair) => pair.split("/").map(Number) as [number, number]);
  if (pairs.length !== matrixRoles.length || pairs.some((pair) => pair.length !== 2 || pair.some(Number.isNaN))) {
    throw new Error(`a matrix row needs ${matrixRoles.length} inside/outside pairs: ${spec}`);
  }
  return pairs;
}

/** One expected status per role for routes without a node, written as thirteen numbers. */
export function statuses(spec: string): number[] {
  const list = spec.trim().split(/\s+/).map(Number);
  if (list.length !== matrixRoles.length || list.some(Number.isNaN)) throw new Error(`a matrix row needs ${matrixRoles.length} statuses: ${spec}`);
  return list;
}

export async function signInEveryRole(t: TestContext): Promise<Map<MatrixRole, Session>> {
  const sessions = new Map<MatrixRole, Session>();
  for (const role of matrixRoles) sessions.set(role, await t.login(role));
  return sessions;
}

/** The cases of one route: a role with its expected inside and outside status, for it.each. */
export function matrixCases(expected: MatrixRow) {
  return matrixRoles.map((role, index) => ({ role, inside: expected[index]![0], outside: expected[index]![1] }));
}

/** A fixture's request that must succeed: anything else stops the file with the server's answer. */
export async function succeeded<T = { id: number; version: number }>(response: Promise<LightMyRequestResponse>, status: number): Promise<T> {
  const result = await response;
  if (result.statusCode !== status) throw new Error(`fixture: ${result.statusCode} ${result.body}`);
  return result.json() as T;
}

let fixturePasswordHash: Promise<string> | undefined;

/** An account outside the matrix, with one role at a node, that makes the records the rows act on. */
export async function fixtureAccount(t: TestContext, account: { username: string; cityId: number; role: RoleName; nodeId: number }): Promise<number> {
  fixturePasswordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await t.db
    .insert(users)
    .values({ username: account.username, displayName: account.username, cityId: account.cityId, passwordHash: await fixturePasswordHash })
    .returning({ id: users.id });
  await t.db.insert(roleAssignments).values({ userId: user!.id, role: account.role, nodeId: account.nodeId, cityId: account.cityId });
  return user!.id;
}
