import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let admin: Session;
let cadre: Session;
let secretary: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
  secretary = await t.login("village_secretary");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
});
afterAll(async () => t.close());

const node = (code: string) => city.nodes.get(code)!.id;
let serial = 0;

async function newProblem(session: Session, code: string, fields: Record<string, unknown> = {}) {
  serial++;
  const response = await session.post("/api/problems", {
    nodeId: node(code),
    channel: "symposium",
    source: "self",
    category: "governance",
    title: `问题${serial}`,
    description: `第${serial}个问题的描述，编号${serial * 104729}`,
    ...fields,
  });
  if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json();
}

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake image body")]);
const pdf = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

describe("intake: clues become problems or are dismissed", () => {
  it("registers a clue with the reporter masked, converts it into two problems and refuses a second conversion", async () => {
    const created = await secretary.post("/api/problem-clues", {
      nodeId: node("T1V1"),
      channel: "suggestion_box",
      source: "residents",
      category: "environment",
      description: "村东头垃圾堆放，且路灯不亮",
      reporterName: "王秀英",
      reporterPhone: "13812345678",
    });
    expect(created.statusCode).toBe(201);
    const clue = created.json();
    expect(clue).toMatchObject({ status: "open", reporterName: "王**", reporterPhone: "138****5678", code: expect.stringMatching(/^XS\d{6}$/) });
    expect(JSON.stringify((await secretary.get(`/api/problem-clues/${clue.id}`)).json())).not.toContain("13812345678");

    const converted = await secretary.post(`/api/problem-clues/${clue.id}/convert`, {
      version: clue.version,
      problems: [{ title: "垃圾堆放" }, { title: "路灯不亮", category: "infrastructure", nodeId: node("T1V1G1") }],
    });
    expect(converted.statusCode).toBe(200);
    const items = converted.json().items;
    expect(items.map((p: { title: string; category: string; status: string; source: string }) => [p.title, p.category, p.status, p.source])).toEqual([
      ["垃圾堆放", "environment", "registered", "residents"],
      ["路灯不亮", "infrastructure", "registered", "residents"],
    ]);
    expect(items[0]).toMatchObject({ reporterName: "王**", reporterPhone: "138****5678", clueId: clue.id });
    const again = await secretary.post(`/api/problem-clues/${clue.id}/convert`, { version: clue.version + 1, problems: [{ title: "再来" }] });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "invalid_transition"]);
    expect((await secretary.get(`/api/problem-clues/${clue.id}`)).json()).toMatchObject({ status: "converted", problemIds: items.map((p: { id: number }) => p.id) });
    expect((await secretary.get(`/api/problems?clue=${clue.id}`)).json().total).toBe(2);
  });

  it("dismisses a clue with a reason; the grid worker may report but not dismiss", async () => {
    const worker = await t.login("grid_worker");
    const clue = (await worker.post("/api/problem-clues", { nodeId: node("T1V1G1M1"), channel: "household_visit", source: "residents", category: "livelihood", description: "反映低保问题" })).json();
    expect((await worker.post(`/api/problem-clues/${clue.id}/dismiss`, { version: clue.version, reason: "不属实" })).statusCode).toBe(403);
    const dismissed = await secretary.post(`/api/problem-clues/${clue.id}/dismiss`, { version: clue.version, reason: "经核实不属实" });
    expect(dismissed.json()).toMatchObject({ status: "dismissed", dismissReason: "经核实不属实" });
  });

  it("refuses a date in the future and a node outside the caller's reach", async () => {
    const future = await secretary.post("/api/problem-clues", { nodeId: node("T1V1"), channel: "hotline", source: "residents", category: "other", description: "x", receivedOn: "2030-01-01" });
    expect(future.json().error.fields[0].field).toBe("receivedOn");
    expect((await secretary.post("/api/problem-clues", { nodeId: node("T1V2"), channel: "hotline", source: "residents", category: "other", description: "x" })).statusCode).toBe(404);
  });
});

