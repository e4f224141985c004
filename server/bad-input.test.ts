import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";

/**
 * Every route that takes a body or a query is fed malformed JSON, wrong types, oversize strings and
 * unknown fields, at the top and inside nested objects and lists: each must answer 400 naming the field,
 * and no table of any module may change. The list of routes comes from the OpenAPI document, so a new
 * route without a valid example here fails the suite; each example is first checked against the route's
 * own schema, so that a mutation is refused for itself and not for an example already wrong.
 */
let t: TestContext;
let city: SmallCity;
let session: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  session = await t.login("campaign_admin");
});
afterAll(async () => t.close());

const id = () => city.nodes.get("T1V1")!.id;
const validBodies: Record<string, () => Record<string, unknown>> = {
  "POST /api/auth/login": () => ({ username: "leader", password: "Whatever#2026" }),
  "POST /api/auth/password": () => ({ currentPassword: "Whatever#2026", newPassword: "Another#2026x" }),
  "POST /api/accounts": () => ({ username: "fresh.user", displayName: "新用户", cityId: null, password: "Fresh#Pass2026" }),
  "PATCH /api/accounts/{id}": () => ({ version: 1, displayName: "改名" }),
  "POST /api/accounts/{id}/reset-password": () => ({ version: 1, password: "Fresh#Pass2026" }),
  "POST /api/accounts/{id}/roles": () => ({ role: "leader", nodeId: id() }),
  "POST /api/password-resets/{id}/approve": () => ({ version: 1 }),
  "POST /api/password-resets/{id}/reject": () => ({ version: 1 }),
  "POST /api/security/login-locks/clear": () => ({ key: "ip:10.0.0.1" }),
  "POST /api/orgs": () => ({ parentId: id(), kind: "grid", code: "NEWG", name: "新网格" }),
  "PATCH /api/orgs/{id}": () => ({ version: 1, name: "新名" }),
  "POST /api/orgs/{id}/move": () => ({ version: 1, parentId: id() }),
  "POST /api/orgs/{id}/retire": () => ({ version: 1, reason: "合并" }),
  "POST /api/persons": () => ({ nodeId: id(), name: "张三", gender: "M" }),
  "PATCH /api/persons/{id}": () => ({ version: 1, name: "李四" }),
  "DELETE /api/persons/{id}": () => ({ version: 1, reason: "迁出" }),
  "POST /api/persons/{id}/reveal": () => ({ field: "phone" }),
  "POST /api/problem-clues": () => ({ nodeId: id(), channel: "hotline", source: "residents", category: "other", description: "描述" }),
  "POST /api/problem-clues/{id}/convert": () => ({ version: 1, problems: [{ title: "问题" }] }),
  "POST /api/problem-clues/{id}/dismiss": () => ({ version: 1, reason: "不属实" }),
  "POST /api/problem-clues/{id}/attachments": () => ({ fileName: "a.png", contentBase64: "iVBORw0KGgo=" }),
  "POST /api/problems": () => ({ nodeId: id(), channel: "hotline", source: "residents", category: "other", title: "标题", description: "描述" }),
  "POST /api/problems/{id}/assign": () => ({ version: 1, responsibleNodeId: id(), responsiblePerson: "张三", measure: "措施", deadlineDays: 5 }),
  "POST /api/problems/{id}/start": () => ({ version: 1, note: "开始" }),
  "POST /api/problems/{id}/progress": () => ({ version: 1, progress: 50, note: "进展" }),
  "POST /api/problems/{id}/submit": () => ({ version: 1, note: "完成" }),
  "POST /api/problems/{id}/approve": () => ({ version: 1, note: "通过" }),
  "POST /api/problems/{id}/return": () => ({ version: 1, reason: "返工" }),
  "POST /api/problems/{id}/dismiss": () => ({ version: 1, reason: "不属实" }),
  "POST /api/problems/{id}/merge": () => ({ version: 1, intoId: id() }),
  "DELETE /api/problems/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/problems/{id}/supervise": () => ({ note: "督办" }),
  "POST /api/problems/{id}/attachments": () => ({ fileName: "a.png", contentBase64: "iVBORw0KGgo=" }),
  "POST /api/problems/import/preview": () => ({ fileName: "a.xlsx", contentBase64: "UEsDBA==" }),
  "POST /api/problems/import/commit": () => ({ token: "a".repeat(32), skipInvalid: false }),
  "POST /api/problem-lists": () => ({ nodeId: id(), title: "清单", periodFrom: "2026-01-01", periodTo: "2026-03-31" }),
  "POST /api/problem-lists/{id}/publish": () => ({ version: 1 }),
  "POST /api/problem-lists/{id}/withdraw": () => ({ version: 1, reason: "撤回" }),
  "POST /api/common-lists": () => ({ nodeId: id(), title: "共性", category: "other", description: "描述", measure: "措施", problemIds: [1] }),
  "POST /api/common-lists/{id}/members": () => ({ version: 1, problemIds: [1] }),
  "POST /api/common-lists/{id}/publish": () => ({ version: 1 }),
  "POST /api/negative-lists": () => ({ nodeId: id(), title: "负面", category: "other", description: "描述" }),
  "POST /api/negative-lists/{id}/breaches": () => ({ nodeId: id(), occurredOn: "2026-05-01", description: "违规" }),
  "POST /api/negative-lists/{id}/retire": () => ({ version: 1, reason: "停用" }),
  "POST /api/public/problems": () => ({ city: "testcity", nodeId: id(), category: "other", description: "描述" }),
  "PUT /api/calendar": () => ({ year: 2026, version: 0, days: [] }),
  "POST /api/event-types": () => ({ code: "NEWTYPE", name: "新类型", category: "市容环境" }),
  "PATCH /api/event-types/{id}": () => ({ version: 1, name: "改名" }),
  "POST /api/events": () => ({ typeId: 1, description: "路灯不亮", lon: 110.6, lat: 35.6 }),
  "POST /api/events/{id}/register": () => ({ version: 1 }),
  "POST /api/events/{id}/reject": () => ({ version: 1, reason: "invalid", note: "无效报告" }),
  "POST /api/events/{id}/dispatch": () => ({ version: 1, functionId: 1 }),
  "POST /api/events/{id}/accept": () => ({ version: 1 }),
  "POST /api/events/{id}/refuse": () => ({ version: 1, reason: "不属于本部门职责" }),
  "POST /api/events/{id}/feedback": () => ({ version: 1, result: "已处理完毕" }),
  "POST /api/events/{id}/close": () => ({ version: 1 }),
  "POST /api/events/{id}/send-back": () => ({ version: 1, reason: "未处理到位" }),
  "POST /api/events/{id}/resubmit": () => ({ version: 1, note: "已补充现场照片" }),
  "POST /api/events/{id}/evaluate": () => ({ version: 1, rating: "satisfied" }),
  "POST /api/events/{id}/summons": () => ({ version: 1, departmentIds: [1], note: "街乡吹哨" }),
  "POST /api/event-summons/{id}/answer": () => ({ version: 1, note: "已到场" }),
  "POST /api/event-summons/{id}/rate": () => ({ version: 1, attended: true, rating: 5 }),
  "DELETE /api/events/{id}": () => ({ version: 1, reason: "误报" }),
  "POST /api/grids/import": () => ({
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: { code: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: [[[110, 35], [110.1, 35], [110.1, 35.1], [110, 35]]] } }],
  }),
  "POST /api/public/events": () => ({ city: "testcity", typeId: 1, description: "路灯不亮", lon: 110.6, lat: 35.6 }),
  "POST /api/public/ratings": () => ({ trackingCode: "ABCDEFGH12", rating: "satisfied" }),
  "POST /api/campaign/campaigns": () => ({ name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" }),
  "PATCH /api/campaign/campaigns/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/campaigns/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/aspects": () => ({ campaignId: 1, name: "政治引领" }),
  "PATCH /api/campaign/aspects/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/aspects/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/items": () => ({ aspectId: 1, name: "书记抓基层" }),
  "PATCH /api/campaign/items/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/items/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/measures": () => ({ itemId: 1, name: "建立工作机制", kind: "required" }),
  "PATCH /api/campaign/measures/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/measures/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/task-forces": () => ({ campaignId: 1, name: "网格治理专班" }),
  "PATCH /api/campaign/task-forces/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/task-forces/{id}": () => ({ version: 1, reason: "合并" }),
  "POST /api/campaign/task-forces/{id}/members": () => ({ personId: 1, role: "member" }),
  "DELETE /api/campaign/task-force-members/{id}": () => ({ version: 1, reason: "调离" }),
  "POST /api/campaign/projects": () => ({ campaignId: 1, level: "concrete", name: "网格赋能项目", kind: "required", deadline: "2026-09-30" }),
  "PATCH /api/campaign/projects/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/projects/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/projects/{id}/status": () => ({ version: 1, status: "in_progress" }),
  "POST /api/campaign/milestones": () => ({ projectId: 1, name: "制定方案", dueOn: "2026-06-30" }),
  "PATCH /api/campaign/milestones/{id}": () => ({ version: 1, name: "改名" }),
  "DELETE /api/campaign/milestones/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/topics": () => ({ campaignId: 1, audience: "unit", kind: "required", title: "网格员队伍建设", description: "说明", expectedResults: "成效", claimDeadline: "2026-06-30" }),
  "PATCH /api/campaign/topics/{id}": () => ({ version: 1, title: "改名" }),
  "DELETE /api/campaign/topics/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/campaign/topics/{id}/publish": () => ({ version: 1 }),
  "POST /api/campaign/topics/{id}/close": () => ({ version: 1 }),
  "POST /api/campaign/topics/{id}/reopen": () => ({ version: 1 }),
  "POST /api/campaign/claims": () => ({ topicId: 1, summary: "本单位领题", projects: [] }),
  "POST /api/campaign/claims/{id}/resubmit": () => ({ version: 1, summary: "修改后的方案", projects: [] }),
  "POST /api/campaign/claims/{id}/withdraw": () => ({ version: 1 }),
  "POST /api/campaign/claims/{id}/approve": () => ({ version: 1, note: "同意" }),
  "POST /api/campaign/claims/{id}/return": () => ({ version: 1, note: "请细化" }),
  "POST /api/campaign/reports": () => ({ projectId: 1, progress: 50, text: "完成一半" }),
  "POST /api/campaign/reports/{id}/accept": () => ({ version: 1, note: "属实" }),
  "POST /api/campaign/reports/{id}/return": () => ({ version: 1, note: "请补充" }),
  "POST /api/campaign/reports/{id}/attachments": () => ({ fileName: "现场.png", dataBase64: "iVBORw0KGgo=" }),
  "POST /api/campaign/unit-members": () => ({ userId: 1, unitId: 1 }),
  "DELETE /api/campaign/unit-members/{id}": () => ({ reason: "调离" }),
  "POST /api/training/classrooms": () => ({ nodeId: id(), kind: "branch", name: "分课堂", address: "党群中心" }),
  "POST /api/training/teachers": () => ({ nodeId: id(), name: "王老师", level: "county", unit: "市委党校", topics: ["governance"] }),
  "POST /api/training/forms": () => ({ name: "集中授课" }),
  "POST /api/training/plans": () => ({ nodeId: id(), year: 2026, title: "年度计划" }),
  "POST /api/training/sessions": () => ({ planId: 1, classroomId: 1, formId: 1, topic: "governance", title: "专题班", teacherIds: [], audienceLevels: ["village"], audienceNodeIds: [id()], startsAt: "2026-06-02T09:00:00+08:00", endsAt: "2026-06-02T12:00:00+08:00", place: "会议室" }),
  "POST /api/training/sessions/{id}/check-in": () => ({ code: "1.abc" }),
  "POST /api/training/sessions/{id}/roster": () => ({ personIds: [1] }),
  "POST /api/training/sessions/{id}/leaves": () => ({ reason: "值班" }),
  "POST /api/training/leaves/{id}/decide": () => ({ approve: true, version: 1 }),
  "POST /api/exam-questions": () => ({ nodeId: id(), type: "judge", topic: "governance", difficulty: "easy", stem: "题干", options: [], answer: ["true"] }),
  "PATCH /api/exam-questions/{id}": () => ({ version: 1, type: "judge", topic: "governance", difficulty: "easy", stem: "题干", options: [], answer: ["true"] }),
  "DELETE /api/exam-questions/{id}": () => ({ version: 1 }),
  "POST /api/exam-questions/import/preview": () => ({ nodeId: id(), fileName: "题库.xlsx", contentBase64: "UEsDBA==" }),
  "POST /api/exam-questions/import": () => ({ nodeId: id(), fileName: "题库.xlsx", contentBase64: "UEsDBA==" }),
  "POST /api/exams": () => ({ nodeId: id(), title: "能力测试", rules: [{ topic: "governance", difficulty: "easy", count: 1, points: 10 }], opensAt: "2026-06-02T09:00:00+08:00", closesAt: "2026-06-03T09:00:00+08:00", timeLimitMinutes: 30, passMark: 6, candidatePersonIds: [1] }),
  "POST /api/exams/{id}/makeup": () => ({ opensAt: "2026-06-02T09:00:00+08:00", closesAt: "2026-06-03T09:00:00+08:00", version: 1 }),
  "PUT /api/exam-attempts/{id}/answers/{seq}": () => ({ answer: ["A"] }),
  "POST /api/exam-attempts/{id}/grade": () => ({ version: 1, marks: [{ seq: 1, score: 5 }] }),
  "POST /api/cadres": () => ({ personId: 1, birthDate: "1995-05-05", education: "本科", currentPost: "村委委员", enteredOn: "2025-01-01", entryReason: "推荐" }),
  "PATCH /api/cadres/{id}": () => ({ version: 1, developmentPlan: "实践锻炼" }),
  "POST /api/cadres/{id}/exit": () => ({ version: 1, exitedOn: "2026-05-01", exitReason: "考录" }),
  "POST /api/cadres/moves": () => ({ personId: 1, kind: "rotation", fromPost: "组织委员", toPost: "宣传委员", movedOn: "2026-03-01" }),
  "POST /api/cadres/graduates": () => ({ nodeId: id(), year: 2026, post: "社区工作者" }),
  "POST /api/cadres/graduates/{id}/status": () => ({ version: 1, status: "posted" }),
  "POST /api/evaluation/catalogues": () => ({ name: "考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "manual", label: "组织考核", weight: 100 }] }),
  "PATCH /api/evaluation/catalogues/{id}": () => ({ version: 1, name: "考评", bodyKind: "village", periodKind: "quarter", grading: "threshold", items: [{ source: "manual", label: "组织考核", weight: 100 }] }),
  "POST /api/evaluation/periods": () => ({ catalogueId: 1, label: "2026Q3", startsOn: "2026-07-01", endsOn: "2026-09-30" }),
  "POST /api/evaluation/periods/{id}/compute": () => ({ version: 1 }),
  "POST /api/evaluation/periods/{id}/submit": () => ({ version: 1 }),
  "POST /api/evaluation/periods/{id}/return": () => ({ version: 1 }),
  "POST /api/evaluation/periods/{id}/publish": () => ({ version: 1 }),
  "POST /api/evaluation/periods/{id}/corrections": () => ({ version: 1, reason: "更正" }),
  "POST /api/evaluation/periods/{id}/manual-scores": () => ({ itemId: 1, bodyKind: "village", bodyId: id(), score: 80, evidence: "记录" }),
  "POST /api/evaluation/manual-scores/{id}/confirm": () => ({ version: 1 }),
  "POST /api/evaluation/findings": () => ({ channel: "audit", bodyKind: "village", bodyId: id(), foundOn: "2026-08-01", points: 5, description: "问题", evidence: "通报" }),
  "POST /api/evaluation/findings/import/preview": () => ({ fileName: "发现.xlsx", contentBase64: "UEsDBA==" }),
  "POST /api/evaluation/findings/import": () => ({ fileName: "发现.xlsx", contentBase64: "UEsDBA==" }),
  "POST /api/evaluation/periods/{id}/appeals": () => ({ bodyKind: "village", bodyId: id(), reason: "申诉" }),
  "POST /api/evaluation/appeals/{id}/decide": () => ({ version: 1, accept: false, decision: "驳回" }),
  "PUT /api/notifications/preferences": () => ({ muted: ["event_dispatched"] }),
  "PATCH /api/notifications/settings": () => ({ version: 1, webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=x", webhookFormat: "dingtalk_text" }),
  "PATCH /api/open311/settings": () => ({ version: 1, publishedSources: ["public"] }),
  "PATCH /api/base-map": () => ({ version: 1, tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png", subdomains: "", attribution: "", maxZoom: 18 }),
  "PUT /api/department-handlers/{id}/departments": () => ({ departmentIds: [1] }),
  "PUT /api/ledger/settings": () => ({ version: 0, rules: { termLimitYears: { land: 30, pond: 30, forest: 50, building: 20, machinery: 10, other: 20 }, benchmarkShortfallPercent: 30, arrearsToleranceFen: 0, incomeBandsFen: [5_000_000] } }),
  "PUT /api/ledger/benchmarks": () => ({ nodeId: id(), object: "land", unit: "亩", priceFen: 50_000, version: 0 }),
  "POST /api/ledger/contracts": () => ({
    nodeId: id(),
    code: "HT-1",
    counterpartyKind: "enterprise",
    counterpartyName: "某公司",
    object: "land",
    objectName: "东滩地",
    area: "10",
    unit: "亩",
    startOn: "2024-01-01",
    endOn: "2030-12-31",
    annualPriceFen: 100_000,
    paymentSchedule: "annual",
    letMethod: "public_tender",
    procedure: "members_meeting",
  }),
  "PATCH /api/ledger/contracts/{id}": () => ({ version: 1, objectName: "改名" }),
  "DELETE /api/ledger/contracts/{id}": () => ({ version: 1, reason: "重复" }),
  "POST /api/ledger/import/preview": () => ({ nodeId: id(), fileName: "a.xlsx", contentBase64: "UEsDBA==" }),
  "POST /api/ledger/import/commit": () => ({ token: "a".repeat(32) }),
  "POST /api/ledger/check": () => ({ org: id() }),
  "POST /api/ledger/contracts/{id}/reveal": () => ({ field: "counterpartyPhone" }),
  "POST /api/ledger/contracts/{id}/file": () => ({ version: 1, fileName: "合同.pdf", contentBase64: Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64") }),
  "POST /api/ledger/flags/{id}/raise": () => ({ version: 1 }),
  "POST /api/ledger/debts": () => ({ nodeId: id(), creditor: "信用社", creditorKind: "bank", amountFen: 100, origin: "借款", incurredOn: "2020-01-01", evidence: "合同" }),
  "PUT /api/ledger/debts/{id}/plan": () => ({ version: 1, instalments: [{ dueOn: "2027-01-01", amountFen: 100 }] }),
  "POST /api/ledger/debts/{id}/movements": () => ({ version: 1, kind: "payment", amountFen: 100, on: "2026-01-01" }),
  "POST /api/ledger/incomes": () => ({ nodeId: id(), year: 2025, source: "contracting", amountFen: 100 }),
  "POST /api/ledger/pairings": () => ({ nodeId: id(), enterprise: "某公司", agreementOn: "2025-01-01", project: "项目", investedFen: 100, jobs: 1 }),
  "POST /api/ledger/cooperatives": () => ({ nodeId: id(), name: "合作社", ledByBranch: true, members: 10, capitalFen: 100, dividendsFen: 0 }),
  "PUT /api/ledger/disclosures": () => ({ nodeId: id(), published: true, version: 0 }),
  "POST /api/pairings": () => ({ personId: 1, post: "township_cadre", target: "household", householdId: 1, reason: "联户" }),
  "PUT /api/pairing/settings": () => ({ version: 0, periodMonths: 3 }),
  "POST /api/pairings/{id}/end": () => ({ version: 1, reason: "调任" }),
  "POST /api/pairing/visits": () => ({ householdId: 1, met: "户主", findings: "家中平安" }),
  "POST /api/pairing/suggestions/{id}/answer": () => ({ version: 1, answer: "已采纳", answeredByName: "镇党委" }),
  "POST /api/pairing/conflicts": () => ({ nodeId: id(), kind: "land", summary: "承包地争议", parties: "甲与乙", riskLevel: 1, source: "hotline", responsiblePersonId: 1 }),
  "PATCH /api/pairing/conflicts/{id}": () => ({ version: 1, riskLevel: 2 }),
  "POST /api/pairing/conflicts/{id}/steps": () => ({ version: 1, kind: "mediation", note: "调解" }),
  "POST /api/pairing/conflicts/{id}/result": () => ({ version: 1, result: "resolved", note: "调解成功" }),
  "POST /api/pairing/conflicts/{id}/close": () => ({ version: 1 }),
  "DELETE /api/pairing/conflicts/{id}": () => ({ version: 1, reason: "误登" }),
  "POST /api/service/organ-pairings": () => ({ partyOrgId: 1, nodeId: id() }),
  "POST /api/service/members": () => ({ personId: 1, nodeId: id(), post: "楼栋长" }),
  "POST /api/service/members/{id}/hours": () => ({ version: 1, minutes: 60, note: "值守" }),
  "POST /api/service/teams": () => ({ nodeId: id(), name: "服务队", focus: "助老" }),
  "POST /api/service/teams/{id}/members": () => ({ personId: 1 }),
  "POST /api/service/deeds": () => ({ nodeId: id(), title: "修缮路灯", description: "修缮村内路灯", beneficiaries: 10 }),
  "POST /api/service/deeds/{id}/rating": () => ({ version: 1, rating: 5 }),
  "POST /api/service/deeds/{id}/publish": () => ({ version: 1, published: true }),
  "POST /api/service/calls": () => ({ nodeId: id(), title: "防汛值守", kind: "防汛", shifts: [{ day: "2099-01-01", slot: "上午", capacity: 2 }] }),
  "POST /api/service/shifts/{id}/signups": () => ({ personId: 1 }),
  "POST /api/service/shifts/{id}/signups/mine": () => ({}),
  "POST /api/service/shifts/{id}/attendance": () => ({ personId: 1, attended: true }),
};

interface Operation {
  key: string;
  method: string;
  path: string;
  hasBody: boolean;
  bodySchema?: object;
  queryParams: string[];
}

function operations(): Operation[] {
  type Body = { content?: Record<string, { schema?: object }> };
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: Body; parameters?: { in: string; name: string }[] }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith("/api/")) continue;
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        hasBody: Boolean(op.requestBody),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema,
        queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      });
    }
  }
  return ops;
}

/** A checksum of every table's content (all modules'), but the sessions that each request touches. */
async function tableCounts(): Promise<string> {
  const tables = (await t.db.execute(sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'sessions' ORDER BY tablename`)) as unknown as { rows: { tablename: string }[] };
  const parts = [];
  for (const { tablename } of tables.rows) {
    const result = (await t.db.execute(sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM "${tablename}" x`))) as unknown as { rows: { n: number; sum: string }[] };
    parts.push(`${tablename}=${result.rows[0]!.n}:${result.rows[0]!.sum.slice(0, 8)}`);
  }
  return parts.join(" ");
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);

/** The document speaks OpenAPI 3.0 (boolean exclusive bounds, `nullable`); Ajv reads JSON Schema. */
function jsonSchemaOf(openApi: unknown): unknown {
  if (Array.isArray(openApi)) return openApi.map(jsonSchemaOf);
  if (!openApi || typeof openApi !== "object") return openApi;
  const schema = Object.fromEntries(Object.entries(openApi).map(([key, value]) => [key, jsonSchemaOf(value)])) as Record<string, unknown>;
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (schema[flag] === true) {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else if (schema[flag] === false) delete schema[flag];
  }
  if (schema.nullable === true) {
    delete schema.nullable;
    return { anyOf: [schema, { type: "null" }] };
  }
  return schema;
}

/** Every nested place a bad value can go: a.b, list.0, list.0.c … (not the top level, covered apart). */
function nestedPaths(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return value.length > 0 ? [[...prefix, "0"], ...nestedPaths(value[0], [...prefix, "0"])] : [];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...nestedPaths(item, [...prefix, key])]);
  return [];
}

