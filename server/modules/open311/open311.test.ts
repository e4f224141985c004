import { configFromEnv } from "../../platform/config";
import { sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { seedOpen311Key } from "./service";

/**
 * The GeoReport v2 endpoints against the specification's own examples (wiki.open311.org/GeoReport_v2),
 * in JSON and XML, errors included. The spec's services 001–003 and DMV66 are set up as event types of
 * the test city, whose jurisdiction_id is its code. The spec's JSON writes codes as bare 001 (not valid
 * JSON); here they are the strings they are in its XML.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
const KEY = "test-open311-key";
let mediationFunction = 0;

const service = (code: string, name: string, description: string, group: string) => ({
  code,
  name,
  description,
  category: group,
  keywords: "lorem, ipsum, dolor",
  notice: "",
  attributes: [{ code: "NOTE", datatype: "text", required: false, order: 1, description: "Anything else?" }],
});

const specServices = [
  {
    service_code: "001",
    service_name: "Cans left out 24x7",
    description: "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
    metadata: true,
    type: "realtime",
    keywords: "lorem, ipsum, dolor",
    group: "sanitation",
  },
  {
    service_code: "002",
    metadata: true,
    type: "realtime",
    keywords: "lorem, ipsum, dolor",
    group: "street",
    service_name: "Construction plate shifted",
    description: "Metal construction plate covering the street or sidewalk has been moved.",
  },
  {
    service_code: "003",
    metadata: true,
    type: "realtime",
    keywords: "lorem, ipsum, dolor",
    group: "street",
    service_name: "Curb or curb ramp defect",
    description: "Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb.",
  },
];

const specServicesXml = `<?xml version="1.0" encoding="utf-8"?>
<services>
    <service>
        <service_code>001</service_code>
        <service_name>Cans left out 24x7</service_name>
        <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
        <metadata>true</metadata>
        <type>realtime</type>
        <keywords>lorem, ipsum, dolor</keywords>
        <group>sanitation</group>
    </service>
    <service>
        <service_code>002</service_code>
        <metadata>true</metadata>
        <type>realtime</type>
        <keywords>lorem, ipsum, dolor</keywords>
        <group>street</group>
        <service_name>Construction plate shifted</service_name>
        <description>Metal construction plate covering the street or sidewalk has been moved.</description>
    </service>
    <service>
        <service_code>003</service_code>
        <metadata>true</metadata>
        <type>realtime</type>
        <keywords>lorem, ipsum, dolor</keywords>
        <group>street</group>
        <service_name>Curb or curb ramp defect</service_name>
        <description>Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb.</description>
    </service>
</services>`;

const specDefinitionXml = `<?xml version="1.0" encoding="utf-8"?>
<service_definition>
    <service_code>DMV66</service_code>
    <attributes>
        <attribute>
            <variable>true</variable>
            <code>WHISHETN</code>
            <datatype>singlevaluelist</datatype>
            <required>true</required>
            <datatype_description></datatype_description>
            <order>1</order>
            <description>What is the ticket/tag/DL number?</description>
            <values>
                <value>
                    <key>123</key>
                    <name>Ford</name>
                </value>
                <value>
                    <key>124</key>
                    <name>Chrysler</name>
                </value>
            </values>
        </attribute>
    </attributes>
</service_definition>`;

const specErrorXml = `<?xml version="1.0" encoding="utf-8"?>
<errors>
    <error>
        <code>403</code>
        <description>Invalid api_key received -- can't proceed with create_request.</description>
    </error>
</errors>`;

/** The spec's example POST body, with our key, our jurisdiction and a point inside our grid. */
function specRequestBody(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    api_key: KEY,
    jurisdiction_id: "testcity",
    service_code: "001",
    lat: "35.05",
    long: "110.05",
    address_string: "1234 5th street",
    email: "smit333@sfgov.edu",
    device_id: "tt222111",
    account_id: "123456",
    first_name: "john",
    last_name: "smith",
    phone: "111111111",
    description: "A large sinkhole is destroying the street",
    media_url: "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
    "attribute[NOTE]": "123456",
    ...overrides,
  };
  return Object.entries(fields)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key.replace(/[[\]]/g, (c) => c)}=${encodeURIComponent(value).replace(/%20/g, "+")}`)
    .join("&");
}

/**
 * XML compared without formatting: whitespace between tags dropped, <a></a> written <a/>, and each
 * element's children put in a stable order by name (the spec's own examples order members freely;
 * repeated elements, a list's items, keep their order).
 */
function canonicalXml(text: string): string {
  interface Node {
    name: string;
    text: string;
    children: Node[];
  }
  const body = text.replace(/<\?xml[^>]*\?>/, "").replace(/>\s+</g, "><").trim();
  let at = 0;
  const parse = (): Node => {
    const open = /^<([A-Za-z_][\w.-]*)(\/?)>/.exec(body.slice(at))!;
    at += open[0].length;
    const node: Node = { name: open[1]!, text: "", children: [] };
    if (open[2]) return node;
    for (;;) {
      if (body.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      if (body[at] === "<") node.children.push(parse());
      else {
        const end = body.indexOf("<", at);
        node.text += body.slice(at, end).trim();
        at = end;
      }
    }
  };
  const render = (node: Node): string => {
    const children = [...node.children].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inner = node.text + children.map(render).join("");
    return inner ? `<${node.name}>${inner}</${node.name}>` : `<${node.name}/>`;
  };
  return render(parse());
}

function get(url: string) {
  return t.app.inject({ method: "GET", url });
}

function post(url: string, payload: string, headers: InjectOptions["headers"] = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }) {
  return t.app.inject({ method: "POST", url, payload, headers });
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await seedOtherCity(t.db);
  admin = await t.login("campaign_admin");
  const cityNode = city.nodes.get("C")!.id;
  const [justice] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: cityNode, code: "D15", name: "市司法局" }).returning();
  const [mediation] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: justice!.id, code: "D15-F1", name: "人民调解" }).returning();
  mediationFunction = mediation!.id;
  const codes = ["T1V1G1M1", "T1V1G1M2"];
  await admin.post("/api/grids/import", {
    type: "FeatureCollection",
    features: codes.map((code, index) => ({
      type: "Feature",
      properties: { code },
      geometry: { type: "Polygon", coordinates: [[[110 + index / 10, 35], [110.1 + index / 10, 35], [110.1 + index / 10, 35.1], [110 + index / 10, 35.1], [110 + index / 10, 35]]] },
    })),
  });
  for (const body of [
    service("001", specServices[0]!.service_name, specServices[0]!.description, "sanitation"),
    service("002", specServices[1]!.service_name!, specServices[1]!.description!, "street"),
    service("003", specServices[2]!.service_name!, specServices[2]!.description!, "street"),
    {
      code: "DMV66",
      name: "DMV",
      category: "vehicles",
      functionIds: [mediationFunction],
      attributes: [
        {
          variable: true,
          code: "WHISHETN",
          datatype: "singlevaluelist",
          required: true,
          datatypeDescription: "",
          order: 1,
          description: "What is the ticket/tag/DL number?",
          values: [
            { key: "123", name: "Ford" },
            { key: "124", name: "Chrysler" },
          ],
        },
      ],
    },
    { code: "FIGHT", name: "家庭矛盾", category: "矛盾隐患", conflict: true, functionIds: [mediationFunction] },
  ]) {
    expect((await admin.post("/api/event-types", body)).statusCode).toBe(201);
  }
  await seedOpen311Key(t.db, city.cityId, { key: KEY, label: "test", demo: true, at: t.clock.now() });
});
afterAll(async () => t.close());

describe("discovery", () => {
  it("describes the endpoint in JSON and XML with the spec's fields", async () => {
    const json = await get("/open311/discovery.json");
    expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
    const discovery = json.json();
    expect(Object.keys(discovery)).toEqual(["changeset", "contact", "key_service", "endpoints"]);
    expect(discovery.endpoints).toEqual([
      { specification: "http://wiki.open311.org/GeoReport_v2", url: "http://localhost:80/open311/v2", changeset: discovery.changeset, type: "production", formats: ["text/xml", "application/json"] },
    ]);
    const xml = await get("/open311/v2/discovery.xml");
    expect(xml.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>/);
    expect(canonicalXml(xml.body)).toContain("<formats><format>text/xml</format><format>application/json</format></formats>");
  });
});

describe("services", () => {
  it("lists the services as the spec's example does, in JSON and XML; conflicts stay reportable", async () => {
    const json = (await get("/open311/v2/services.json?jurisdiction_id=testcity")).json() as Record<string, unknown>[];
    expect(json.filter((item) => ["001", "002", "003"].includes(item.service_code as string))).toEqual(specServices);
    expect(json.map((item) => item.service_code)).toEqual(["001", "002", "003", "DMV66", "FIGHT"]);
    const xml = await get("/open311/v2/services.xml");
    const ours = canonicalXml(xml.body).replace(/<service>(?:(?!<\/service>).)*<service_code>(DMV66|FIGHT)<\/service_code>(?:(?!<\/service>).)*<\/service>/g, "");
    expect(ours).toBe(canonicalXml(specServicesXml));
  });

  it("gives the spec's service definition for DMV66 in XML and JSON", async () => {
    const xml = await get("/open311/v2/services/DMV66.xml?jurisdiction_id=testcity");
    expect(canonicalXml(xml.body)).toBe(canonicalXml(specDefinitionXml));
    expect((await get("/open311/v2/services/DMV66.json")).json()).toEqual({
      service_code: "DMV66",
      attributes: [
        {
          variable: true,
          code: "WHISHETN",
          datatype: "singlevaluelist",
          required: true,
          datatype_description: null,
          order: 1,
          description: "What is the ticket/tag/DL number?",
          values: [
            { key: "123", name: "Ford" },
            { key: "124", name: "Chrysler" },
          ],
        },
      ],
    });
  });

  it("answers 404 for an unknown service or jurisdiction and 400 when the jurisdiction is needed but missing", async () => {
    const unknown = await get("/open311/v2/services/NOPE.json");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: "service_code NOPE was not found" }]);
    const place = await get("/open311/v2/services.xml?jurisdiction_id=nowhere.gov");
    expect(place.statusCode).toBe(404);
    expect(canonicalXml(place.body)).toBe("<errors><error><code>404</code><description>jurisdiction_id nowhere.gov was not found</description></error></errors>");
    const unserved = await get("/open311/v2/services.json?jurisdiction_id=othercity");
    expect(unserved.statusCode).toBe(404);
    await seedOpen311Key(t.db, (await t.db.execute(sql`SELECT id FROM cities WHERE code = 'othercity'`) as unknown as { rows: { id: number }[] }).rows[0]!.id, {
      key: "other-key",
      label: "other",
      demo: false,
      at: t.clock.now(),
    });
    const ambiguous = await get("/open311/v2/services.json");
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json()).toEqual([{ code: 400, description: "jurisdiction_id was not provided" }]);
    expect((await get("/open311/v2/services.csv")).statusCode).toBe(404);
  });
});

describe("POST requests", () => {
  it("creates a request from the spec's example (our key, jurisdiction and point) and answers with its id", async () => {
    const created = await post("/open311/v2/requests.json", specRequestBody());
    expect(created.statusCode).toBe(200);
    const [answer] = created.json();
    expect(answer).toEqual({ service_request_id: expect.any(Number), service_notice: null, account_id: "123456" });
    const event = (await admin.get(`/api/events/${answer.service_request_id}`)).json();
    expect(event).toMatchObject({
      source: "open311",
      stage: "reported",
      nodeId: city.nodes.get("T1V1G1M1")!.id,
      description: "A large sinkhole is destroying the street",
      reporterName: "smithjohn",
      attributes: { NOTE: "123456" },
    });
    const xml = await post("/open311/v2/requests.xml", specRequestBody());
    expect(canonicalXml(xml.body)).toMatch(/^<service_requests><request><account_id>123456<\/account_id><service_notice\/><service_request_id>\d+<\/service_request_id><\/request><\/service_requests>$/);
  });

  it("answers a bad key with the spec's own 403, in XML and JSON", async () => {
    const xml = await post("/open311/v2/requests.xml", specRequestBody({ api_key: "xyz" }));
    expect(xml.statusCode).toBe(403);
    expect(canonicalXml(xml.body)).toBe(canonicalXml(specErrorXml));
    const json = await post("/open311/v2/requests.json", specRequestBody({ api_key: "xyz" }));
    expect(json.json()).toEqual([{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }]);
    expect((await post("/open311/v2/requests.json", specRequestBody({ api_key: "" }))).statusCode).toBe(403);
  });

  it("answers 404 for an unknown service or jurisdiction and 400 for everything else, listing every problem", async () => {
    expect((await post("/open311/v2/requests.json", specRequestBody({ service_code: "999" }))).json()).toEqual([{ code: 404, description: "service_code 999 was not found" }]);
    expect((await post("/open311/v2/requests.json", specRequestBody({ jurisdiction_id: "city.gov" }))).statusCode).toBe(404);
    expect((await post("/open311/v2/requests.json", specRequestBody({ service_code: "" }))).json()).toEqual([{ code: 400, description: "service_code was not provided" }]);
    const sanFrancisco = await post("/open311/v2/requests.json", specRequestBody({ lat: "37.76524078", long: "-122.4212043" }));
    expect(sanFrancisco.statusCode).toBe(400);
    const nowhere = await post("/open311/v2/requests.json", specRequestBody({ lat: "", long: "", address_string: "" }));
    expect(nowhere.json()[0].description).toMatch(/location is required/);
    const several = await post("/open311/v2/requests.json", specRequestBody({ service_code: "DMV66", email: "not-an-email", "attribute[NOTE]": "", "attribute[BOGUS]": "1" }));
    expect(several.statusCode).toBe(400);
    const descriptions = (several.json() as { code: number; description: string }[]).map((error) => error.description);
    expect(descriptions).toEqual(expect.arrayContaining([expect.stringMatching(/^email/), "attribute[BOGUS] is not defined for service DMV66", "attribute[WHISHETN] is required: What is the ticket/tag/DL number?"]));
    const badValue = await post("/open311/v2/requests.json", specRequestBody({ service_code: "DMV66", "attribute[NOTE]": "", "attribute[WHISHETN]": "999" }));
    expect(badValue.json()).toEqual([{ code: 400, description: "attribute[WHISHETN] must be one of 123, 124" }]);
    const tooLong = await post("/open311/v2/requests.json", specRequestBody({ description: "长".repeat(4001) }));
    expect(tooLong.statusCode).toBe(400);
    const control = await post("/open311/v2/requests.json", specRequestBody({ description: "bad\u0000byte" }));
    expect(control.statusCode).toBe(400);
    const unparsable = await post("/open311/v2/requests.json", "{not json", { "content-type": "application/json" });
    expect(unparsable.statusCode).toBe(400);
    expect(Array.isArray(unparsable.json())).toBe(true);
  });

  it("places a request by address_id (a node code) or by a place named in address_string", async () => {
    const byId = (await post("/open311/v2/requests.json", specRequestBody({ lat: "", long: "", address_id: "T1V1G1M2" }))).json();
    expect((await admin.get(`/api/events/${byId[0].service_request_id}`)).json().nodeId).toBe(city.nodes.get("T1V1G1M2")!.id);
    const byName = (await post("/open311/v2/requests.json", specRequestBody({ lat: "", long: "", address_string: "第2镇1村微网格2东侧路口" }))).json();
    expect((await admin.get(`/api/events/${byName[0].service_request_id}`)).json().nodeId).toBe(city.nodes.get("T2V1G1M2")!.id);
    const unknown = await post("/open311/v2/requests.json", specRequestBody({ lat: "", long: "", address_string: "8TH AVE and JUDAH ST" }));
    expect(unknown.statusCode).toBe(400);
  });
});

describe("GET requests", () => {
  it("shows a request with the spec's fields in the spec's order; status, agency and expected time follow the workflow", async () => {
    const [answer] = (await post("/open311/v2/requests.json", specRequestBody({ service_code: "DMV66", "attribute[NOTE]": "", "attribute[WHISHETN]": "123" }))).json();
    const id = answer.service_request_id as number;
    let request = (await get(`/open311/v2/requests/${id}.json?jurisdiction_id=testcity`)).json()[0];
    expect(Object.keys(request)).toEqual([
      "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
      "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]);
    expect(request).toMatchObject({ service_request_id: id, status: "open", service_code: "DMV66", agency_responsible: null, address_id: "T1V1G1M1", lat: 35.05, long: 110.05 });
    expect(request.requested_datetime).toBe("2026-06-01T09:00:00+08:00");
    const detail = (await admin.get(`/api/events/${id}`)).json();
    expect(request.expected_datetime).toBe(`${new Date(new Date(detail.closeDueAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`);
    let version = (await admin.post(`/api/events/${id}/register`, { version: detail.version })).json().version;
    request = (await get(`/open311/v2/requests/${id}.json?jurisdiction_id=testcity`)).json()[0];
    expect(request).toMatchObject({ status: "open", agency_responsible: "市司法局", status_notes: "已派遣至责任部门 (sent to the responsible department)" });
    version = (await admin.post(`/api/events/${id}/accept`, { version })).json().version;
    version = (await admin.post(`/api/events/${id}/feedback`, { version, result: "已处理" })).json().version;
    await admin.post(`/api/events/${id}/close`, { version, note: "经核实不属实，张三 13812345678" });
    request = (await get(`/open311/v2/requests/${id}.json?jurisdiction_id=testcity`)).json()[0];
    // The note staff wrote when closing stays inside: the public sees the status in the platform's words.
    expect(request).toMatchObject({ status: "closed", status_notes: "已办结 (closed)" });
    const xml = await get(`/open311/v2/requests/${id}.xml?jurisdiction_id=testcity`);
    expect(canonicalXml(xml.body)).toContain("<status>closed</status>");
    expect(canonicalXml(xml.body)).toContain("<zipcode/>");
  });

  it("marks a duplicate closed with the spec's note, and keeps conflicts out of lists", async () => {
    const [first] = (await post("/open311/v2/requests.json", specRequestBody())).json();
    const [second] = (await post("/open311/v2/requests.json", specRequestBody())).json();
    await admin.post(`/api/events/${second.service_request_id}/reject`, { version: 1, reason: "duplicate", duplicateOfId: first.service_request_id, note: "Duplicate request." });
    expect((await get(`/open311/v2/requests/${second.service_request_id}.json?jurisdiction_id=testcity`)).json()[0]).toMatchObject({ status: "closed", status_notes: "重复报告 (Duplicate request.)" });
    const [fight] = (await post("/open311/v2/requests.json", specRequestBody({ service_code: "FIGHT", "attribute[NOTE]": "", description: "家中争吵" }))).json();
    const list = (await get("/open311/v2/requests.json?jurisdiction_id=testcity")).json() as { service_request_id: number }[];
    expect(list.map((item) => item.service_request_id)).not.toContain(fight.service_request_id);
    const byId = (await get(`/open311/v2/requests/${fight.service_request_id}.json?jurisdiction_id=testcity`)).json()[0];
    expect(byId).toMatchObject({ description: null, address: null, lat: null, long: null });
  });

  it("filters by status, service_code, dates and ids; defaults to 90 days and 1,000 requests", async () => {
    const all = (await get("/open311/v2/requests.json?jurisdiction_id=testcity")).json() as { status: string; service_code: string }[];
    expect(all.length).toBeGreaterThan(3);
    const open = (await get("/open311/v2/requests.json?jurisdiction_id=testcity&status=open")).json() as { status: string }[];
    expect(open.every((item) => item.status === "open")).toBe(true);
    const closed = (await get("/open311/v2/requests.json?jurisdiction_id=testcity&status=closed")).json() as { status: string }[];
    expect(open.length + closed.length).toBe(all.length);
    const dmv = (await get("/open311/v2/requests.json?jurisdiction_id=testcity&service_code=DMV66,003")).json() as { service_code: string }[];
    expect(dmv.every((item) => item.service_code === "DMV66")).toBe(true);
    const ids = all.slice(0, 2).map((item) => (item as unknown as { service_request_id: number }).service_request_id);
    const chosen = (await get(`/open311/v2/requests.json?jurisdiction_id=testcity&service_request_id=${ids.join(",")}&status=closed`)).json() as unknown[];
    expect(chosen).toHaveLength(2);
    expect((await get("/open311/v2/requests.json?jurisdiction_id=testcity&start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z")).json()).toEqual([]);
    const tooWide = await get("/open311/v2/requests.json?jurisdiction_id=testcity&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z");
    expect(tooWide.json()).toEqual([{ code: 400, description: "start_date and end_date may not span more than 90 days" }]);
    expect((await get("/open311/v2/requests.json?jurisdiction_id=testcity&start_date=yesterday")).statusCode).toBe(400);
    expect((await get("/open311/v2/requests.json?jurisdiction_id=testcity&status=pending")).statusCode).toBe(400);
    // Old requests fall outside the default window; more than 1,000 recent ones are cut at 1,000.
    await t.db.execute(sql`
      INSERT INTO events (city_id, node_id, event_type_id, urgency, source, tracking_code, description, stage, stage_started_at, reported_at, close_due_at)
      SELECT e.city_id, e.node_id, e.event_type_id, e.urgency, 'open311', 'B' || lpad(g::text, 9, '0'), e.description, 'reported', e.stage_started_at,
             CASE WHEN g <= 5 THEN e.reported_at - interval '100 days' ELSE e.reported_at - (g || ' minutes')::interval END, e.close_due_at
      FROM (SELECT * FROM events WHERE source = 'open311' ORDER BY id LIMIT 1) e, generate_series(1, 1010) g`);
    const recent = (await get("/open311/v2/requests.json?jurisdiction_id=testcity")).json() as { requested_datetime: string }[];
    expect(recent).toHaveLength(1000);
    const old = (await get("/open311/v2/requests.json?jurisdiction_id=testcity&start_date=2026-02-01T00:00:00Z&end_date=2026-02-28T00:00:00Z")).json() as unknown[];
    expect(old).toHaveLength(5);
  });

  it("answers 404 for an unknown request, in the format asked", async () => {
    const json = await get("/open311/v2/requests/999999.json?jurisdiction_id=testcity");
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: "service_request_id 999999 was not found" }]);
    const xml = await get("/open311/v2/requests/abc.xml?jurisdiction_id=testcity");
    expect(xml.statusCode).toBe(404);
    expect(xml.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect((await get("/open311/v2/nothing-here.json")).statusCode).toBe(404);
  });
});

describe("what is published", () => {
  const personal = "张三（身份证140882199001011234，电话138-1234-5678，卡号6222 0212 3456 7890）反映路面塌陷";

  it("masks phone, ID and bank-card numbers in a reporter's text in JSON and XML, keeps the stored text, and places to about 100 m", async () => {
    const [answer] = (await post("/open311/v2/requests.json", specRequestBody({ description: personal, lat: "35.051234", long: "110.058765" }))).json();
    const json = (await get(`/open311/v2/requests/${answer.service_request_id}.json?jurisdiction_id=testcity`)).json()[0];
    expect(json).toMatchObject({ description: "张三（身份证1408**********1234，电话138****5678，卡号6222********7890）反映路面塌陷", lat: 35.051, long: 110.059 });
    const listed = (await get("/open311/v2/requests.json?jurisdiction_id=testcity")).json() as { service_request_id: number; description: string }[];
    expect(listed.find((item) => item.service_request_id === answer.service_request_id)?.description).toBe(json.description);
    const xml = (await get(`/open311/v2/requests/${answer.service_request_id}.xml?jurisdiction_id=testcity`)).body;
    expect(xml).toContain("1408**********1234");
    for (const secret of ["140882199001011234", "1234-5678", "3456 7890", "35.051234"]) expect(xml).not.toContain(secret);
    expect((await admin.get(`/api/events/${answer.service_request_id}`)).json().description).toBe(personal);
  });

  it("leaves staff-reported events out unless the city publishes them, and then without what staff wrote", async () => {
    const staffReport = await admin.post("/api/events", { typeId: (await admin.get("/api/event-types")).json().items[0].id, description: "网格员巡查：李四家13912345678违建", nodeId: city.nodes.get("T1V1G1M1")!.id });
    expect(staffReport.statusCode).toBe(201);
    const id = staffReport.json().id as number;
    const listed = () => get("/open311/v2/requests.json?jurisdiction_id=testcity").then((r) => (r.json() as { service_request_id: number }[]).map((item) => item.service_request_id));
    expect(await listed()).not.toContain(id);
    expect((await get(`/open311/v2/requests/${id}.json?jurisdiction_id=testcity`)).statusCode).toBe(404);
    expect((await get(`/open311/v2/requests.json?jurisdiction_id=testcity&service_request_id=${id}`)).json()).toEqual([]);

    const settings = (await admin.get("/api/open311/settings")).json();
    expect(settings).toEqual({ publishedSources: ["public", "open311"], version: 1 });
    const bad = await admin.patch("/api/open311/settings", { version: settings.version, publishedSources: ["staff", "internal"] });
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, "publishedSources.1"]);
    const saved = await admin.patch("/api/open311/settings", { version: settings.version, publishedSources: ["staff", "public", "open311"] });
    expect(saved.json()).toEqual({ publishedSources: ["staff", "public", "open311"], version: 2 });
    expect((await admin.patch("/api/open311/settings", { version: settings.version, publishedSources: [] })).statusCode).toBe(409);
    expect(await listed()).toContain(id);
    const shown = (await get(`/open311/v2/requests/${id}.json?jurisdiction_id=testcity`)).json()[0];
    expect(shown).toMatchObject({ service_request_id: id, description: null, media_url: null });

    const none = await admin.patch("/api/open311/settings", { version: 2, publishedSources: [] });
    expect(none.statusCode).toBe(200);
    expect(await listed()).toEqual([]);
    await admin.patch("/api/open311/settings", { version: 3, publishedSources: ["public", "open311"] });
    expect(await listed()).not.toContain(id);
  });
});

describe("tokens", () => {
  it("maps a resident's tracking code (the token) to its service_request_id, as the spec's example", async () => {
    const [answer] = (await post("/open311/v2/requests.json", specRequestBody())).json();
    const code = (await admin.get(`/api/events/${answer.service_request_id}`)).json().trackingCode as string;
    expect((await get(`/open311/v2/tokens/${code}.json?jurisdiction_id=testcity`)).json()).toEqual([{ service_request_id: answer.service_request_id, token: code }]);
    expect(canonicalXml((await get(`/open311/v2/tokens/${code}.xml?jurisdiction_id=testcity`)).body)).toBe(
      `<service_requests><request><service_request_id>${answer.service_request_id}</service_request_id><token>${code}</token></request></service_requests>`,
    );
    expect((await get("/open311/v2/tokens/12345.json?jurisdiction_id=testcity")).json()).toEqual([{ code: 404, description: "token 12345 was not found" }]);
  });
});

describe("the configured key", () => {
  it("replaces the demo key when OPEN311_API_KEY is set", async () => {
    const second = await createTestContext(configFromEnv({ OPEN311_API_KEY: "from-the-environment" }, { demo: false, serveWeb: false }), t.database);
    try {
      const send = (key: string) => second.app.inject({ method: "POST", url: "/open311/v2/requests.json", payload: specRequestBody({ api_key: key }), headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect((await send("from-the-environment")).statusCode).toBe(200);
      expect((await send(KEY)).statusCode).toBe(403);
    } finally {
      await second.app.close();
    }
  });
});
