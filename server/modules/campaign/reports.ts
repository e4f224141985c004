import { createHash } from "node:crypto";
import type { z } from "zod";
import { MAX_ATTACHMENT_BYTES, type CreateReportBody, type ReportQuery, type ReturnBody, type ReviewBody, type UploadBody } from "../../../shared/schemas/campaign";
import type { RequestContext } from "../../platform/context";
import { conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt } from "../../platform/policy";
import { mayReview, reportAbilities } from "./policy";
import { write } from "../../platform/write";
import { enqueueWebhook, notify } from "../notifications/service";
import { notifyWork } from "../notifications/work";
import { projectInReach, projectReachSql, reachOf } from "./access";
import { campaignAccess, namesFor, notFoundAs, projectAccess, recompute, type CampaignAccess } from "./core";
import { acceptedExtensions, detectFileType } from "./evidence";
import * as claimsRepo from "./claims-repository";
import * as repo from "./repository";

type Body<T extends z.ZodType> = z.infer<T>;

/**
 * A report goes submitted → accepted or → returned, once; a returned report is answered with a new
 * one. Only the project's lead unit (or a node role with campaign.report over the project's place)
 * reports; the office reviews. Accepting applies the reported progress and rolls it up.
 */
async function presentReports(ctx: RequestContext, access: CampaignAccess, rows: { report: repo.ReportRow; project: repo.ProjectRow }[]) {
  const attachments = await claimsRepo.attachmentsOf(ctx.db, rows.map((r) => r.report.id));
  const names = await namesFor(ctx.db, access.campaign.cityId, {});
  const reviewer = mayReview(access.reach.actor, access.node.path);
  return rows.map(({ report, project }) => ({
    id: report.id,
    projectId: report.projectId,
    projectName: project.name,
    milestoneId: report.milestoneId,
    unit: names.unit(report.unitId),
    progress: report.progress,
    text: report.text,
    status: report.status as "submitted" | "accepted" | "returned",
    reviewNote: report.reviewNote,
    submittedAt: report.submittedAt.toISOString(),
    reviewedAt: report.reviewedAt?.toISOString() ?? null,
    attachments: attachments
      .filter((a) => a.reportId === report.id)
      .map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString() })),
    version: report.version,
    abilities: reportAbilities(reviewer, report.submittedBy === access.reach.actor.userId, report.status),
  }));
}

export async function listReports(ctx: RequestContext, query: Body<typeof ReportQuery>) {
  const access = await campaignAccess(ctx, query.campaign);
  const { rows, total } = await claimsRepo.listReports(ctx.db, {
    campaignId: access.campaign.id,
    reach: projectReachSql(access.reach, true),
    projectId: query.project,
    status: query.status,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentReports(ctx, access, rows), total };
}

async function reportAccess(ctx: RequestContext, id: number) {
  const report = await claimsRepo.findReport(ctx.db, id);
  if (!report) throw notFound("进展报告");
  const access = await projectAccess(ctx, report.projectId).catch(notFoundAs("进展报告"));
  return { report, ...access };
}

export async function getReport(ctx: RequestContext, id: number) {
  const { report, project, ...access } = await reportAccess(ctx, id);
  return (await presentReports(ctx, access, [{ report, project }]))[0]!;
}

export async function createReport(ctx: RequestContext, body: Body<typeof CreateReportBody>) {
  const access = await projectAccess(ctx, body.projectId);
  const { project, projectNode } = access;
  const reportReach = await reachOf(ctx, "campaign.report");
  if (!projectInReach(reportReach, { nodePath: projectNode.path, leadUnitId: project.leadUnitId, cooperatingUnitIds: project.cooperatingUnitIds }, false)) {
    throw forbidden("只有牵头单位可以报告进展 (only the lead unit reports on this project)");
  }
  if (project.status === "done" || project.status === "suspended") {
    throw conflict(`项目状态为 ${project.status}，不能报告进展 (the project is ${project.status})`, "invalid_transition");
  }
  if (body.milestoneId !== undefined && body.milestoneId !== null) {
    const milestone = await repo.findMilestone(ctx.db, body.milestoneId);
    if (!milestone || milestone.projectId !== project.id) throw invalidField("milestoneId", "not a milestone of this project");
    if (milestone.progress >= 100) throw conflict("该节点已完成 (the milestone is already complete)", "invalid_transition");
    // 压茬推进: a later stage's work is reported only once the stage before it is done.
    if (milestone.stage > project.currentStage) throw conflict(`第${milestone.stage}阶段尚未开始，请先完成第${project.currentStage}阶段 (stage ${milestone.stage} has not started)`, "stage_not_started");
  }
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.insertReport(tx, {
      cityId: project.cityId,
      projectId: project.id,
      milestoneId: body.milestoneId ?? null,
      unitId: project.leadUnitId,
      progress: body.progress,
      text: body.text,
      submittedBy: reportReach.actor.userId,
      submittedAt: at,
      createdAt: at,
    });
    audit({ action: "campaign.report.submit", entity: "campaign_report", entityId: row.id, cityId: row.cityId, nodeId: project.nodeId, after: row });
    return row.id;
  });
  return getReport(ctx, id);
}

