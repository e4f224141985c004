import { createHash } from "node:crypto";
import type { z } from "zod";
import type { ContractFileBody } from "../../../shared/schemas/ledgers";
import { localDay } from "../../platform/calendar/service";
import type { RequestContext } from "../../platform/context";
import { invalidField, notFound, versionConflict } from "../../platform/errors";
import { storedFileName } from "../../platform/files";
import { write } from "../../platform/write";
import { MAX_FILE_BYTES, decodeBase64, sniffType } from "../problems/files";
import { contractFor, detailOf, runChecks } from "./contracts";
import * as repo from "./repository";

/** The contract text (合同文本): a scan or a document, accepted by the type its bytes show and kept under that type's extension. */
const accepted = new Set(["pdf", "jpg", "png", "docx"]);

/**
 * Uploads a contract's text: the file replaces the current one (kept), the contract records it and is
 * checked again, so a "missing contract file" flag clears in the same transaction.
 */
export async function uploadContractFile(ctx: RequestContext, id: number, body: z.infer<typeof ContractFileBody>) {
  const { actor, row } = await contractFor(ctx, id, "ledger.manage");
  const bytes = decodeBase64(body.contentBase64);
  if (!bytes || bytes.length === 0) throw invalidField("contentBase64", "不是有效的文件 (not a file in standard base64)");
  if (bytes.length > MAX_FILE_BYTES) throw invalidField("contentBase64", "文件超过 10 MB (larger than 10 MB)");
  const type = sniffType(bytes);
  if (!type || !accepted.has(type.ext)) throw invalidField("contentBase64", "只接受 PDF、JPEG、PNG 或 DOCX 文件 (only PDF, JPEG, PNG and DOCX files)");
  const fileName = storedFileName(body.fileName, type.ext);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const today = localDay(ctx.clock.now());
  const saved = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const updated = await repo.updateContract(tx, id, body.version, { fileRef: fileName }, at);
    if (!updated) throw versionConflict();
    const fileId = await repo.replaceContractFile(tx, { cityId: row.cityId, contractId: id, fileName, mime: type.mime, size: bytes.length, sha256, content: bytes, uploadedBy: actor.userId, createdAt: at }, at);
    await runChecks(tx, updated.cityId, [updated.nodeId], today, at);
    audit({ action: "ledger.contract.file", entity: "ledger_contract", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: { fileRef: row.fileRef }, after: { fileId, fileName, mime: type.mime, size: bytes.length, sha256 } });
    return updated;
  });
  return detailOf(ctx.db, actor, saved);
}

/** The current contract text, to whoever may read the contract. */
export async function downloadContractFile(ctx: RequestContext, id: number) {
  await contractFor(ctx, id, "ledger.read");
  const file = await repo.currentContractFile(ctx.db, id);
  if (!file) throw notFound("合同文本");
  return file;
}
