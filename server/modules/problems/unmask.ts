import { maskFreeText, maskName, maskPhone } from "../../../shared/mask";
import type { Actor } from "../../platform/context";
import type { Database } from "../../db/client";
import { can } from "../../platform/policy";
import { nodeRefs } from "../../platform/tree";
import * as repo from "./repository";

/** A phone as the export masks it (138****5678), or wholly hidden. */
export const MASKED_PHONE = /^(\d{3}\*{4}\d{4}|\*{4})$/;

interface Restorable {
  externalRef: string | null;
  title: string;
  description: string;
  reporterName: string | null;
  reporterPhone: string | null;
  assignment: { measure: string } | null;
}

/**
 * An exported ledger shows personal data masked; re-imported, a masked cell stands for the value it
 * hides, left unchanged. When the row's 问题编号 names a problem the importer can read and the cell is
 * exactly that problem's value masked, the problem's own value is taken; a masked phone with nothing
 * to restore from is left empty (a masked number is no number), never refused.
 */
export async function restoreMasked<R extends Restorable>(db: Database, actor: Actor, rows: R[]): Promise<R[]> {
  const idOf = (ref: string | null) => (ref && /^WT\d{6,}$/.test(ref) ? Number(ref.slice(2)) : null);
  const ids = [...new Set(rows.map((row) => idOf(row.externalRef)).filter((id): id is number => id !== null))];
  const originals = new Map((ids.length ? await repo.findProblems(db, ids) : []).filter((row) => row.cityId === actor.cityId && row.deletedAt === null).map((row) => [row.id, row]));
  const nodes = await nodeRefs(db, [...originals.values()].map((row) => row.nodeId));
  return rows.map((row) => {
    const id = idOf(row.externalRef);
    const original = id === null ? undefined : originals.get(id);
    const readable = original !== undefined && can(actor, "problem.read", nodes.get(original.nodeId)?.path ?? "/");
    const same = (cell: string | null, value: string | null, mask: (value: string | null) => string | null) =>
      readable && cell !== null && cell.includes("*") && cell === (mask(value) ?? "") ? value : cell;
    const text = (value: string | null) => maskFreeText(value ?? "");
    const phone = same(row.reporterPhone, original?.reporterPhone ?? null, maskPhone);
    return {
      ...row,
      title: same(row.title, original?.title ?? null, text) ?? row.title,
      description: same(row.description, original?.description ?? null, text) ?? row.description,
      reporterName: same(row.reporterName, original?.reporterName ?? null, maskName),
      reporterPhone: phone !== null && MASKED_PHONE.test(phone) ? null : phone,
      assignment: row.assignment ? { ...row.assignment, measure: same(row.assignment.measure, original?.measure ?? null, text) ?? row.assignment.measure } : null,
    };
  });
}