describe("attachments", () => {
  it("accepts photos and documents by their bytes, refuses other files and anything over 10 MB", async () => {
    const problem = await newProblem(secretary, "T1V1");
    const upload = (fileName: string, bytes: Buffer) => secretary.post(`/api/problems/${problem.id}/attachments`, { fileName, contentBase64: bytes.toString("base64") });
    const photo = await upload("现场照片.png", png);
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ mime: "image/png", size: png.length, fileName: "现场照片.png" });
    expect((await upload("C:\\docs\\报告.pdf", pdf)).json()).toMatchObject({ mime: "application/pdf", fileName: "报告.pdf" });
    const exe = await upload("照片.png", Buffer.from("MZ\x90\x00 not an image"));
    expect([exe.statusCode, exe.json().error.fields[0].field]).toEqual([400, "contentBase64"]);
    const huge = await upload("big.pdf", Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect([huge.statusCode, huge.json().error.fields[0].message]).toEqual([400, "larger than 10 MB"]);
    expect((await secretary.post(`/api/problems/${problem.id}/attachments`, { fileName: "a.png", contentBase64: "不是base64" })).statusCode).toBe(400);

    const download = await secretary.get(`/api/problem-attachments/${photo.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(Buffer.from(download.rawPayload).equals(png)).toBe(true);
    const neighbour = await t.login("township_cadre");
    expect((await neighbour.get(`/api/problem-attachments/${photo.json().id}`)).statusCode).toBe(200);
    const outsider = await t.login("supervisor");
    expect((await outsider.get(`/api/problem-attachments/${photo.json().id}`)).statusCode).toBe(200);
  });

  it("keeps a file under the extension of what its bytes are, so a PNG sent as poly.html downloads as poly.png", async () => {
    const problem = await newProblem(secretary, "T1V1");
    const upload = (fileName: string, bytes: Buffer) => secretary.post(`/api/problems/${problem.id}/attachments`, { fileName, contentBase64: bytes.toString("base64") });
    const poly = await upload("poly.html", png);
    expect(poly.statusCode).toBe(201);
    expect(poly.json()).toMatchObject({ mime: "image/png", fileName: "poly.png" });
    expect((await upload('..\\x"y\r\n.pdf.svg', pdf)).json().fileName).toBe("x_y__.pdf.pdf");
    expect((await upload(".htaccess", png)).json().fileName).toBe("file.png");
    const download = await secretary.get(`/api/problem-attachments/${poly.json().id}`);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="poly.png"; filename*=UTF-8''poly.png`);
    const chinese = await secretary.get(`/api/problem-attachments/${(await upload("现场.html", png)).json().id}`);
    expect(chinese.headers["content-disposition"]).toBe(`attachment; filename="__.png"; filename*=UTF-8''${encodeURIComponent("现场.png")}`);
  });

  it("ties uploaded files to the progress update they are evidence for", async () => {
    let problem = await newProblem(secretary, "T1V1");
    problem = (await secretary.post(`/api/problems/${problem.id}/assign`, { version: problem.version, responsibleNodeId: node("T1V1"), responsiblePerson: "张主任", measure: "清理", deadlineDays: 3 })).json();
    problem = (await secretary.post(`/api/problems/${problem.id}/start`, { version: problem.version })).json();
    const photo = (await secretary.post(`/api/problems/${problem.id}/attachments`, { fileName: "after.png", contentBase64: png.toString("base64") })).json();
    const elsewhere = await newProblem(secretary, "T1V1");
    const foreign = (await secretary.post(`/api/problems/${elsewhere.id}/attachments`, { fileName: "x.png", contentBase64: png.toString("base64") })).json();
    const wrong = await secretary.post(`/api/problems/${problem.id}/progress`, { version: problem.version, progress: 60, note: "清理一半", attachmentIds: [foreign.id] });
    expect([wrong.statusCode, wrong.json().error.fields[0].field]).toEqual([400, "attachmentIds"]);
    const updated = await secretary.post(`/api/problems/${problem.id}/progress`, { version: problem.version, progress: 60, note: "清理一半", attachmentIds: [photo.id] });
    expect(updated.json()).toMatchObject({ progress: 60 });
    const detail = (await secretary.get(`/api/problems/${problem.id}`)).json();
    const event = detail.timeline.find((entry: { action: string }) => entry.action === "progress");
    expect(detail.attachments.find((a: { id: number }) => a.id === photo.id).eventId).toBe(event.id);
  });
});

