import { createHash } from "node:crypto";
import type { z } from "zod";
import type { AttachmentBody } from "../../../shared/schemas/problems";
import type { RequestContext } from "../../platform/context";
import { conflict, forbidden, invalidField, notFound } from "../../platform/errors";
import { authorizeAt, requireActor } from "../../platform/policy";
import { write } from "../../platform/write";
import { MAX_FILE_BYTES, decodeBase64, sniffType } from "./files";
import { storedFileName } from "../../platform/files";
import { isOpenStatus, mayAttach } from "./policy";
import * as repo from "./repository";
import { clueFor, invalidTransition, presentAttachment, problemFor } from "./access";

// Files on clues and problems: accepted by the type their bytes show, stored under that type's extension, read within the caller's reach.

function acceptFile(body: z.infer<typeof AttachmentBody>) {
  const bytes = decodeBase64(body.contentBase64);
  if (!bytes || bytes.length === 0) throw invalidField("contentBase64", "not a file in standard base64");
  if (bytes.length > MAX_FILE_BYTES) throw invalidField("contentBase64", "larger than 10 MB");
  const type = sniffType(bytes);
  if (!type) throw invalidField("contentBase64", "only JPEG, PNG, PDF, DOCX and XLSX files are accepted");
  const fileName = storedFileName(body.fileName, type.ext);
  return { bytes, type, fileName };
}

async function storeFile(ctx: RequestContext, owner: { problemId: number } | { clueId: number }, cityId: number, nodeId: number, body: z.infer<typeof AttachmentBody>) {
  const actor = requireActor(ctx);
  const { bytes, type, fileName } = acceptFile(body);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const row = await write(ctx, async (tx, audit) => {
    const inserted = await repo.insertAttachment(tx, { cityId, ...owner, fileName, mime: type.mime, size: bytes.length, sha256, uploadedBy: actor.userId, createdAt: ctx.clock.now() }, bytes);
    audit({ action: "problem.attach", entity: "problem_attachment", entityId: inserted.id, nodeId, cityId, after: { ...owner, fileName, mime: type.mime, size: bytes.length, sha256 } });
    return inserted;
  });
  return presentAttachment(row);
}

export async function attachToProblem(ctx: RequestContext, id: number, body: z.infer<typeof AttachmentBody>) {
  const { actor, problem, node, responsible } = await problemFor(ctx, id);
  if (!mayAttach(actor, node, responsible)) throw forbidden();
  if (!isOpenStatus(problem.status)) throw invalidTransition("attach", problem.status);
  return storeFile(ctx, { problemId: id }, problem.cityId, problem.nodeId, body);
}

export async function attachToClue(ctx: RequestContext, id: number, body: z.infer<typeof AttachmentBody>) {
  const { clue, node } = await clueFor(ctx, id);
  authorizeAt(ctx, "problem.report", node.path);
  if (clue.status !== "open") throw conflict(`线索已处理 (the clue is already ${clue.status})`, "invalid_transition");
  return storeFile(ctx, { clueId: id }, clue.cityId, clue.nodeId, body);
}

/** The file, to whoever may read the clue or problem it belongs to. */
export async function downloadAttachment(ctx: RequestContext, id: number) {
  const attachment = await repo.findAttachment(ctx.db, id);
  if (!attachment) throw notFound("附件");
  if (attachment.problemId !== null) await problemFor(ctx, attachment.problemId);
  else await clueFor(ctx, attachment.clueId!);
  const content = await repo.attachmentContent(ctx.db, id);
  if (!content) throw notFound("附件");
  return { attachment, content };
}
