import { createHash, randomInt } from "node:crypto";
import type { z } from "zod";
import type { Category, ListItemsQuery, PublicCityQuery, PublicProblemBody, ProblemStatus } from "../../../shared/schemas/problems";
import { localDay } from "../../platform/calendar/service";
import type { RequestContext } from "../../platform/context";
import { invalidField, notFound } from "../../platform/errors";
import { write } from "../../platform/write";
import { cityIdByCode, nodeRefs, type NodeRef } from "../../platform/tree";
import { clueCode, problemCode } from "./present";
import { nodesOfCity } from "../orgs/service";
import * as listsRepo from "./lists-repository";
import * as repo from "./repository";
import { page } from "./access";
import { maskFreeText } from "../../../shared/mask";

/**
 * The public side: no sign-in, so everything here is built field by field from what may be shown —
 * codes, titles, places, statuses and dates; never a reporter, a phone or a responsible person.
 */

/** Places a resident can pick: villages and communities. */
const PUBLIC_PLACE_KINDS = ["village", "community"] as const;
/** Grids and micro-grids are places too, when a resident knows theirs. */
const SUBMIT_PLACE_KINDS = new Set<string>([...PUBLIC_PLACE_KINDS, "grid", "micro_grid"]);
/** No 0/O, 1/I/L: a code read out over the phone must survive it. */
const TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

async function cityOf(ctx: RequestContext, code: string): Promise<number> {
  const cityId = await cityIdByCode(ctx.db, code);
  if (cityId === undefined) throw notFound("城市");
  return cityId;
}

function publicItem(row: repo.ProblemRow, nodes: Map<number, NodeRef>) {
  return {
    code: problemCode(row.id),
    title: maskFreeText(row.title),
    category: row.category as Category,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    status: row.status as ProblemStatus,
    foundOn: row.foundOn,
    deadlineOn: row.deadlineAt ? localDay(row.deadlineAt) : null,
    closedOn: row.closedAt ? localDay(row.closedAt) : null,
  };
}

function publicList(row: repo.ProblemListRow, nodes: Map<number, NodeRef>, closed: number) {
  return {
    id: row.id,
    title: maskFreeText(row.title),
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    publishedAt: row.publishedAt!.toISOString(),
    itemCount: row.itemCount,
    closedCount: closed,
  };
}

export async function publishedLists(ctx: RequestContext, query: z.infer<typeof PublicCityQuery>) {
  const cityId = await cityOf(ctx, query.city);
  const { limit, offset } = page(query);
  const { rows, total } = await listsRepo.publishedListsOfCity(ctx.db, cityId, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const closed = await listsRepo.closedCounts(ctx.db, rows.map((row) => row.id));
  return { items: rows.map((row) => publicList(row, nodes, closed.get(row.id) ?? 0)), total, page: query.page, pageSize: query.pageSize };
}

/** A published list with each item's status and dates; drafts and withdrawn lists do not exist here. */
export async function publishedList(ctx: RequestContext, id: number, query: z.infer<typeof ListItemsQuery>) {
  const row = await listsRepo.findProblemList(ctx.db, id);
  if (!row || row.status !== "published") throw notFound("公示清单");
  const { limit, offset } = page(query);
  const items = await listsRepo.listItems(ctx.db, id, limit, offset);
  const nodes = await nodeRefs(ctx.db, [row.nodeId, ...items.map((item) => item.nodeId)]);
  const closed = (await listsRepo.closedCounts(ctx.db, [id])).get(id) ?? 0;
  return { ...publicList(row, nodes, closed), items: items.map((item) => publicItem(item, nodes)), page: query.page, pageSize: query.pageSize };
}

export async function places(ctx: RequestContext, city: string) {
  const cityId = await cityOf(ctx, city);
  const rows = await nodesOfCity(ctx.db, cityId, PUBLIC_PLACE_KINDS);
  return { items: rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind, parentName: row.parentName })) };
}

function trackingCode(): string {
  const group = () => Array.from({ length: 4 }, () => TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)]).join("");
  return `ZL-${group()}-${group()}-${group()}`;
}

/** Only the code's hash is stored: whoever reads the table cannot follow a resident's submission. */
function trackingHash(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/** A resident's problem arrives as a clue (online, raised by residents) and is followed with the code shown once here. */
export async function submit(ctx: RequestContext, body: z.infer<typeof PublicProblemBody>) {
  const cityId = await cityIdByCode(ctx.db, body.city);
  if (cityId === undefined) throw invalidField("city", "no such city");
  const node = (await nodeRefs(ctx.db, [body.nodeId])).get(body.nodeId);
  if (!node || node.cityId !== cityId || node.retiredAt || !SUBMIT_PLACE_KINDS.has(node.kind)) throw invalidField("nodeId", "not a village, community or grid of this city");
  const code = trackingCode();
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const clue = await repo.insertClue(tx, {
      cityId,
      nodeId: node.id,
      channel: "online",
      source: "residents",
      category: body.category,
      description: body.description,
      reporterName: body.contactName || null,
      reporterPhone: body.contactPhone ?? null,
      receivedAt: at,
      trackingHash: trackingHash(code),
      publicSubmission: true,
      createdAt: at,
      updatedAt: at,
    });
    audit({ action: "clue.public_submit", entity: "problem_clue", entityId: clue.id, nodeId: node.id, cityId, after: { channel: "online", source: "residents", category: body.category } });
  });
  return { trackingCode: code, receivedAt: at.toISOString() };
}

export async function track(ctx: RequestContext, code: string) {
  const clue = await repo.findClueByTracking(ctx.db, trackingHash(code));
  if (!clue) throw notFound("受理编号");
  const problems = await repo.problemsOfClue(ctx.db, clue.id);
  const nodes = await nodeRefs(ctx.db, [clue.nodeId, ...problems.map((row) => row.nodeId)]);
  return {
    code: clueCode(clue.id),
    status: clue.status as "open" | "converted" | "dismissed",
    category: clue.category as Category,
    nodeName: nodes.get(clue.nodeId)?.name ?? "",
    receivedAt: clue.receivedAt.toISOString(),
    dismissReason: maskFreeText(clue.dismissReason),
    problems: problems.map((row) => publicItem(row, nodes)),
  };
}
