import { inArray } from "drizzle-orm";
import type { Category, Channel, ProblemStatus, Source } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import { problems } from "../../db/schema";
import type { Actor, Tx } from "../../platform/context";
import type { Audit } from "../../platform/write";
import { auditView, problemCode } from "./present";
import * as repo from "./repository";

/**
 * What other modules ask of the problem lists, so that none reads or writes these tables: register a
 * problem inside the caller's own transaction (a ledger flag raised as a problem commits with the flag),
 * and learn where given problems stand.
 */
export interface ProblemFromModule {
  cityId: number;
  nodeId: number;
  channel: Channel;
  source: Source;
  category: Category;
  title: string;
  description: string;
  foundOn: string;
  /** Where the problem came from in the other module, e.g. "ledger-flag:12". */
  externalRef: string;
}

export async function registerProblem(tx: Tx, audit: Audit, actor: Actor, input: ProblemFromModule, at: Date): Promise<{ id: number; code: string }> {
  const [row] = await repo.insertProblems(tx, [{ ...input, createdBy: actor.userId, createdAt: at, updatedAt: at }]);
  await repo.insertEvent(tx, { cityId: input.cityId, problemId: row!.id, action: "register", toStatus: "registered", data: { externalRef: input.externalRef }, actorUserId: actor.userId, actorName: actor.displayName, at });
  audit({ action: "problem.create", entity: "problem", entityId: row!.id, nodeId: input.nodeId, cityId: input.cityId, after: auditView(row!) });
  return { id: row!.id, code: problemCode(row!.id) };
}

export interface ProblemState {
  id: number;
  code: string;
  status: ProblemStatus;
  closed: boolean;
}

/** The status of each given problem that exists and is not deleted. */
export async function problemStates(db: Database, ids: readonly number[]): Promise<Map<number, ProblemState>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: problems.id, status: problems.status, deletedAt: problems.deletedAt }).from(problems).where(inArray(problems.id, unique));
  return new Map(
    rows.filter((row) => row.deletedAt === null).map((row) => [row.id, { id: row.id, code: problemCode(row.id), status: row.status as ProblemStatus, closed: row.status === "closed" }]),
  );
}
