import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** A contract's text uploaded (合同文本): kept under the type its bytes show, the "missing file" flag cleared, the file read back as an attachment. */
let t: TestContext;
let city: SmallCity;
let secretary: Session;
let cadre: Session;

const node = (code: string) => city.nodes.get(code)!.id;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const html = Buffer.from("<html><script>alert(1)</script></html>");

async function filesKept(): Promise<number> {
  const result = (await t.db.execute(sql`SELECT count(*)::int AS n FROM ledger_contract_files`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  secretary = await t.login("village_secretary");
  cadre = await t.login("township_cadre");
});
afterAll(async () => t.close());

describe("the contract text", () => {
  it("clears the missing-file flag once uploaded, is named by its bytes' type, and downloads as an attachment", async () => {
    const created = (
      await secretary.post("/api/ledger/contracts", {
        nodeId: node("T1V1"),
        code: "HT-1",
        counterpartyKind: "enterprise",
        counterpartyName: "河津市龙门农业公司",
        object: "pond",
        objectName: "南坑塘",
        area: "5",
        unit: "亩",
        startOn: "2024-01-01",
        endOn: "2028-12-31",
        annualPriceFen: 300_000,
        paymentSchedule: "annual",
        dueFen: 0,
        receivedFen: 0,
        letMethod: "public_tender",
        procedure: "representatives_resolution",
        procedureOn: "2023-12-01",
      })
    ).json();
    expect(created.flags.filter((flag: { state: string }) => flag.state === "open").map((flag: { rule: string }) => flag.rule)).toEqual(["no_file"]);
    expect(created.fileId).toBeNull();

    // An HTML page sent under a .pdf name is refused on the field, and nothing changes.
    const before = await auditCount(t.db);
    const disguised = await secretary.post(`/api/ledger/contracts/${created.id}/file`, { version: created.version, fileName: "合同.pdf", contentBase64: html.toString("base64") });
    expect([disguised.statusCode, disguised.json().error.fields[0].field]).toEqual([400, "contentBase64"]);
    expect((await cadre.post(`/api/ledger/contracts/${created.id}/file`, { version: created.version, fileName: "合同.pdf", contentBase64: pdf("a").toString("base64") })).statusCode).toBe(403);
    expect([await auditCount(t.db), await filesKept()]).toEqual([before, 0]);

    const first = await secretary.post(`/api/ledger/contracts/${created.id}/file`, { version: created.version, fileName: "C:\\scans\\承包合同.exe", contentBase64: pdf("first").toString("base64") });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ fileRef: "承包合同.pdf", checkState: "rectified" });
    expect(first.json().flags.filter((flag: { state: string }) => flag.state === "open")).toEqual([]);
    // A second upload from the version the first one read is stale.
    expect((await secretary.post(`/api/ledger/contracts/${created.id}/file`, { version: created.version, fileName: "b.pdf", contentBase64: pdf("b").toString("base64") })).statusCode).toBe(409);

    const second = await secretary.post(`/api/ledger/contracts/${created.id}/file`, { version: first.json().version, fileName: "承包合同（盖章）.pdf", contentBase64: pdf("second").toString("base64") });
    expect(second.statusCode).toBe(200);
    expect(second.json().fileId).not.toBe(first.json().fileId);
    const download = await cadre.get(`/api/ledger/contracts/${created.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toContain("application/pdf");
    expect(download.headers["content-disposition"]).toContain("attachment;");
    expect(download.headers["content-disposition"]).toContain(encodeURIComponent("承包合同（盖章）.pdf"));
    expect(download.rawPayload.equals(pdf("second"))).toBe(true);
    // The replaced file is kept: a contract's text is evidence.
    expect(await filesKept()).toBe(2);
  });

  it("answers 404 for a contract without a file", async () => {
    const contracts = (await cadre.get(`/api/ledger/contracts?org=${node("T1")}`)).json();
    expect(contracts.items.every((item: { fileId: number | null }) => item.fileId !== null)).toBe(true);
    expect((await cadre.get(`/api/ledger/contracts/999999/file`)).statusCode).toBe(404);
  });
});
