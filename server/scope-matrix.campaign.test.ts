import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, units, users } from "./db/schema";
import { hashPassword } from "./platform/auth/passwords";
import { createTestContext, seedOtherCity, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, insideGrid, matrixCases, matrixRoles, outsideGrid, row, signInEveryRole, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * The campaign module (专项行动) for every demo role on a target inside its subtree and one outside it
 * (see test/matrix.ts). Two kinds of place:
 * - A campaign hangs at its city's root, and so does everything on it without a node of its own (aspects,
 *   items, measures, task forces, topics, claims, unit members). For these rows ("atCity") inside is the
 *   campaign of the small city and outside the other city's, for every role. The module makes a campaign the
 *   business of anyone with campaign.read somewhere in its city; claims are seen by the city-wide readers
 *   and their claimants only; draft topics by those who manage the campaign only.
 * - A project lives at its node, with its milestones, reports and evidence: inside is a project at the
 *   inside grid, outside one at outsideGrid[role] (the other city's campaign for roles held at a city root).
 * unit_staff reaches by its unit, not by its node: it speaks for 甲单位, which leads every project of the
 * small city here. Records are made by fixture accounts that are none of the matrix roles (an office and a
 * unit's staff in each city), so no matrix role is their author unless a row says so.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
/** campaign.read on the city's campaign: grid_worker neither reads it nor sees the city root; department_handler and the system roles see it but do not read it. */
const readCity = row("200/404 200/404 200/404 200/404 200/404 404/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** campaign.manage at the city root, on a campaign the readers see. */
const manageCity = (ok: number) => row(`${ok}/404 403/404 403/404 403/404 403/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** A draft topic is seen only by those who manage the campaign: to other readers it does not exist. */
const draftTopic = row("200/404 404/404 404/404 404/404 404/404 404/404 403/404 404/404 403/403 403/403 403/403 403/403 404/404");
/** A unit's claim: the office and city-wide readers see it, and its unit (unit_staff); readers held below the city do not. */
const readClaim = row("200/404 200/404 200/404 404/404 404/404 404/404 403/404 404/404 403/403 403/403 403/403 403/403 404/404");
/** Resubmitting and withdrawing are the claimant's: here its unit's. */
const claimantOnly = row("403/404 403/404 200/404 404/404 404/404 404/404 403/404 404/404 403/403 403/403 403/403 403/403 404/404");
const reviewClaim = row("200/404 403/404 403/404 404/404 404/404 404/404 403/404 404/404 403/403 403/403 403/403 403/403 404/404");
/** Claiming asks for campaign.claim before anything else: a leader claims a leader's topic, unit_staff a unit's. */
const claimTopic = row("403/403 201/404 201/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");
/** campaign.read at the project's node (or its lead unit): grid_worker sees its grid but does not read campaigns. */
const readProject = row("200/404 200/404 200/404 200/404 200/404 403/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** campaign.read over a node asked by its id: unit-bound roles read by their unit (with `unit=`), so a node alone is not theirs. */
const readAtNode = row("200/404 200/404 404/404 200/404 200/404 403/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** campaign.manage (or .review) at the project's node. */
const manageProject = (ok: number) => row(`${ok}/404 403/404 403/404 403/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** A new project must be put in a campaign the caller sees (grid_worker sees none), at a node where it manages the campaign. */
const createProject = row("201/404 403/404 403/404 403/404 403/404 404/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404");
/** campaign.report: the lead unit's staff and node roles holding it over the project's node. */
const reportProject = (ok: number) => row(`403/404 403/404 ${ok}/404 ${ok}/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
/** Who speaks for which unit is the office's business alone, asked before anything else. */
const officeOnly = (ok: number) => row(`${ok}/404 ${Array(matrixRoles.length - 1).fill("403/403").join(" ")}`);

const everyReader = statuses("200 200 200 200 200 403 403 200 403 403 403 403 403");

type Response = LightMyRequestResponse;
/** A record (or a city's campaign, or a unit) lying at the inside or the outside place. */
interface Target {
  id: number;
  version: number;
  /** The grid the target lies at; for records at a city root, a grid of that city. */
  grid: string;
  audience?: "leader" | "unit";
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  /** The target hangs at a city root: outside is the other city for every role. */
  atCity?: true;
  /** Shared for reading routes; fresh, in the state where the action is allowed, for changing ones. */
  target(grid: string, role: MatrixRole): Promise<Target>;
  call(session: Session, target: Target, n: number): Promise<Response>;
}
interface GlobalRoute {
  name: string;
  expect: number[];
  call(session: Session, n: number): Promise<Response>;
}

/** What each city holds for the rows: its fixture accounts, unit, a person, and shared campaign records. */
interface CityFixture {
  cityId: number;
  office: Session;
  staff: Session;
  unitId: number;
  personId: number;
  campaign: Target;
  aspect: Target;
  item: Target;
  measure: Target;
  taskForce: Target;
  topic: Target;
  claim: Target;
}
interface GridFixture {
  project: Target;
  report: Target;
  attachment: Target;
}

const OTHER = "OT1V1G1";
const GRIDS = [insideGrid, "T1V2G1", "T2V1G1", OTHER] as const;
const plan = [{ name: "网格员培训", deadline: "2026-09-30", milestones: [{ name: "制定方案", dueOn: "2026-07-31" }] }];
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 2, 4]).toString("base64");

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let sessions: Map<MatrixRole, Session>;
let passwordHash: string;
const cities = new Map<"here" | "there", CityFixture>();
const grids = new Map<string, GridFixture>();
let counter = 0;

function nodeByCode(code: string) {
  return city.nodes.get(code) ?? other.nodes.get(code)!;
}
const gridId = (grid: string) => nodeByCode(grid).id;
const cityOf = (grid: string) => cities.get(grid.startsWith("O") ? "there" : "here")!;
const sharedAt = (grid: string) => grids.get(grid)!;

/** Most fixtures here create: 201 unless said otherwise. */
const made = <T = { id: number; version: number }>(response: Promise<Response>, status = 201) => succeeded<T>(response, status);
const target = (record: { id: number; version: number }, grid: string): Target => ({ id: record.id, version: record.version, grid });

const account = (username: string, cityId: number, role: "campaign_admin" | "unit_staff", nodeId: number) => fixtureAccount(t, { username, cityId, role, nodeId });

async function campaignAt(grid: string): Promise<Target> {
  const campaign = await made(cityOf(grid).office.post("/api/campaign/campaigns", { name: `专项行动${++counter}`, startsOn: "2026-01-01", endsOn: "2026-12-31" }));
  return target(campaign, grid);
}
async function aspectAt(grid: string): Promise<Target> {
  const c = cityOf(grid);
  return target(await made(c.office.post("/api/campaign/aspects", { campaignId: c.campaign.id, name: `方面${++counter}` })), grid);
}
async function itemAt(grid: string): Promise<Target> {
  const c = cityOf(grid);
  return target(await made(c.office.post("/api/campaign/items", { aspectId: c.aspect.id, name: `内容${++counter}` })), grid);
}
async function measureAt(grid: string): Promise<Target> {
  const c = cityOf(grid);
  return target(await made(c.office.post("/api/campaign/measures", { itemId: c.item.id, name: `举措${++counter}`, kind: "required" })), grid);
}
async function taskForceAt(grid: string): Promise<Target> {
  const c = cityOf(grid);
  return target(await made(c.office.post("/api/campaign/task-forces", { campaignId: c.campaign.id, name: `专班${++counter}` })), grid);
}
async function memberAt(grid: string): Promise<Target> {
  const taskForce = await taskForceAt(grid);
  const detail = await made<{ members: { id: number; version: number }[] }>(
    cityOf(grid).office.post(`/api/campaign/task-forces/${taskForce.id}/members`, { personId: cityOf(grid).personId, role: "member" }),
  );
  return target(detail.members[0]!, grid);
}

/** A topic taken by the office to the state asked for. */
async function topicAt(grid: string, status: "draft" | "open" | "closed" = "open", audience: "leader" | "unit" = "unit"): Promise<Target> {
  const c = cityOf(grid);
  const body = { campaignId: c.campaign.id, audience, kind: "required", title: `题目${++counter}`, description: "说明", expectedResults: "成效", claimDeadline: "2026-12-31" };
  let topic = await made(c.office.post("/api/campaign/topics", body));
  for (const step of (["publish", "close"] as const).slice(0, ["draft", "open", "closed"].indexOf(status))) {
    topic = await made(c.office.post(`/api/campaign/topics/${topic.id}/${step}`, { version: topic.version }), 200);
  }
  return { ...target(topic, grid), audience };
}

/** A unit's claim on a fresh open topic, made by the unit's fixture staff. */
async function claimAt(grid: string, status: "submitted" | "returned" = "submitted"): Promise<Target> {
  const c = cityOf(grid);
  const topic = await topicAt(grid);
  let claim = await made(c.staff.post("/api/campaign/claims", { topicId: topic.id, unitId: c.unitId, summary: "本单位领题", projects: plan }));
  if (status === "returned") claim = await made(c.office.post(`/api/campaign/claims/${claim.id}/return`, { version: claim.version, note: "请细化" }), 200);
  return target(claim, grid);
}

/** A project not yet started at the grid, led by the city's unit. */
async function projectAt(grid: string): Promise<Target> {
  const c = cityOf(grid);
  const body = { campaignId: c.campaign.id, level: "concrete", kind: "required", name: `项目${++counter}`, deadline: "2026-09-30", nodeId: gridId(grid), leadUnitId: c.unitId };
  return target(await made(c.office.post("/api/campaign/projects", body)), grid);
}
async function milestoneAt(grid: string): Promise<Target> {
  const name = `节点${++counter}`;
  const detail = await made<{ milestones: { id: number; version: number; name: string }[] }>(
    cityOf(grid).office.post("/api/campaign/milestones", { projectId: sharedAt(grid).project.id, name, dueOn: "2026-08-31" }),
  );
  return target(detail.milestones.find((m) => m.name === name)!, grid);
}
/** A report awaiting review on the project, by the unit's fixture staff unless another reporter is named. */
async function reportOn(project: Target, by = cityOf(project.grid).staff): Promise<Target> {
  return target(await made(by.post("/api/campaign/reports", { projectId: project.id, progress: 10, text: `进展${++counter}` })), project.grid);
}
const reportAt = (grid: string, by?: Session) => reportOn(sharedAt(grid).project, by);
/** An account of the city, freshly made a member of the city's unit by the office. */
async function unitMemberAt(grid: string): Promise<Target> {
  const c = cityOf(grid);
  const [user] = await t.db.insert(users).values({ username: `member${++counter}`, displayName: "单位联络员", cityId: c.cityId, passwordHash }).returning();
  const member = await made<{ id: number }>(c.office.post("/api/campaign/unit-members", { userId: user!.id, unitId: c.unitId }));
  return { id: member.id, version: 0, grid };
}

async function cityFixture(name: string, cityId: number, rootId: number, personId: number): Promise<CityFixture> {
  const [unit] = await t.db.insert(units).values({ cityId, nodeId: rootId, code: `${name}.unit`, name: `${name}甲单位`, kind: "organ" }).returning();
  await account(`${name}.office`, cityId, "campaign_admin", rootId);
  const staffId = await account(`${name}.staff`, cityId, "unit_staff", rootId);
  const office = await t.login(`${name}.office`);
  await made(office.post("/api/campaign/unit-members", { userId: staffId, unitId: unit!.id }));
  // The shared records are added by sharedRecords, each from those made before it.
  return { cityId, office, staff: await t.login(`${name}.staff`), unitId: unit!.id, personId } as CityFixture;
}

/** The records every reading row shares, made once per city and per grid. */
async function sharedRecords(key: "here" | "there", grid: string) {
  const c = cities.get(key)!;
  c.campaign = await campaignAt(grid);
  c.aspect = await aspectAt(grid);
  c.item = await itemAt(grid);
  c.measure = await measureAt(grid);
  c.taskForce = await taskForceAt(grid);
  await made(c.office.post(`/api/campaign/task-forces/${c.taskForce.id}/members`, { personId: c.personId, role: "leader" }));
  c.topic = await topicAt(grid);
  c.claim = await claimAt(grid);
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  passwordHash = await hashPassword(TEST_PASSWORD);
  const [here] = await t.db.select().from(persons).where(eq(persons.cityId, city.cityId)).limit(1);
  const [there] = await t.db.select().from(persons).where(eq(persons.cityId, other.cityId)).limit(1);
  cities.set("here", await cityFixture("here", city.cityId, city.nodes.get("C")!.id, here!.id));
  cities.set("there", await cityFixture("there", other.cityId, other.nodes.get("O")!.id, there!.id));
  sessions = await signInEveryRole(t);
  // unit_staff speaks for the small city's unit; the leader is a person, as 揭榜 is a leader's own undertaking.
  await made(cities.get("here")!.office.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId: cities.get("here")!.unitId }));
  const [leader] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: city.nodes.get("C")!.id, name: "市领导", gender: "M" }).returning();
  await t.db.update(users).set({ personId: leader!.id }).where(eq(users.id, city.accounts.get("leader")!));
  await sharedRecords("here", insideGrid);
  await sharedRecords("there", OTHER);
  for (const grid of GRIDS) {
    const project = await projectAt(grid);
    const report = await reportOn(project);
    const withFile = await made<{ attachments: { id: number }[] }>(cityOf(grid).staff.post(`/api/campaign/reports/${report.id}/attachments`, { fileName: "现场.png", dataBase64: png }));
    grids.set(grid, { project, report, attachment: { id: withFile.attachments[0]!.id, version: 0, grid } });
  }
});
afterAll(async () => t.close());

const shared = (pick: (c: CityFixture) => Target) => async (grid: string) => pick(cityOf(grid));
const campaignOf = async (grid: string) => cityOf(grid).campaign;
const version = (x: Target) => ({ version: x.version });
const remove = (x: Target) => ({ version: x.version, reason: "重复" });

const recordRoutes: RecordRoute[] = [
  // --- campaigns
  { name: "GET /api/campaign/campaigns/:id", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/campaigns/${x.id}`) },
  { name: "PATCH /api/campaign/campaigns/:id", expect: manageCity(200), atCity: true, target: campaignAt, call: (s, x) => s.patch(`/api/campaign/campaigns/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/campaigns/:id", expect: manageCity(200), atCity: true, target: campaignAt, call: (s, x) => s.delete(`/api/campaign/campaigns/${x.id}`, remove(x)) },
  { name: "GET /api/campaign/campaigns/:id/battle-map", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/campaigns/${x.id}/battle-map`) },
  { name: "GET /api/campaign/campaigns/:id/figures", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/campaigns/${x.id}/figures`) },
  { name: "GET /api/campaign/campaigns/:id/rates", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/campaigns/${x.id}/rates?by=unit`) },

  // --- aspects > items > measures
  { name: "GET /api/campaign/aspects?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/aspects?campaign=${x.id}`) },
  { name: "POST /api/campaign/aspects", expect: manageCity(201), atCity: true, target: campaignOf, call: (s, x, n) => s.post("/api/campaign/aspects", { campaignId: x.id, name: `新方面${n}` }) },
  { name: "PATCH /api/campaign/aspects/:id", expect: manageCity(200), atCity: true, target: aspectAt, call: (s, x) => s.patch(`/api/campaign/aspects/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/aspects/:id", expect: manageCity(200), atCity: true, target: aspectAt, call: (s, x) => s.delete(`/api/campaign/aspects/${x.id}`, remove(x)) },
  { name: "GET /api/campaign/items?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/items?campaign=${x.id}`) },
  { name: "POST /api/campaign/items", expect: manageCity(201), atCity: true, target: shared((c) => c.aspect), call: (s, x, n) => s.post("/api/campaign/items", { aspectId: x.id, name: `新内容${n}` }) },
  { name: "PATCH /api/campaign/items/:id", expect: manageCity(200), atCity: true, target: itemAt, call: (s, x) => s.patch(`/api/campaign/items/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/items/:id", expect: manageCity(200), atCity: true, target: itemAt, call: (s, x) => s.delete(`/api/campaign/items/${x.id}`, remove(x)) },
  { name: "GET /api/campaign/measures?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/measures?campaign=${x.id}`) },
  {
    name: "POST /api/campaign/measures",
    expect: manageCity(201),
    atCity: true,
    target: shared((c) => c.item),
    call: (s, x, n) => s.post("/api/campaign/measures", { itemId: x.id, name: `新举措${n}`, kind: "optional" }),
  },
  { name: "PATCH /api/campaign/measures/:id", expect: manageCity(200), atCity: true, target: measureAt, call: (s, x) => s.patch(`/api/campaign/measures/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/measures/:id", expect: manageCity(200), atCity: true, target: measureAt, call: (s, x) => s.delete(`/api/campaign/measures/${x.id}`, remove(x)) },

  // --- task forces
  { name: "GET /api/campaign/task-forces?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/task-forces?campaign=${x.id}`) },
  { name: "GET /api/campaign/task-forces/:id", expect: readCity, atCity: true, target: shared((c) => c.taskForce), call: (s, x) => s.get(`/api/campaign/task-forces/${x.id}`) },
  { name: "POST /api/campaign/task-forces", expect: manageCity(201), atCity: true, target: campaignOf, call: (s, x, n) => s.post("/api/campaign/task-forces", { campaignId: x.id, name: `新专班${n}` }) },
  { name: "PATCH /api/campaign/task-forces/:id", expect: manageCity(200), atCity: true, target: taskForceAt, call: (s, x) => s.patch(`/api/campaign/task-forces/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/task-forces/:id", expect: manageCity(200), atCity: true, target: taskForceAt, call: (s, x) => s.delete(`/api/campaign/task-forces/${x.id}`, remove(x)) },
  {
    name: "POST /api/campaign/task-forces/:id/members",
    expect: manageCity(201),
    atCity: true,
    target: taskForceAt,
    call: (s, x) => s.post(`/api/campaign/task-forces/${x.id}/members`, { personId: cityOf(x.grid).personId, role: "deputy" }),
  },
  { name: "DELETE /api/campaign/task-force-members/:id", expect: manageCity(200), atCity: true, target: memberAt, call: (s, x) => s.delete(`/api/campaign/task-force-members/${x.id}`, remove(x)) },

  // --- projects and milestones
  { name: "GET /api/campaign/projects?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/projects?campaign=${x.id}`) },
  { name: "GET /api/campaign/projects/:id", expect: readProject, target: async (g) => sharedAt(g).project, call: (s, x) => s.get(`/api/campaign/projects/${x.id}`) },
  {
    name: "GET /api/campaign/due-milestones?org",
    expect: readAtNode,
    target: async (grid) => ({ id: gridId(grid), version: 0, grid }),
    call: (s, x) => s.get(`/api/campaign/due-milestones?org=${x.id}&from=2026-07-01&to=2026-09-30`),
  },
  {
    name: "POST /api/campaign/projects",
    expect: createProject,
    target: async (grid) => ({ id: gridId(grid), version: 0, grid }),
    call: (s, x, n) =>
      s.post("/api/campaign/projects", { campaignId: cityOf(x.grid).campaign.id, level: "concrete", kind: "optional", name: `新项目${n}`, deadline: "2026-10-31", nodeId: x.id }),
  },
  { name: "PATCH /api/campaign/projects/:id", expect: manageProject(200), target: projectAt, call: (s, x) => s.patch(`/api/campaign/projects/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/projects/:id", expect: manageProject(200), target: projectAt, call: (s, x) => s.delete(`/api/campaign/projects/${x.id}`, remove(x)) },
  { name: "POST /api/campaign/projects/:id/status", expect: manageProject(200), target: projectAt, call: (s, x) => s.post(`/api/campaign/projects/${x.id}/status`, { ...version(x), status: "suspended" }) },
  {
    name: "POST /api/campaign/milestones",
    expect: manageProject(201),
    target: async (g) => sharedAt(g).project,
    call: (s, x, n) => s.post("/api/campaign/milestones", { projectId: x.id, name: `新节点${n}`, dueOn: "2026-08-15" }),
  },
  { name: "PATCH /api/campaign/milestones/:id", expect: manageProject(200), target: milestoneAt, call: (s, x) => s.patch(`/api/campaign/milestones/${x.id}`, { ...version(x), name: "改名" }) },
  { name: "DELETE /api/campaign/milestones/:id", expect: manageProject(200), target: milestoneAt, call: (s, x) => s.delete(`/api/campaign/milestones/${x.id}`, remove(x)) },

  // --- the claim board
  { name: "GET /api/campaign/topics?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/topics?campaign=${x.id}`) },
  { name: "GET /api/campaign/topics/:id", expect: readCity, atCity: true, target: shared((c) => c.topic), call: (s, x) => s.get(`/api/campaign/topics/${x.id}`) },
  {
    name: "POST /api/campaign/topics",
    expect: manageCity(201),
    atCity: true,
    target: campaignOf,
    call: (s, x, n) => s.post("/api/campaign/topics", { campaignId: x.id, audience: "unit", kind: "optional", title: `新题${n}`, description: "说明", expectedResults: "成效", claimDeadline: "2026-11-30" }),
  },
  { name: "PATCH /api/campaign/topics/:id", expect: manageCity(200), atCity: true, target: (g) => topicAt(g), call: (s, x) => s.patch(`/api/campaign/topics/${x.id}`, { ...version(x), title: "改名" }) },
  { name: "DELETE /api/campaign/topics/:id", expect: draftTopic, atCity: true, target: (g) => topicAt(g, "draft"), call: (s, x) => s.delete(`/api/campaign/topics/${x.id}`, remove(x)) },
  { name: "POST /api/campaign/topics/:id/publish", expect: draftTopic, atCity: true, target: (g) => topicAt(g, "draft"), call: (s, x) => s.post(`/api/campaign/topics/${x.id}/publish`, version(x)) },
  { name: "POST /api/campaign/topics/:id/close", expect: manageCity(200), atCity: true, target: (g) => topicAt(g), call: (s, x) => s.post(`/api/campaign/topics/${x.id}/close`, version(x)) },
  { name: "POST /api/campaign/topics/:id/reopen", expect: manageCity(200), atCity: true, target: (g) => topicAt(g, "closed"), call: (s, x) => s.post(`/api/campaign/topics/${x.id}/reopen`, version(x)) },
  { name: "GET /api/campaign/topic-units?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/topic-units?campaign=${x.id}`) },
  { name: "GET /api/campaign/claims?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/claims?campaign=${x.id}`) },
  { name: "GET /api/campaign/claims/:id", expect: readClaim, atCity: true, target: shared((c) => c.claim), call: (s, x) => s.get(`/api/campaign/claims/${x.id}`) },
  {
    name: "POST /api/campaign/claims",
    expect: claimTopic,
    atCity: true,
    // A fresh open topic each time (a claimant takes a topic once), for a leader in person, else for the city's unit.
    target: (g, role) => topicAt(g, "open", role === "leader" ? "leader" : "unit"),
    call: (s, x) =>
      s.post("/api/campaign/claims", x.audience === "leader" ? { topicId: x.id, summary: "我来牵头", projects: [] } : { topicId: x.id, unitId: cityOf(x.grid).unitId, summary: "本单位领题", projects: plan }),
  },
  {
    name: "POST /api/campaign/claims/:id/resubmit",
    expect: claimantOnly,
    atCity: true,
    target: (g) => claimAt(g, "returned"),
    call: (s, x) => s.post(`/api/campaign/claims/${x.id}/resubmit`, { ...version(x), summary: "细化后的方案", projects: plan }),
  },
  { name: "POST /api/campaign/claims/:id/withdraw", expect: claimantOnly, atCity: true, target: (g) => claimAt(g), call: (s, x) => s.post(`/api/campaign/claims/${x.id}/withdraw`, version(x)) },
  { name: "POST /api/campaign/claims/:id/approve", expect: reviewClaim, atCity: true, target: (g) => claimAt(g), call: (s, x) => s.post(`/api/campaign/claims/${x.id}/approve`, { ...version(x), note: "同意" }) },
  { name: "POST /api/campaign/claims/:id/return", expect: reviewClaim, atCity: true, target: (g) => claimAt(g), call: (s, x) => s.post(`/api/campaign/claims/${x.id}/return`, { ...version(x), note: "请细化" }) },

  // --- progress reports and evidence
  { name: "GET /api/campaign/reports?campaign", expect: readCity, atCity: true, target: campaignOf, call: (s, x) => s.get(`/api/campaign/reports?campaign=${x.id}`) },
  { name: "GET /api/campaign/reports/:id", expect: readProject, target: async (g) => sharedAt(g).report, call: (s, x) => s.get(`/api/campaign/reports/${x.id}`) },
  {
    name: "POST /api/campaign/reports",
    expect: reportProject(201),
    target: async (g) => sharedAt(g).project,
    call: (s, x, n) => s.post("/api/campaign/reports", { projectId: x.id, progress: 20, text: `本周进展${n}` }),
  },
  { name: "POST /api/campaign/reports/:id/accept", expect: manageProject(200), target: (g) => reportAt(g), call: (s, x) => s.post(`/api/campaign/reports/${x.id}/accept`, version(x)) },
  { name: "POST /api/campaign/reports/:id/return", expect: manageProject(200), target: (g) => reportAt(g), call: (s, x) => s.post(`/api/campaign/reports/${x.id}/return`, { ...version(x), note: "请补充佐证" }) },
  {
    name: "POST /api/campaign/reports/:id/attachments",
    expect: reportProject(201),
    // Evidence goes with one's own report: inside, the reporting roles attach to a report they submitted.
    target: (g, role) => reportAt(g, g === insideGrid && (role === "unit_staff" || role === "township_cadre") ? sessions.get(role) : undefined),
    call: (s, x) => s.post(`/api/campaign/reports/${x.id}/attachments`, { fileName: "佐证.png", dataBase64: png }),
  },
  { name: "GET /api/campaign/attachments/:id", expect: readProject, target: async (g) => sharedAt(g).attachment, call: (s, x) => s.get(`/api/campaign/attachments/${x.id}`) },

  // --- who speaks for which unit: the unit hangs at its city's root
  {
    name: "GET /api/campaign/unit-members?unit",
    expect: officeOnly(200),
    atCity: true,
    target: async (grid) => ({ id: cityOf(grid).unitId, version: 0, grid }),
    call: (s, x) => s.get(`/api/campaign/unit-members?unit=${x.id}`),
  },
  {
    name: "POST /api/campaign/unit-members",
    expect: officeOnly(201),
    atCity: true,
    target: async (grid) => {
      const [user] = await t.db.insert(users).values({ username: `joiner${++counter}`, displayName: "新联络员", cityId: cityOf(grid).cityId, passwordHash }).returning();
      return { id: user!.id, version: 0, grid };
    },
    call: (s, x) => s.post("/api/campaign/unit-members", { userId: x.id, unitId: cityOf(x.grid).unitId }),
  },
  { name: "DELETE /api/campaign/unit-members/:id", expect: officeOnly(200), atCity: true, target: unitMemberAt, call: (s, x) => s.delete(`/api/campaign/unit-members/${x.id}`, { reason: "调离" }) },
];

const globalRoutes: GlobalRoute[] = [
  { name: "GET /api/campaign/campaigns", expect: everyReader, call: (s) => s.get("/api/campaign/campaigns") },
  {
    name: "POST /api/campaign/campaigns",
    expect: statuses("201 403 403 403 403 403 403 403 403 403 403 403 403"),
    call: (s, n) => s.post("/api/campaign/campaigns", { name: `新行动${n}`, startsOn: "2026-07-01", endsOn: "2026-12-31" }),
  },
  { name: "GET /api/campaign/me", expect: everyReader, call: (s) => s.get("/api/campaign/me") },
  { name: "GET /api/campaign/unit-members", expect: statuses("200 403 403 403 403 403 403 403 403 403 403 403 403"), call: (s) => s.get("/api/campaign/unit-members") },
];

describe("records and places", () => {
  describe.each(recordRoutes)("$name", (route) => {
    it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
      const session = sessions.get(role)!;
      const away = route.atCity ? OTHER : outsideGrid[role];
      const insideResponse = await route.call(session, await route.target(insideGrid, role), ++counter);
      const outsideResponse = await route.call(session, await route.target(away, role), ++counter);
      expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
    });
  });
});

describe("routes without a place", () => {
  describe.each(globalRoutes)("$name", (route) => {
    it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
      expect((await route.call(sessions.get(role)!, ++counter)).statusCode).toBe(status);
    });
  });
});