describe("the percent a problem shows", () => {
  it("is its last report's: 100 once handed in, and the last progress report's again when the check returns it", async () => {
    let problem = await newProblem(secretary, "T1V1");
    problem = (await secretary.post(`/api/problems/${problem.id}/assign`, { version: problem.version, responsibleNodeId: node("T1V1"), responsiblePerson: "张主任", measure: "清理", deadlineDays: 5 })).json();
    problem = (await secretary.post(`/api/problems/${problem.id}/start`, { version: problem.version })).json();
    problem = (await secretary.post(`/api/problems/${problem.id}/progress`, { version: problem.version, progress: 50, note: "完成一半" })).json();
    expect(problem.progress).toBe(50);
    problem = (await secretary.post(`/api/problems/${problem.id}/submit`, { version: problem.version, note: "已完成" })).json();
    expect(problem.progress).toBe(100);
    const returned = await cadre.post(`/api/problems/${problem.id}/return`, { version: problem.version, reason: "未清理干净" });
    expect(returned.statusCode).toBe(200);
    const detail = (await cadre.get(`/api/problems/${problem.id}`)).json();
    const lastReport = detail.timeline.filter((entry: { action: string }) => entry.action === "progress").at(-1);
    expect([detail.status, detail.progress, lastReport.data.progress]).toEqual(["returned", 50, 50]);
  });
});

describe("scope", () => {
  it("shows a village secretary only their village's problems; others' are 404", async () => {
    const own = await newProblem(secretary, "T1V1G1M2");
    const sameTownship = await newProblem(cadre, "T1V2");
    const otherTownship = await newProblem(admin, "T2V1");
    const listed = (await secretary.get("/api/problems?pageSize=200")).json();
    expect(listed.items.map((p: { id: number }) => p.id)).toContain(own.id);
    const villageIds = new Set([node("T1V1"), node("T1V1G1"), node("T1V1G1M1"), node("T1V1G1M2")]);
    expect(listed.items.every((p: { nodeId: number }) => villageIds.has(p.nodeId))).toBe(true);
    for (const id of [sameTownship.id, otherTownship.id]) {
      expect((await secretary.get(`/api/problems/${id}`)).statusCode).toBe(404);
      expect((await secretary.post(`/api/problems/${id}/dismiss`, { version: 1, reason: "x" })).statusCode).toBe(404);
    }
    expect((await secretary.get(`/api/problems?org=${node("T1V2")}`)).statusCode).toBe(404);

    const cadreIds = (await cadre.get("/api/problems?pageSize=200")).json().items.map((p: { id: number }) => p.id);
    expect(cadreIds).toEqual(expect.arrayContaining([own.id, sameTownship.id]));
    expect(cadreIds).not.toContain(otherTownship.id);
    expect((await cadre.get(`/api/problems/${otherTownship.id}`)).statusCode).toBe(404);
    // Visible but not theirs to read: the system administrator sees the tree, not its problems.
    expect((await (await t.login("sys_admin")).get(`/api/problems/${own.id}`)).statusCode).toBe(403);
  });

  it("lets the node a problem was given to see and rectify it", async () => {
    let problem = await newProblem(cadre, "T1V2");
    problem = (await cadre.post(`/api/problems/${problem.id}/assign`, { version: problem.version, responsibleNodeId: node("T1V1"), responsiblePerson: "李书记", measure: "协助整改", deadlineDays: 5 })).json();
    expect((await secretary.get(`/api/problems/${problem.id}`)).json().abilities).toMatchObject({ start: true, approve: false, dismiss: false });
    expect((await secretary.post(`/api/problems/${problem.id}/start`, { version: problem.version })).statusCode).toBe(200);
    const assignOutside = await newProblem(secretary, "T1V1");
    const outside = await secretary.post(`/api/problems/${assignOutside.id}/assign`, { version: assignOutside.version, responsibleNodeId: other.nodes.get("OT1V1")!.id, responsiblePerson: "x", measure: "x", deadlineDays: 5 });
    expect(outside.statusCode).toBe(404);
  });
});

