import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { deliverDueWebhooks, robotPayload } from "./service";
import { isPublicAddress, type WebhookPolicy } from "./webhook";

/** A service inside the network: counts connections and answers whatever the test sets. */
interface Inside {
  port: number;
  connections: number;
  requests: string[];
  answer: { status: number; body: string; headers?: Record<string, string> };
  close(): Promise<void>;
}

async function startInside(): Promise<Inside> {
  const state = { connections: 0, requests: [] as string[], answer: { status: 200, body: '{"errcode":0}' } as Inside["answer"] };
  const server: Server = createServer((request, response) => {
    state.requests.push(request.url ?? "");
    request.resume();
    request.on("end", () => response.writeHead(state.answer.status, state.answer.headers ?? {}).end(state.answer.body));
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

let t: TestContext;
let city: SmallCity;
let office: Session;
let inside: Inside;

beforeAll(async () => {
  // The default robot hosts plus names that lead inward, as a careless or hostile configuration would list them.
  t = await createTestContext({ webhookHosts: ["oapi.dingtalk.com", "qyapi.weixin.qq.com", "localhost", "127.0.0.1", "169.254.169.254", "::1", "10.1.2.3"] });
  city = await seedSmallCity(t.db);
  office = await t.login("campaign_admin");
  inside = await startInside();
});
afterAll(async () => {
  await inside.close();
  await t.close();
});

async function save(webhookUrl: string | null) {
  const { version } = (await office.get("/api/notifications/settings")).json();
  return office.patch("/api/notifications/settings", { version, webhookUrl, webhookFormat: "dingtalk_text" });
}

async function queue(url: string) {
  await t.db.execute(sql`DELETE FROM webhook_outbox`);
  await t.db.execute(sql`INSERT INTO webhook_outbox (city_id, url, payload, status, next_attempt_at, created_at) VALUES (${city.cityId}, ${url}, '{"msgtype":"text","text":{"content":"x"}}', 'pending', ${t.clock.now()}, ${t.clock.now()})`);
}

async function outbox() {
  return (await office.get("/api/notifications/outbox")).json().items as { status: string; lastError: string | null }[];
}

describe("the robot address (SSRF)", () => {
  it("accepts an https address on a configured robot host", async () => {
    const saved = await save("https://oapi.dingtalk.com/robot/send?access_token=abc");
    expect(saved.statusCode).toBe(200);
    expect(saved.json().webhookUrl).toBe("https://oapi.dingtalk.com/robot/send?…");
  });

  it.each([
    ["http://oapi.dingtalk.com/robot/send?access_token=abc", "not_https"],
    ["https://example.com/robot/send", "host_not_allowed"],
    ["https://oapi.dingtalk.com.evil.example/robot/send", "host_not_allowed"],
    ["https://user:secret@oapi.dingtalk.com/robot/send", "credentials_in_url"],
    ["https://127.0.0.1/robot/send", "blocked_address"],
    ["https://[::1]/robot/send", "blocked_address"],
    ["https://169.254.169.254/latest/meta-data", "blocked_address"],
    ["https://10.1.2.3/robot/send", "blocked_address"],
    ["https://localhost/robot/send", "blocked_address"],
  ])("refuses %s (%s) and keeps the address it had", async (url, code) => {
    const refused = await save(url);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: "webhookUrl", message: expect.stringContaining(code) });
    expect((await office.get("/api/notifications/settings")).json().webhookUrl).toBe("https://oapi.dingtalk.com/robot/send?…");
  });

  it("checks the address again at send time, so a name that now resolves inward is never connected to", async () => {
    // Saved while the name pointed outside; now it resolves to loopback (DNS rebinding).
    await queue(`https://localhost:${inside.port}/robot/send`);
    const strict: WebhookPolicy = { hosts: ["localhost"], allowPrivate: false };
    expect(await deliverDueWebhooks(t.db, t.clock, strict, { maxAttempts: 1 })).toMatchObject({ failed: 1 });
    expect(inside.connections).toBe(0);
    expect(await outbox()).toMatchObject([{ status: "failed", lastError: "blocked_address" }]);
    await queue(`http://127.0.0.1:${inside.port}/robot/send`);
    expect(await deliverDueWebhooks(t.db, t.clock, strict, { maxAttempts: 1 })).toMatchObject({ failed: 1 });
    expect(inside.connections).toBe(0);
    expect(await outbox()).toMatchObject([{ status: "failed", lastError: "not_https" }]);
  });

  it("shows the administrator a status and an error code, never what the remote side answered, and follows no redirect", async () => {
    const relay: WebhookPolicy = { hosts: ["127.0.0.1"], allowPrivate: true };
    const url = `http://127.0.0.1:${inside.port}/robot/send`;
    const cases: [Inside["answer"], string][] = [
      [{ status: 500, body: "internal: db password is hunter2" }, "http_500"],
      [{ status: 200, body: '{"errcode":310000,"errmsg":"keywords not in content, internal token hunter2"}' }, "errcode_310000"],
      [{ status: 302, body: "", headers: { location: `http://127.0.0.1:${inside.port}/admin` } }, "http_302"],
    ];
    for (const [answer, code] of cases) {
      inside.answer = answer;
      inside.requests = [];
      await queue(url);
      await deliverDueWebhooks(t.db, t.clock, relay, { maxAttempts: 1 });
      expect(await outbox()).toEqual([expect.objectContaining({ status: "failed", lastError: code })]);
      expect(JSON.stringify(await outbox())).not.toContain("hunter2");
      expect(inside.requests).toEqual(["/robot/send"]);
    }
  });
});

describe("isPublicAddress", () => {
  it("refuses loopback, private, link-local, shared, unspecified and IPv4 wrapped in IPv6", () => {
    for (const address of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "169.254.169.254", "0.0.0.0", "255.255.255.255", "224.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1", "not an address"]) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
    for (const address of ["106.11.35.100", "8.8.8.8", "2400:3200::1", "::ffff:8.8.8.8"]) expect([address, isPublicAddress(address)]).toEqual([address, true]);
  });
});

describe("robot messages", () => {
  it("mask phone, ID and bank-card numbers before they leave for a group chat", () => {
    const payload = robotPayload("dingtalk_markdown", "张三 13812345678 的项目逾期", "身份证 140882199001011234，卡号 6222 0212 3456 7890");
    expect(JSON.stringify(payload)).not.toMatch(/13812345678|140882199001011234|0212 3456/);
    expect(payload).toMatchObject({ markdown: { title: "【智理】张三 138****5678 的项目逾期", text: expect.stringContaining("身份证 1408**********1234，卡号 6222********7890") } });
  });
});
