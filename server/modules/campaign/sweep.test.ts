import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { persons, units } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { startJobs } from "../../platform/jobs";
import { deliverDueWebhooks } from "../notifications/service";
import { webhookPolicy } from "../notifications/webhook";
import { sweepLateProjects } from "./sweep";

/** A group robot on 127.0.0.1 that fails the first `failures` posts with 500, then answers as DingTalk does. */
interface Receiver {
  url: string;
  received: unknown[];
  failures: number;
  hang: boolean;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state = { received: [] as unknown[], failures: 0, hang: false };
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (state.hang) return;
      if (state.failures > 0) {
        state.failures--;
        response.writeHead(500).end("busy");
        return;
      }
      state.received.push(JSON.parse(body));
      response.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/robot/send?access_token=secret-token`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

let t: TestContext;
let city: SmallCity;
let office: Session;
let staff: Session;
let leader: Session;
let receiver: Receiver;
let campaignId: number;
const policy = () => webhookPolicy(t.config);
let unitId: number;

beforeAll(async () => {
  // The test robot listens on loopback over http, as a relay inside an isolated network would.
  t = await createTestContext({ webhookHosts: ["127.0.0.1"], webhookAllowPrivate: true });
  city = await seedSmallCity(t.db);
  receiver = await startReceiver();
  const root = city.nodes.get("C")!.id;
  const [unit] = await t.db.insert(units).values({ cityId: city.cityId, nodeId: root, code: "ua", name: "甲单位", kind: "organ" }).returning();
  unitId = unit!.id;
  const [person] = await t.db.insert(persons).values({ cityId: city.cityId, nodeId: root, name: "常委甲", gender: "M" }).returning();
  await t.db.execute(sql`UPDATE users SET person_id = ${person!.id} WHERE username = 'leader'`);
  office = await t.login("campaign_admin");
  staff = await t.login("unit_staff");
  leader = await t.login("leader");
  campaignId = (await office.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json().id;
  await office.post("/api/campaign/unit-members", { userId: city.accounts.get("unit_staff"), unitId });
  const settings = (await office.get("/api/notifications/settings")).json();
  const saved = await office.patch("/api/notifications/settings", { version: settings.version, webhookUrl: receiver.url, webhookFormat: "dingtalk_text" });
  expect(saved.statusCode).toBe(200);
  expect(saved.json().webhookUrl).not.toContain("secret-token");
  // The clock starts on 2026-06-01 (Beijing time).
  for (const [name, deadline] of [["六月五日到期", "2026-06-05"], ["六月十日到期", "2026-06-10"], ["不急", "2026-11-30"]] as const) {
    await office.post("/api/campaign/projects", { campaignId, level: "concrete", kind: "required", name, deadline, leadUnitId: unitId, leaderPersonId: person!.id });
  }
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

/** Sessions expire when the clock jumps days ahead, so each step signs in afresh. */
async function at(time: string) {
  t.clock.set(time);
  office = await t.login("campaign_admin");
  staff = await t.login("unit_staff");
  leader = await t.login("leader");
}

const kinds = async (session: Session) => (await session.get("/api/notifications?pageSize=100")).json().items.map((n: { kind: string; title: string }) => `${n.kind}:${n.title.split("：")[1]}`).sort();

describe("late detection and escalation", () => {
  it("reminds owners of a deadline three days off, once", async () => {
    await at("2026-06-02T08:00:00+08:00");
    expect(await sweepLateProjects(t.jobEnv())).toMatchObject({ reminded: 1, late: 0, skipped: false });
    expect(await sweepLateProjects(t.jobEnv())).toMatchObject({ reminded: 0, late: 0 });
    expect(await kinds(staff)).toEqual(["deadline_approaching:六月五日到期"]);
  });

  it("flags a project late the day after its deadline, tells its unit and the group, and does it only once", async () => {
    await at("2026-06-06T00:30:00+08:00");
    const first = await sweepLateProjects(t.jobEnv());
    expect(first).toMatchObject({ late: 1, escalated: 0 });
    expect(await sweepLateProjects(t.jobEnv())).toMatchObject({ late: 0, escalated: 0, reminded: 0 });
    const map = (await office.get(`/api/campaign/campaigns/${campaignId}/battle-map`)).json();
    const late = map.items.find((i: { name: string }) => i.name === "六月五日到期");
    expect(late).toMatchObject({ late: true, light: "red", escalationLevel: 1 });
    expect(await kinds(staff)).toContain("project_late:六月五日到期");
    expect((await office.get(`/api/campaign/projects?campaign=${campaignId}&late=true`)).json().items.map((p: { name: string }) => p.name)).toEqual(["六月五日到期"]);
  });

  it("escalates to the leader and the office after a week late, however many sweepers run at once", async () => {
    await at("2026-06-13T09:00:00+08:00");
    const results = await Promise.all([sweepLateProjects(t.jobEnv()), sweepLateProjects(t.jobEnv()), sweepLateProjects(t.jobEnv())]);
    expect(results.reduce((sum, r) => sum + r.escalated, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.late, 0)).toBe(1);
    expect(await kinds(leader)).toEqual(["project_escalated:六月五日到期"]);
    expect(await kinds(office)).toEqual(["project_escalated:六月五日到期"]);
    const escalated = (await office.get(`/api/campaign/projects?campaign=${campaignId}&late=true`)).json().items;
    expect(escalated.map((p: { name: string; escalationLevel: number }) => [p.name, p.escalationLevel])).toEqual([["六月五日到期", 2], ["六月十日到期", 1]]);
  });

  it("clears the flag when the deadline is moved", async () => {
    const p = (await office.get(`/api/campaign/projects?campaign=${campaignId}&late=true`)).json().items[1];
    await office.patch(`/api/campaign/projects/${p.id}`, { version: p.version, deadline: "2026-07-31" });
    expect(await sweepLateProjects(t.jobEnv())).toMatchObject({ cleared: 1 });
    expect((await office.get(`/api/campaign/projects/${p.id}`)).json()).toMatchObject({ late: false, lateSince: null, escalationLevel: 0 });
  });
});

describe("the webhook outbox", () => {
  it("posts the DingTalk text format to the city's robot, retrying a failed delivery after a backoff", async () => {
    receiver.failures = 1;
    const first = await deliverDueWebhooks(t.db, t.clock, policy(), { backoffMs: 30_000 });
    // Three queued messages (late, then two for the second project and the escalation); the first post fails.
    expect(first.retrying).toBe(1);
    expect(first.delivered).toBeGreaterThanOrEqual(2);
    const pending = (await office.get("/api/notifications/outbox?status=pending")).json().items;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ attempts: 1, lastError: "http_500" });
    expect(await deliverDueWebhooks(t.db, t.clock, policy())).toMatchObject({ delivered: 0, retrying: 0 });
    t.clock.advance(31_000);
    expect(await deliverDueWebhooks(t.db, t.clock, policy())).toMatchObject({ delivered: 1 });
    expect((await office.get("/api/notifications/outbox?status=pending")).json().items).toHaveLength(0);
    expect(receiver.received).toContainEqual({ msgtype: "text", text: { content: expect.stringMatching(/^【智理】项目已逾期：六月五日到期\n截止日期 2026-06-05/) } });
  });

  it("never makes the request that caused a message wait for the robot, and delivers from the worker loop", async () => {
    receiver.hang = true;
    const p = (await office.get(`/api/campaign/projects?campaign=${campaignId}`)).json().items.find((i: { name: string }) => i.name === "不急");
    const report = (await staff.post("/api/campaign/reports", { projectId: p.id, progress: 10, text: "开始" })).json();
    const started = Date.now();
    const returned = await office.post(`/api/campaign/reports/${report.id}/return`, { version: report.version, note: "请补充" });
    expect(returned.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    receiver.hang = false;
    receiver.failures = 1;
    const before = receiver.received.length;
    const worker = startJobs([{ name: "webhooks", everyMs: 20, run: () => deliverDueWebhooks(t.db, t.clock, policy(), { backoffMs: 1 }) }], (_message, error) => {
      throw error;
    });
    try {
      for (let i = 0; i < 200 && receiver.received.length === before; i++) {
        t.clock.advance(1_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await worker.stop();
    }
    expect(receiver.received.slice(before)).toEqual([{ msgtype: "text", text: { content: "【智理】进展报告被退回：不急\n退回意见：请补充" } }]);
  });

  it("gives up after the last attempt and keeps the message as failed", async () => {
    await t.db.execute(sql`INSERT INTO webhook_outbox (city_id, url, payload, status, next_attempt_at, created_at) VALUES (${city.cityId}, 'http://127.0.0.1:1/closed', '{"msgtype":"text","text":{"content":"x"}}', 'pending', ${t.clock.now()}, ${t.clock.now()})`);
    expect(await deliverDueWebhooks(t.db, t.clock, policy(), { maxAttempts: 1, timeoutMs: 1_000 })).toMatchObject({ failed: 1 });
    expect((await office.get("/api/notifications/outbox?status=failed")).json().items).toHaveLength(1);
  });
});