describe("duplicates", () => {
  it("suggests an open problem at the same node that reads alike, and merges it", async () => {
    const first = await newProblem(secretary, "T1V1", { title: "村委会门前路灯不亮", description: "村委会门前三盏路灯长期不亮，夜间出行不便" });
    await newProblem(secretary, "T1V1", { title: "集体经济合同", description: "承包合同未经四议两公开" });
    const second = await secretary.post("/api/problems", {
      nodeId: node("T1V1"),
      channel: "hotline",
      source: "residents",
      category: "infrastructure",
      title: "村委会门前路灯坏了",
      description: "村委会门前的路灯长期不亮，晚上出行不便",
    });
    const similar = second.json().similar;
    expect(similar.map((s: { id: number }) => s.id)).toEqual([first.id]);
    expect(similar[0].similarity).toBeGreaterThanOrEqual(0.4);
    expect((await secretary.get(`/api/problems/${first.id}/similar`)).json().items[0].id).toBe(second.json().id);
    const elsewhere = await newProblem(cadre, "T1V2", { title: "村委会门前路灯不亮", description: "村委会门前三盏路灯长期不亮，夜间出行不便" });
    expect(elsewhere.similar).toEqual([]);

    const merged = await secretary.post(`/api/problems/${second.json().id}/merge`, { version: second.json().version, intoId: first.id });
    expect(merged.json()).toMatchObject({ status: "merged", mergedIntoId: first.id });
    const survivor = (await secretary.get(`/api/problems/${first.id}`)).json();
    expect(survivor.timeline.at(-1)).toMatchObject({ action: "merged_in", data: { fromId: second.json().id } });
  });
});