function withValueAt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let cursor = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string, unknown>;
  cursor[path[path.length - 1]!] = value;
  return copy;
}

function urlOf(path: string): string {
  return path.replace("{id}", String(id())).replace("{seq}", "1");
}

async function send(op: Operation, payload: string, contentType = "application/json") {
  return session.request({ method: op.method as "POST", url: urlOf(op.path), payload, headers: { "content-type": contentType } });
}

describe("bad input", () => {
  it("has a valid example body for every route that takes one, valid by the route's own schema", () => {
    const withBody = operations().filter((op) => op.hasBody);
    expect(withBody.map((op) => op.key).sort()).toEqual(Object.keys(validBodies).sort());
    for (const op of withBody) {
      expect([op.key, Boolean(op.bodySchema)]).toEqual([op.key, true]);
      const validate = ajv.compile(jsonSchemaOf(op.bodySchema) as object);
      validate(validBodies[op.key]!());
      expect([op.key, validate.errors ?? []]).toEqual([op.key, []]);
    }
  });

  it("answers malformed JSON, a wrong body type, wrong field types, oversize strings and unknown fields with 400, changing nothing", async () => {
    const before = await tableCounts();
    for (const op of operations().filter((candidate) => candidate.hasBody)) {
      const valid = validBodies[op.key]!();
      const cases: [string, string][] = [
        ["malformed JSON", '{"name": "未闭合'],
        ["a JSON array", "[1,2,3]"],
        ["a JSON string", '"text"'],
        ["an unknown field", JSON.stringify({ ...valid, unexpectedField: 1 })],
      ];
      for (const field of Object.keys(valid)) {
        cases.push([`${field} as an object`, JSON.stringify({ ...valid, [field]: { nested: true } })]);
        if (typeof valid[field] === "string") cases.push([`${field} oversize`, JSON.stringify({ ...valid, [field]: "长".repeat(5000) })]);
        if (typeof valid[field] === "number") cases.push([`${field} negative`, JSON.stringify({ ...valid, [field]: -5 })]);
      }
      for (const path of nestedPaths(valid)) {
        const field = path.join(".");
        const current = path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], valid);
        // Where any JSON is allowed (GeoJSON properties), an object is not wrong; a function of the path is.
        if (typeof current !== "object" || current === null) cases.push([`${field} as an object`, JSON.stringify(withValueAt(valid, path, { nested: true }))]);
        if (typeof current === "string") cases.push([`${field} oversize`, JSON.stringify(withValueAt(valid, path, "长".repeat(5000)))]);
        if (Array.isArray(current) || (typeof current === "object" && current !== null)) cases.push([`${field} as a number`, JSON.stringify(withValueAt(valid, path, 7))]);
      }
      for (const [label, payload] of cases) {
        const response = await send(op, payload);
        expect([op.key, label, response.statusCode]).toEqual([op.key, label, 400]);
        const error = response.json().error;
        expect(error.code).toBeTruthy();
        if (label.includes(" as an object") || label.includes(" as a number") || label.includes("oversize") || label.includes("negative")) {
          const named = label.split(" ")[0]!;
          // The field itself, or (for a list element) the list, or a field inside the bad value.
          expect([op.key, label, error.fields.some((f: { field: string }) => f.field === named || f.field.startsWith(`${named}.`) || named.startsWith(`${f.field}.`))]).toEqual([op.key, label, true]);
        }
        if (label === "an unknown field") expect(JSON.stringify(error.fields)).toContain("unexpectedField");
      }
    }
    expect(await tableCounts()).toBe(before);
  });

  it("answers a bad path id with 400 on every route that takes one", async () => {
    for (const op of operations().filter((candidate) => candidate.path.includes("{id}"))) {
      for (const bad of ["abc", "-1", "0", "1.5", "99999999999999999999"]) {
        const valid = validBodies[op.key];
        const response = await session.request({ method: op.method as "GET", url: op.path.replace("{id}", bad), ...(valid ? { payload: valid() } : {}) });
        expect([op.key, bad, response.statusCode]).toEqual([op.key, bad, 400]);
      }
    }
  });

  it("answers bad and unknown query parameters with 400 on every route that takes a query", async () => {
    for (const op of operations().filter((candidate) => candidate.queryParams.length > 0)) {
      const unknown = await session.request({ method: "GET", url: `${urlOf(op.path)}?notAParameter=1` });
      expect([op.key, "unknown", unknown.statusCode]).toEqual([op.key, "unknown", 400]);
      for (const param of op.queryParams) {
        const response = await session.request({ method: "GET", url: `${urlOf(op.path)}?${param}=${"x".repeat(300)}` });
        expect([op.key, param, response.statusCode]).toEqual([op.key, param, 400]);
      }
    }
  });

  it("refuses a NUL byte or a control character in text with 400, not a database error", async () => {
    const before = await tableCounts();
    const response = await session.post("/api/persons", { nodeId: id(), name: "张\u0000三", gender: "M" });
    expect(response.statusCode).toBe(400);
    expect(await tableCounts()).toBe(before);
  });
});