describe("lists hold only what lies in the caller's reach", () => {
  /** Where each reading role reaches by node; unit_staff reaches by its unit instead. */
  const home: Partial<Record<MatrixRole, string>> = { campaign_admin: "C", leader: "C", township_cadre: "T1", village_secretary: "T1V1", supervisor: "T1" };

  it.each(matrixRoles.filter((role) => everyReader[matrixRoles.indexOf(role)] === 200))("%s", async (role) => {
    const session = sessions.get(role)!;
    const campaigns = (await made<{ items: { cityId: number }[] }>(session.get("/api/campaign/campaigns"), 200)).items;
    expect(campaigns.length).toBeGreaterThan(0);
    expect(campaigns.filter((campaign) => campaign.cityId !== city.cityId)).toEqual([]);
    const here = cities.get("here")!;
    const projects = (await made<{ items: { id: number; node: { id: number }; leadUnit: { id: number } | null }[] }>(session.get(`/api/campaign/projects?campaign=${here.campaign.id}&pageSize=500`), 200)).items;
    expect(projects.map((project) => project.id)).toContain(sharedAt(insideGrid).project.id);
    const reached = (project: (typeof projects)[number]) => {
      if (role === "unit_staff") return project.leadUnit?.id === here.unitId;
      const path = [...city.nodes.values()].find((node) => node.id === project.node.id)?.path ?? "";
      return path.startsWith(city.nodes.get(home[role]!)!.path);
    };
    expect(projects.filter((project) => !reached(project))).toEqual([]);
  });
});

describe("every route of the campaign module has a row", () => {
  it("covers each operation of the OpenAPI document under /api/campaign", () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.tags?.includes("campaign") || path.startsWith("/api/campaign/"))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set([...recordRoutes, ...globalRoutes].map((route) => route.name.split("?")[0]!.replace(/:(\w+)/g, "{$1}")));
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((operation) => !rows.has(operation))).toEqual([]);
    // And no row names a route that does not exist (a typo would otherwise test nothing).
    expect([...rows].filter((name) => !operations.includes(name))).toEqual([]);
  });
});