describe("lists", () => {
  it("freezes a node's problems of a period into a list, publishes it and withdraws it", async () => {
    const inPeriod = await newProblem(secretary, "T1V1", { foundOn: "2026-05-20" });
    const outOfPeriod = await newProblem(secretary, "T1V1", { foundOn: "2026-04-01" });
    const created = await cadre.post("/api/problem-lists", { nodeId: node("T1"), title: "第一镇2026年5月问题清单", periodFrom: "2026-05-01", periodTo: "2026-05-31" });
    expect(created.statusCode).toBe(201);
    const list = created.json();
    expect(list).toMatchObject({ status: "draft", abilities: { publish: true } });
    const detail = (await cadre.get(`/api/problem-lists/${list.id}?pageSize=200`)).json();
    const ids = detail.items.map((p: { id: number }) => p.id);
    expect(ids).toContain(inPeriod.id);
    expect(ids).not.toContain(outOfPeriod.id);
    expect(detail.itemsTotal).toBe(list.itemCount);
    expect((await secretary.post("/api/problem-lists", { nodeId: node("T1V1"), title: "x", periodFrom: "2026-05-01", periodTo: "2026-05-31" })).statusCode).toBe(403);
    expect((await cadre.post("/api/problem-lists", { nodeId: node("T1"), title: "x", periodFrom: "2026-05-31", periodTo: "2026-05-01" })).json().error.fields[0].field).toBe("periodTo");

    const published = await cadre.post(`/api/problem-lists/${list.id}/publish`, { version: list.version });
    expect(published.json()).toMatchObject({ status: "published", abilities: { withdraw: true } });
    expect((await cadre.post(`/api/problem-lists/${list.id}/publish`, { version: published.json().version })).json().error.code).toBe("invalid_transition");
    expect((await t.app.inject({ method: "GET", url: `/api/public/problem-lists/${list.id}` })).statusCode).toBe(200);
    const withdrawn = await cadre.post(`/api/problem-lists/${list.id}/withdraw`, { version: published.json().version, reason: "数据有误" });
    expect(withdrawn.json()).toMatchObject({ status: "withdrawn", withdrawReason: "数据有误" });
    expect((await t.app.inject({ method: "GET", url: `/api/public/problem-lists/${list.id}` })).statusCode).toBe(404);
  });

  it("masks personal numbers in what the public and exports without reveal show, and keeps the stored text", async () => {
    const title = "张三13812345678门前积水";
    const description = "身份证140882199001011234，卡号6222021234567890123";
    const problem = await newProblem(secretary, "T1V1", { foundOn: "2026-05-21", title, description });
    const list = (await cadre.post("/api/problem-lists", { nodeId: node("T1"), title: "联系人 13900001111 的清单", periodFrom: "2026-05-21", periodTo: "2026-05-21" })).json();
    await cadre.post(`/api/problem-lists/${list.id}/publish`, { version: list.version });
    const shown = (await t.app.inject({ method: "GET", url: `/api/public/problem-lists/${list.id}` })).json();
    expect(shown.title).toBe("联系人 139****1111 的清单");
    expect(shown.items.map((item: { title: string }) => item.title)).toContain("张三138****5678门前积水");
    expect((await secretary.get(`/api/problems/${problem.id}`)).json()).toMatchObject({ title, description });

    const sheet = async (session: Session) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await session.get(`/api/problems/export?org=${node("T1V1")}`)).rawPayload as unknown as ArrayBuffer);
      const rows: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => rows.push(JSON.stringify(row.values)));
      return rows.join("\n");
    };
    // The township cadre may reveal personal data at the village (and the export is audited); the campaign office may not.
    const revealed = await sheet(cadre);
    expect(revealed).toContain(title);
    expect(revealed).toContain("140882199001011234");
    const audit = (await t.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'problem.export_reveal'`)) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBeGreaterThan(0);
    const masked = await sheet(admin);
    expect(masked).toContain("张三138****5678门前积水");
    expect(masked).toContain("1408**********1234");
    expect(masked).not.toContain("140882199001011234");
    expect(masked).not.toContain("6222021234567890123");
  });

  it("gathers problems from many places into a common list with its own measure and each member's progress", async () => {
    const members = [await newProblem(secretary, "T1V1", { category: "collective_economy" }), await newProblem(cadre, "T1V2", { category: "collective_economy" }), await newProblem(admin, "T2V1")];
    const outsideTownship = await cadre.post("/api/common-lists", {
      nodeId: node("T1"),
      title: "x",
      category: "collective_economy",
      description: "x",
      measure: "x",
      problemIds: members.map((m) => m.id),
    });
    expect(outsideTownship.json().error.fields[0].field).toBe("problemIds.2");
    const created = await cadre.post("/api/common-lists", {
      nodeId: node("T1"),
      title: "村集体合同未经民主程序",
      category: "collective_economy",
      description: "多个村的承包合同未履行四议两公开",
      measure: "全镇统一清理合同，补办民主程序",
      deadlineOn: "2026-09-30",
      problemIds: [members[0].id, members[1].id],
    });
    expect(created.statusCode).toBe(201);
    const list = created.json();
    expect(list).toMatchObject({ memberCount: 2, placeCount: 2, closedCount: 0, progress: 0, status: "draft" });
    let member = members[0];
    member = (await secretary.post(`/api/problems/${member.id}/assign`, { version: member.version, responsibleNodeId: node("T1V1"), responsiblePerson: "张三", measure: "补办程序", deadlineDays: 10 })).json();
    member = (await secretary.post(`/api/problems/${member.id}/start`, { version: member.version })).json();
    member = (await secretary.post(`/api/problems/${member.id}/submit`, { version: member.version, note: "已补办" })).json();
    await cadre.post(`/api/problems/${member.id}/approve`, { version: member.version });
    const detail = (await secretary.get(`/api/common-lists/${list.id}`)).json();
    expect(detail).toMatchObject({ memberCount: 2, closedCount: 1, progress: 50 });
    // The village sees the common item and its own member; the township sees every member.
    expect(detail.members.map((m: { id: number; status: string }) => [m.id, m.status])).toEqual([[members[0].id, "closed"]]);
    const township = (await cadre.get(`/api/common-lists/${list.id}`)).json();
    expect(township.members.map((m: { id: number; status: string }) => [m.id, m.status])).toEqual(expect.arrayContaining([[members[0].id, "closed"], [members[1].id, "registered"]]));
    expect((await secretary.get("/api/common-lists")).json().items.map((l: { id: number }) => l.id)).toContain(list.id);
    expect((await secretary.get(`/api/common-lists?org=${node("T1V1")}`)).json().items.map((l: { id: number }) => l.id)).not.toContain(list.id);
    expect((await secretary.get(`/api/problems/${members[0].id}`)).json().commonLists).toEqual([{ id: list.id, title: "村集体合同未经民主程序" }]);
    const published = await cadre.post(`/api/common-lists/${list.id}/publish`, { version: list.version });
    expect(published.json().status).toBe("published");
    expect((await cadre.post(`/api/common-lists/${list.id}/members`, { version: list.version, problemIds: [members[1].id] })).statusCode).toBe(409);
  });

  it("records breaches of a negative list set above, seen only where the reader may read problems", async () => {
    const created = await admin.post("/api/negative-lists", { nodeId: node("C"), title: "严禁违规发包集体资源", category: "collective_economy", description: "未经四议两公开不得发包集体土地" });
    expect(created.statusCode).toBe(201);
    const list = created.json();
    expect((await secretary.get("/api/negative-lists")).json().items.map((l: { id: number }) => l.id)).toContain(list.id);
    const breach = await secretary.post(`/api/negative-lists/${list.id}/breaches`, { nodeId: node("T1V1"), occurredOn: "2026-05-10", description: "私自发包20亩集体土地" });
    expect(breach.statusCode).toBe(201);
    expect((await admin.post(`/api/negative-lists/${list.id}/breaches`, { nodeId: node("T2V1"), occurredOn: "2026-05-11", description: "另一镇的违规" })).statusCode).toBe(201);
    expect((await secretary.post(`/api/negative-lists/${list.id}/breaches`, { nodeId: node("T1V2"), occurredOn: "2026-05-10", description: "x" })).statusCode).toBe(404);
    expect((await secretary.get(`/api/negative-lists/${list.id}`)).json()).toMatchObject({ breachCount: 1, breaches: [{ description: "私自发包20亩集体土地" }] });
    expect((await admin.get(`/api/negative-lists/${list.id}`)).json().breachCount).toBe(2);
    const retired = await admin.post(`/api/negative-lists/${list.id}/retire`, { version: list.version, reason: "并入新规定" });
    expect(retired.json().retiredAt).not.toBeNull();
    expect((await secretary.post(`/api/negative-lists/${list.id}/breaches`, { nodeId: node("T1V1"), occurredOn: "2026-05-12", description: "x" })).statusCode).toBe(409);
  });
});

describe("the public side", () => {
  const anonymous = (method: "GET" | "POST", url: string, payload?: unknown) => t.app.inject({ method, url, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

  it("takes a resident's problem without sign-in and lets them follow it with the tracking code", async () => {
    const places = (await anonymous("GET", "/api/public/places?city=testcity")).json().items;
    expect(places.map((p: { name: string }) => p.name)).toContain("第1镇1村");
    const bad = [
      { city: "testcity", nodeId: node("T1V1"), category: "environment", description: "x", contactPhone: "12345" },
      { city: "testcity", nodeId: other.nodes.get("OT1V1")!.id, category: "environment", description: "x" },
      { city: "testcity", nodeId: node("T1"), category: "environment", description: "x" },
      { city: "nowhere", nodeId: node("T1V1"), category: "environment", description: "x" },
      { city: "testcity", nodeId: node("T1V1"), category: "environment", description: "x", trackingCode: "ZL-AAAA-AAAA-AAAA" },
    ];
    for (const body of bad) expect((await anonymous("POST", "/api/public/problems", body)).statusCode).toBe(400);

    const submitted = await anonymous("POST", "/api/public/problems", {
      city: "testcity",
      nodeId: node("T1V1"),
      category: "environment",
      description: "小区门口污水外溢",
      contactName: "赵大妈",
      contactPhone: "13900001111",
    });
    expect(submitted.statusCode).toBe(201);
    const code = submitted.json().trackingCode as string;
    expect(code).toMatch(/^ZL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const tracked = (await anonymous("GET", `/api/public/track/${code.toLowerCase()}`)).json();
    expect(tracked).toMatchObject({ status: "open", nodeName: "第1镇1村", problems: [] });
    expect(JSON.stringify(tracked)).not.toMatch(/赵|13900001111|1111/);
    expect((await anonymous("GET", "/api/public/track/ZL-AAAA-AAAA-AAAA")).statusCode).toBe(404);
    expect((await anonymous("GET", "/api/public/track/not-a-code")).statusCode).toBe(400);

    const clue = (await secretary.get("/api/problem-clues?status=open&channel=online")).json().items.find((c: { description: string }) => c.description === "小区门口污水外溢");
    expect(clue).toMatchObject({ publicSubmission: true, source: "residents", reporterName: "赵**", reporterPhone: "139****1111" });
    await secretary.post(`/api/problem-clues/${clue.id}/convert`, { version: clue.version, problems: [{ title: "污水外溢" }] });
    const after = (await anonymous("GET", `/api/public/track/${code}`)).json();
    expect(after).toMatchObject({ status: "converted", problems: [{ title: "污水外溢", status: "registered" }] });
  });

  it("shows only published lists, each item's status and dates, and nothing personal", async () => {
    await newProblem(secretary, "T1V1", { reporterName: "孙悟空", reporterPhone: "13711112222", foundOn: "2026-03-15" });
    const draft = (await cadre.post("/api/problem-lists", { nodeId: node("T1"), title: "草稿清单", periodFrom: "2026-03-01", periodTo: "2026-03-31" })).json();
    const list = (await cadre.post("/api/problem-lists", { nodeId: node("T1"), title: "三月公示", periodFrom: "2026-03-01", periodTo: "2026-03-31" })).json();
    let item = (await cadre.get(`/api/problem-lists/${list.id}`)).json().items[0];
    item = (await cadre.post(`/api/problems/${item.id}/assign`, { version: item.version, responsibleNodeId: node("T1V1"), responsiblePerson: "周责任", measure: "整改", deadlineDays: 5 })).json();
    await cadre.post(`/api/problem-lists/${list.id}/publish`, { version: list.version });

    const lists = (await anonymous("GET", "/api/public/problem-lists?city=testcity")).json();
    expect(lists.items.map((l: { id: number }) => l.id)).toContain(list.id);
    expect(lists.items.map((l: { id: number }) => l.id)).not.toContain(draft.id);
    expect((await anonymous("GET", `/api/public/problem-lists/${draft.id}`)).statusCode).toBe(404);
    const shown = await anonymous("GET", `/api/public/problem-lists/${list.id}`);
    expect(shown.json().items[0]).toEqual({
      code: item.code,
      title: item.title,
      category: "governance",
      nodeName: "第1镇1村",
      status: "assigned",
      foundOn: "2026-03-15",
      deadlineOn: "2026-06-08",
      closedOn: null,
    });
    expect(shown.body).not.toMatch(/孙|悟空|1371111|2222|周责任|reporter|responsible|phone/i);
    expect((await anonymous("GET", "/api/problems")).statusCode).toBe(401);
    expect((await anonymous("GET", "/api/public/problem-lists?city=othercity")).json().total).toBe(0);
  });
});

describe("figures", () => {
  it("gives problems.* for a node, each count drillable to exactly its records, rates only with enough cases", async () => {
    const figures = (await cadre.get(`/api/figures?org=${node("T1")}`)).json().figures;
    for (const key of ["problems.clues", "problems.total", "problems.commonLists", "problems.disclosedLists", "problems.open", "problems.closed", "problems.due", "problems.handled"]) {
      expect(typeof figures[key]).toBe("number");
    }
    for (const key of ["problems.total", "problems.open", "problems.closed", "problems.due", "problems.closedOnTime", "problems.overdue", "problems.handled", "problems.reworked"]) {
      const list = (await cadre.get(`/api/problems?org=${node("T1")}&figure=${key}&pageSize=1`)).json();
      expect([key, list.total]).toEqual([key, figures[key]]);
    }
    expect((await cadre.get(`/api/problem-clues?org=${node("T1")}&figure=problems.clues&pageSize=1`)).json().total).toBe(figures["problems.clues"]);
    expect((await cadre.get(`/api/common-lists?org=${node("T1")}&status=published`)).json().total).toBe(figures["problems.commonLists"]);
    expect((await cadre.get(`/api/problem-lists?org=${node("T1")}&status=published`)).json().total).toBe(figures["problems.disclosedLists"]);
    expect(figures["problems.closed"]).toBeLessThan(5);
    expect(figures["problems.closureRate"]).toBeUndefined();

    // Enough closed cases for the rates to mean something: 5 closed, one of them after a rework.
    for (let i = 0; i < 5; i++) {
      let p = await newProblem(secretary, "T1V1");
      p = (await secretary.post(`/api/problems/${p.id}/assign`, { version: p.version, responsibleNodeId: node("T1V1"), responsiblePerson: "甲", measure: "乙", deadlineDays: 5 })).json();
      p = (await secretary.post(`/api/problems/${p.id}/start`, { version: p.version })).json();
      p = (await secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "完成" })).json();
      if (i === 0) {
        p = (await cadre.post(`/api/problems/${p.id}/return`, { version: p.version, reason: "返工" })).json();
        p = (await secretary.post(`/api/problems/${p.id}/start`, { version: p.version })).json();
        p = (await secretary.post(`/api/problems/${p.id}/submit`, { version: p.version, note: "完成" })).json();
      }
      await cadre.post(`/api/problems/${p.id}/approve`, { version: p.version });
    }
    const after = (await cadre.get(`/api/figures?org=${node("T1")}`)).json().figures;
    expect(after["problems.closureRate"]).toBe(Math.round((after["problems.closed"] / after["problems.due"]) * 1000) / 10);
    expect(after["problems.onTimeClosureRate"]).toBe(Math.round((after["problems.closedOnTime"] / after["problems.due"]) * 1000) / 10);
    expect(after["problems.reworkRate"]).toBe(Math.round((after["problems.reworked"] / after["problems.handled"]) * 1000) / 10);
    expect(after["problems.reworked"]).toBeGreaterThanOrEqual(1);
    expect((await secretary.get(`/api/figures?org=${node("T2")}`)).statusCode).toBe(404);
  });
});
