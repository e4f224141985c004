import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, Ok } from "../../../shared/schemas/common";
import * as s from "../../../shared/schemas/campaign";
import * as board from "./board";
import * as reports from "./reports";
import * as campaign from "./service";
import { attachmentDisposition } from "../../platform/files";

/** Base64 makes 10 MB of evidence about 13.4 MB of JSON; every other route keeps the app's 1 MB limit. */
const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["campaign"];
  const ok = { 200: Ok };
  const done = { ok: true as const };

  // campaigns
  api.get("/api/campaign/campaigns", { schema: { tags, response: { 200: s.ListOf(s.Campaign) } } }, async (r) => campaign.listCampaigns(r.ctx));
  api.post("/api/campaign/campaigns", { schema: { tags, body: s.CreateCampaignBody, response: { 201: s.Campaign } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createCampaign(r.ctx, r.body);
  });
  api.get("/api/campaign/campaigns/:id", { schema: { tags, params: IdParams, response: { 200: s.Campaign } } }, async (r) => campaign.getCampaign(r.ctx, r.params.id));
  api.patch("/api/campaign/campaigns/:id", { schema: { tags, params: IdParams, body: s.UpdateCampaignBody, response: { 200: s.Campaign } } }, async (r) =>
    campaign.updateCampaign(r.ctx, r.params.id, r.body),
  );
  api.delete("/api/campaign/campaigns/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await campaign.deleteCampaign(r.ctx, r.params.id, r.body);
    return done;
  });
  api.get("/api/campaign/campaigns/:id/battle-map", { schema: { tags, params: IdParams, querystring: s.BattleMapQuery, response: { 200: s.BattleMap } } }, async (r) =>
    campaign.battleMap(r.ctx, r.params.id, r.query),
  );
  api.get("/api/campaign/campaigns/:id/figures", { schema: { tags, params: IdParams, response: { 200: s.CampaignFigures } } }, async (r) => campaign.campaignFigures(r.ctx, r.params.id));
  api.get("/api/campaign/campaigns/:id/rates", { schema: { tags, params: IdParams, querystring: s.RatesQuery, response: { 200: s.Rates } } }, async (r) =>
    campaign.rates(r.ctx, r.params.id, r.query.by),
  );

  // aspects > items > measures
  api.get("/api/campaign/aspects", { schema: { tags, querystring: s.CampaignQuery, response: { 200: s.ListOf(s.Aspect) } } }, async (r) => campaign.listAspects(r.ctx, r.query.campaign));
  api.post("/api/campaign/aspects", { schema: { tags, body: s.CreateAspectBody, response: { 201: s.Aspect } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createAspect(r.ctx, r.body);
  });
  api.patch("/api/campaign/aspects/:id", { schema: { tags, params: IdParams, body: s.UpdateAspectBody, response: { 200: s.Aspect } } }, async (r) =>
    campaign.updateAspect(r.ctx, r.params.id, r.body),
  );
  api.delete("/api/campaign/aspects/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await campaign.deleteAspect(r.ctx, r.params.id, r.body);
    return done;
  });
  api.get("/api/campaign/items", { schema: { tags, querystring: s.ItemQuery, response: { 200: s.ListOf(s.Item) } } }, async (r) => campaign.listItems(r.ctx, r.query.campaign, r.query.aspect));
  api.post("/api/campaign/items", { schema: { tags, body: s.CreateItemBody, response: { 201: s.Item } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createItem(r.ctx, r.body);
  });
  api.patch("/api/campaign/items/:id", { schema: { tags, params: IdParams, body: s.UpdateItemBody, response: { 200: s.Item } } }, async (r) => campaign.updateItem(r.ctx, r.params.id, r.body));
  api.delete("/api/campaign/items/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await campaign.deleteItem(r.ctx, r.params.id, r.body);
    return done;
  });
  api.get("/api/campaign/measures", { schema: { tags, querystring: s.MeasureQuery, response: { 200: s.ListOf(s.Measure) } } }, async (r) => campaign.listMeasures(r.ctx, r.query));
  api.post("/api/campaign/measures", { schema: { tags, body: s.CreateMeasureBody, response: { 201: s.Measure } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createMeasure(r.ctx, r.body);
  });
  api.patch("/api/campaign/measures/:id", { schema: { tags, params: IdParams, body: s.UpdateMeasureBody, response: { 200: s.Measure } } }, async (r) =>
    campaign.updateMeasure(r.ctx, r.params.id, r.body),
  );
  api.delete("/api/campaign/measures/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await campaign.deleteMeasure(r.ctx, r.params.id, r.body);
    return done;
  });

  // task forces
  api.get("/api/campaign/task-forces", { schema: { tags, querystring: s.CampaignQuery, response: { 200: s.ListOf(s.TaskForce) } } }, async (r) => campaign.listTaskForces(r.ctx, r.query.campaign));
  api.get("/api/campaign/task-forces/:id", { schema: { tags, params: IdParams, response: { 200: s.TaskForceDetail } } }, async (r) => campaign.getTaskForce(r.ctx, r.params.id));
  api.post("/api/campaign/task-forces", { schema: { tags, body: s.CreateTaskForceBody, response: { 201: s.TaskForceDetail } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createTaskForce(r.ctx, r.body);
  });
  api.patch("/api/campaign/task-forces/:id", { schema: { tags, params: IdParams, body: s.UpdateTaskForceBody, response: { 200: s.TaskForceDetail } } }, async (r) =>
    campaign.updateTaskForce(r.ctx, r.params.id, r.body),
  );
  api.delete("/api/campaign/task-forces/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await campaign.deleteTaskForce(r.ctx, r.params.id, r.body);
    return done;
  });
  api.post("/api/campaign/task-forces/:id/members", { schema: { tags, params: IdParams, body: s.AddMemberBody, response: { 201: s.TaskForceDetail } } }, async (r, reply) => {
    reply.status(201);
    return campaign.addMember(r.ctx, r.params.id, r.body);
  });
  api.delete("/api/campaign/task-force-members/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: { 200: s.TaskForceDetail } } }, async (r) =>
    campaign.removeMember(r.ctx, r.params.id, r.body),
  );

  // projects and milestones
  api.get("/api/campaign/projects", { schema: { tags, querystring: s.ProjectQuery, response: { 200: s.ListOf(s.Project) } } }, async (r) => campaign.listProjects(r.ctx, r.query));
  api.get("/api/campaign/projects/:id", { schema: { tags, params: IdParams, response: { 200: s.ProjectDetail } } }, async (r) => campaign.getProject(r.ctx, r.params.id));
  api.get("/api/campaign/due-milestones", { schema: { tags, querystring: s.DueMilestoneQuery, response: { 200: s.ListOf(s.DueMilestone) } } }, async (r) => campaign.listDueMilestones(r.ctx, r.query));
  api.post("/api/campaign/projects", { schema: { tags, body: s.CreateProjectBody, response: { 201: s.ProjectDetail } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createProject(r.ctx, r.body);
  });
  api.patch("/api/campaign/projects/:id", { schema: { tags, params: IdParams, body: s.UpdateProjectBody, response: { 200: s.ProjectDetail } } }, async (r) =>
    campaign.updateProject(r.ctx, r.params.id, r.body),
  );
  api.delete("/api/campaign/projects/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await campaign.deleteProject(r.ctx, r.params.id, r.body);
    return done;
  });
  api.post("/api/campaign/projects/:id/status", { schema: { tags, params: IdParams, body: s.ProjectStatusBody, response: { 200: s.ProjectDetail } } }, async (r) =>
    campaign.setProjectStatus(r.ctx, r.params.id, r.body),
  );
  api.post("/api/campaign/milestones", { schema: { tags, body: s.CreateMilestoneBody, response: { 201: s.ProjectDetail } } }, async (r, reply) => {
    reply.status(201);
    return campaign.createMilestone(r.ctx, r.body);
  });
  api.patch("/api/campaign/milestones/:id", { schema: { tags, params: IdParams, body: s.UpdateMilestoneBody, response: { 200: s.ProjectDetail } } }, async (r) =>
    campaign.updateMilestone(r.ctx, r.params.id, r.body),
  );
  api.delete("/api/campaign/milestones/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: { 200: s.ProjectDetail } } }, async (r) =>
    campaign.deleteMilestone(r.ctx, r.params.id, r.body),
  );

  // the claim board
  api.get("/api/campaign/topics", { schema: { tags, querystring: s.TopicQuery, response: { 200: s.ListOf(s.Topic) } } }, async (r) => board.listTopics(r.ctx, r.query));
  api.get("/api/campaign/topics/:id", { schema: { tags, params: IdParams, response: { 200: s.Topic } } }, async (r) => board.getTopic(r.ctx, r.params.id));
  api.post("/api/campaign/topics", { schema: { tags, body: s.CreateTopicBody, response: { 201: s.Topic } } }, async (r, reply) => {
    reply.status(201);
    return board.createTopic(r.ctx, r.body);
  });
  api.patch("/api/campaign/topics/:id", { schema: { tags, params: IdParams, body: s.UpdateTopicBody, response: { 200: s.Topic } } }, async (r) => board.updateTopic(r.ctx, r.params.id, r.body));
  api.delete("/api/campaign/topics/:id", { schema: { tags, params: IdParams, body: s.RemoveBody, response: ok } }, async (r) => {
    await board.deleteTopic(r.ctx, r.params.id, r.body);
    return done;
  });
  for (const step of ["publish", "close", "reopen"] as const) {
    api.post(`/api/campaign/topics/:id/${step}`, { schema: { tags, params: IdParams, body: s.VersionBody, response: { 200: s.Topic } } }, async (r) =>
      board.moveTopic(r.ctx, r.params.id, step, r.body),
    );
  }
  api.get("/api/campaign/topic-units", { schema: { tags, querystring: s.CampaignQuery, response: { 200: s.ListOf(s.TopicUnit) } } }, async (r) => campaign.topicUnits(r.ctx, r.query.campaign));
  api.get("/api/campaign/claims", { schema: { tags, querystring: s.ClaimQuery, response: { 200: s.ListOf(s.Claim) } } }, async (r) => board.listClaims(r.ctx, r.query));
  api.get("/api/campaign/claims/:id", { schema: { tags, params: IdParams, response: { 200: s.Claim } } }, async (r) => board.getClaim(r.ctx, r.params.id));
  api.post("/api/campaign/claims", { schema: { tags, body: s.CreateClaimBody, response: { 201: s.Claim } } }, async (r, reply) => {
    reply.status(201);
    return board.createClaim(r.ctx, r.body);
  });
  api.post("/api/campaign/claims/:id/resubmit", { schema: { tags, params: IdParams, body: s.ResubmitClaimBody, response: { 200: s.Claim } } }, async (r) =>
    board.resubmitClaim(r.ctx, r.params.id, r.body),
  );
  api.post("/api/campaign/claims/:id/withdraw", { schema: { tags, params: IdParams, body: s.VersionBody, response: { 200: s.Claim } } }, async (r) =>
    board.withdrawClaim(r.ctx, r.params.id, r.body),
  );
  api.post("/api/campaign/claims/:id/approve", { schema: { tags, params: IdParams, body: s.ReviewBody, response: { 200: s.Claim } } }, async (r) =>
    board.approveClaim(r.ctx, r.params.id, r.body),
  );
  api.post("/api/campaign/claims/:id/return", { schema: { tags, params: IdParams, body: s.ReturnBody, response: { 200: s.Claim } } }, async (r) => board.returnClaim(r.ctx, r.params.id, r.body));

  // progress reports and evidence
  api.get("/api/campaign/reports", { schema: { tags, querystring: s.ReportQuery, response: { 200: s.ListOf(s.Report) } } }, async (r) => reports.listReports(r.ctx, r.query));
  api.get("/api/campaign/reports/:id", { schema: { tags, params: IdParams, response: { 200: s.Report } } }, async (r) => reports.getReport(r.ctx, r.params.id));
  api.post("/api/campaign/reports", { schema: { tags, body: s.CreateReportBody, response: { 201: s.Report } } }, async (r, reply) => {
    reply.status(201);
    return reports.createReport(r.ctx, r.body);
  });
  api.post("/api/campaign/reports/:id/accept", { schema: { tags, params: IdParams, body: s.ReviewBody, response: { 200: s.Report } } }, async (r) =>
    reports.acceptReport(r.ctx, r.params.id, r.body),
  );
  api.post("/api/campaign/reports/:id/return", { schema: { tags, params: IdParams, body: s.ReturnBody, response: { 200: s.Report } } }, async (r) =>
    reports.returnReport(r.ctx, r.params.id, r.body),
  );
  api.post(
    "/api/campaign/reports/:id/attachments",
    { bodyLimit: UPLOAD_BODY_LIMIT, schema: { tags, params: IdParams, body: s.UploadBody, response: { 201: s.Report } } },
    async (r, reply) => {
      reply.status(201);
      return reports.uploadAttachment(r.ctx, r.params.id, r.body);
    },
  );
  api.get("/api/campaign/attachments/:id", { schema: { tags, params: IdParams } }, async (r, reply) => {
    const { attachment, data } = await reports.downloadAttachment(r.ctx, r.params.id);
    // Always a download, never rendered in our origin; the type was checked by its bytes on the way in.
    return reply
      .header("content-type", attachment.contentType)
      .header("content-disposition", attachmentDisposition(attachment.fileName))
      .header("x-content-type-options", "nosniff")
      .send(data);
  });

  // who speaks for which unit
  api.get("/api/campaign/me", { schema: { tags, response: { 200: s.CampaignMe } } }, async (r) => campaign.me(r.ctx));
  api.get("/api/campaign/unit-members", { schema: { tags, querystring: s.UnitMemberQuery, response: { 200: z.object({ items: z.array(s.UnitMember) }) } } }, async (r) =>
    campaign.listUnitMembers(r.ctx, r.query.unit),
  );
  api.post("/api/campaign/unit-members", { schema: { tags, body: s.AddUnitMemberBody, response: { 201: s.UnitMember } } }, async (r, reply) => {
    reply.status(201);
    return campaign.addUnitMember(r.ctx, r.body);
  });
  api.delete("/api/campaign/unit-members/:id", { schema: { tags, params: IdParams, body: s.UnitMemberRemoveBody, response: ok } }, async (r) => {
    await campaign.removeUnitMember(r.ctx, r.params.id, r.body.reason);
    return done;
  });
}