async function reviewedReport(ctx: RequestContext, id: number) {
  const found = await reportAccess(ctx, id);
  authorizeAt(ctx, "campaign.review", found.projectNode.path);
  if (found.report.status !== "submitted") throw conflict(`报告状态为 ${found.report.status}，已审核 (already reviewed)`, "invalid_transition");
  return found;
}

export async function acceptReport(ctx: RequestContext, id: number, body: Body<typeof ReviewBody>) {
  const { report, project, campaign } = await reviewedReport(ctx, id);
  const milestone = report.milestoneId === null ? undefined : await repo.findMilestone(ctx.db, report.milestoneId);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.updateReport(tx, id, body.version, { status: "accepted", reviewNote: body.note ?? null, reviewedBy: ctx.actor!.userId, reviewedAt: at });
    if (!row) throw versionConflict();
    if (milestone) {
      await repo.setMilestoneProgress(tx, milestone.id, report.progress, report.progress >= 100 ? at : null);
    } else {
      await repo.setReportedProgress(tx, project.id, report.progress);
    }
    // Work reported on a project that had not started starts it (and gives it its default progress no longer).
    if (project.status === "not_started") await repo.setDerived(tx, project.id, { status: "in_progress", progress: project.progress, currentStage: project.currentStage, completedAt: null });
    await recompute(tx, campaign.id, at);
    await notifyWork(tx, { cityId: row.cityId, userIds: [report.submittedBy], kind: "report_accepted", title: `进展报告已通过：${project.name}`, body: body.note ?? "", link: `/campaign/projects/${project.id}`, entity: "campaign_report", entityId: id, dedupeKey: `report_accepted:${id}`, at });
    audit({ action: "campaign.report.accept", entity: "campaign_report", entityId: id, cityId: row.cityId, nodeId: project.nodeId, before: { status: "submitted" }, after: { status: "accepted", progress: report.progress, milestoneId: report.milestoneId } });
  });
  return getReport(ctx, id);
}

export async function returnReport(ctx: RequestContext, id: number, body: Body<typeof ReturnBody>) {
  const { report, project } = await reviewedReport(ctx, id);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.updateReport(tx, id, body.version, { status: "returned", reviewNote: body.note, reviewedBy: ctx.actor!.userId, reviewedAt: at });
    if (!row) throw versionConflict();
    const title = `进展报告被退回：${project.name}`;
    await notify(tx, {
      cityId: row.cityId,
      userIds: [report.submittedBy, ...(await repo.usersOfUnits(tx, project.leadUnitId === null ? [] : [project.leadUnitId]))],
      kind: "report_returned",
      title,
      body: body.note,
      link: `/campaign/projects/${project.id}`,
      entity: "campaign_report",
      entityId: id,
      dedupeKey: `report_returned:${id}`,
      at,
    });
    await enqueueWebhook(tx, { cityId: row.cityId, title, text: `退回意见：${body.note}`, dedupeKey: `report_returned:${id}`, at, fallbackUrl: ctx.config.notifyWebhookUrl });
    audit({ action: "campaign.report.return", entity: "campaign_report", entityId: id, cityId: row.cityId, nodeId: project.nodeId, before: { status: "submitted" }, after: { status: "returned", note: body.note } });
  });
  return getReport(ctx, id);
}

/** Evidence goes with a report while it awaits review, from whoever submitted it. */
export async function uploadAttachment(ctx: RequestContext, reportId: number, body: Body<typeof UploadBody>) {
  const { report } = await reportAccess(ctx, reportId);
  if (report.submittedBy !== ctx.actor!.userId) throw forbidden("只有报告人可以上传佐证材料 (only the reporter attaches evidence)");
  if (report.status !== "submitted") throw conflict("报告已审核，不能再上传 (the report has been reviewed)", "invalid_transition");
  const bytes = Buffer.from(body.dataBase64, "base64");
  if (bytes.length === 0) throw invalidField("dataBase64", "the file is empty");
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw invalidField("dataBase64", "larger than 10 MB");
  const contentType = detectFileType(body.fileName, bytes);
  if (!contentType) throw invalidField("dataBase64", `the content is not a ${acceptedExtensions.join(", ")} file matching its name`);
  await write(ctx, async (tx, audit) => {
    const row = await claimsRepo.insertAttachment(
      tx,
      { cityId: report.cityId, reportId, fileName: body.fileName, contentType, sizeBytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), uploadedBy: ctx.actor!.userId, createdAt: ctx.clock.now() },
      bytes,
    );
    audit({ action: "campaign.attachment.upload", entity: "campaign_attachment", entityId: row.id, cityId: row.cityId, after: row });
  });
  return getReport(ctx, reportId);
}

export async function downloadAttachment(ctx: RequestContext, id: number) {
  const attachment = await claimsRepo.findAttachment(ctx.db, id);
  if (!attachment) throw notFound("佐证材料");
  await reportAccess(ctx, attachment.reportId).catch(notFoundAs("佐证材料"));
  const data = await claimsRepo.attachmentData(ctx.db, id);
  if (!data) throw notFound("佐证材料");
  return { attachment, data };
}
