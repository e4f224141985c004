import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The residents' 随手拍 with photos, the handler's after-photos, and the copies the server makes: a
 * JPEG carrying a GPS position goes in; every copy the public side serves has no metadata at all and
 * fits its size, while staff keep the original as evidence. Tracking takes the event's own code.
 */
let t: TestContext;
let city: SmallCity;
let roadType: number;
let admin: Session;
let handler: Session;
let supervisor: Session;
const node = (code: string) => city.nodes.get(code)!.id;
const anonymous = (method: "GET" | "POST", url: string, payload?: object) => t.app.inject({ method, url, ...(payload ? { payload } : {}) });

/** A photo as a phone takes it: 1600 × 1200, with the camera's make and where it stood (35.6° N, 110.7° E). */
async function phoneJpeg(red: number): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: red, g: 120, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 36/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "110/1 42/1 0/1" } })
    .toBuffer();
}
const dataUrl = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString("base64")}`;
/** The EXIF pointer to the GPS block (tag 0x8825), as sharp writes it (little-endian). */
const hasGps = (exif: Buffer | undefined) => exif !== undefined && exif.includes(Buffer.from([0x25, 0x88]));

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  const [department] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: node("C"), code: "D10", name: "市交通运输局" }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: department!.id, code: "D10-F1", name: "道路设施养护" }).returning();
  admin = await t.login("campaign_admin");
  roadType = (await admin.post("/api/event-types", { code: "ROAD", name: "道路破损", category: "城市管理", functionIds: [fn!.id] })).json().id;
  const square = [[[110, 35], [110.1, 35], [110.1, 35.1], [110, 35.1], [110, 35]]];
  expect((await admin.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "T1V1G1M1", name: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: square } }] })).statusCode).toBe(200);
  const security = await t.login("security_admin");
  expect((await security.request({ method: "PUT", url: `/api/department-handlers/${city.accounts.get("department_handler")}/departments`, payload: { departmentIds: [department!.id] } })).statusCode).toBe(200);
  handler = await t.login("department_handler");
  supervisor = await t.login("supervisor");
});
afterAll(async () => t.close());

describe("the residents' 随手拍 with photos", () => {
  it("takes four photos with a place, tracks by the event code, shows before and after without location metadata", async () => {
    const originals = await Promise.all([40, 80, 120, 160].map(phoneJpeg));
    expect(hasGps((await sharp(originals[0]).metadata()).exif)).toBe(true);
    const tooMany = await anonymous("POST", "/api/public/events", { city: "testcity", typeId: roadType, description: "五张照片", lon: 110.05, lat: 35.05, photos: [...originals, originals[0]!].map(dataUrl) });
    expect(tooMany.statusCode).toBe(400);
    const created = await anonymous("POST", "/api/public/events", { city: "testcity", typeId: roadType, description: "小区门口路面塌陷", lon: 110.05, lat: 35.05, photos: originals.map(dataUrl) });
    expect(created.statusCode).toBe(201);
    const { trackingCode } = created.json() as { trackingCode: string };
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);

    const tracked = (await anonymous("GET", `/api/public/events/${trackingCode}`)).json() as { photos: { id: number; kind: string }[]; nodeName: string };
    expect(tracked.photos.map((photo) => photo.kind)).toEqual(["report", "report", "report", "report"]);
    expect(tracked.nodeName).toBe("第1镇1村微网格1");
    for (const photo of tracked.photos) {
      for (const [size, px] of [["thumb", 320], ["web", 1280]] as const) {
        const served = await anonymous("GET", `/api/public/events/${trackingCode}/photos/${photo.id}?size=${size}`);
        expect(served.statusCode).toBe(200);
        expect(served.headers["content-type"]).toBe("image/jpeg");
        const meta = await sharp(served.rawPayload).metadata();
        expect([meta.exif, meta.icc, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
        // 1600 × 1200 fitted inside px × px keeps its 4:3 shape.
        expect([meta.width, meta.height]).toEqual([px, (px * 3) / 4]);
      }
    }

    // Staff keep the original (evidence, with what the camera wrote) and see thumbnails made on the server.
    const id = ((await admin.get("/api/events?source=public&pageSize=50")).json() as { items: { id: number }[] }).items[0]!.id;
    const detail = (await admin.get(`/api/events/${id}`)).json() as { version: number; photos: { id: number; thumb: boolean }[] };
    expect(detail.photos.map((photo) => photo.thumb)).toEqual([true, true, true, true]);
    const original = await admin.get(`/api/events/${id}/photos/${detail.photos[0]!.id}`);
    expect(original.rawPayload.equals(originals[0]!)).toBe(true);
    const thumb = await admin.get(`/api/events/${id}/photos/${detail.photos[0]!.id}/thumb`);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);

    // The handler closes it with an after-photo; the resident sees it beside the before-photos and rates.
    let version = (await admin.post(`/api/events/${id}/register`, { version: detail.version })).json().version;
    version = (await handler.post(`/api/events/${id}/accept`, { version })).json().version;
    const after = await phoneJpeg(200);
    const fed = await handler.post(`/api/events/${id}/feedback`, { version, result: "已修复路面", photos: [dataUrl(after)] });
    expect(fed.statusCode).toBe(200);
    expect((await supervisor.post(`/api/events/${id}/close`, { version: fed.json().version, note: "已修复" })).statusCode).toBe(200);
    const closed = (await anonymous("GET", `/api/public/events/${trackingCode}`)).json() as { photos: { id: number; kind: string }[]; canRate: boolean };
    expect(closed.photos.map((photo) => photo.kind)).toEqual(["report", "report", "report", "report", "feedback"]);
    expect(closed.canRate).toBe(true);
    const afterCopy = await anonymous("GET", `/api/public/events/${trackingCode}/photos/${closed.photos[4]!.id}`);
    expect((await sharp(afterCopy.rawPayload).metadata()).exif).toBeUndefined();
    const rated = await anonymous("POST", "/api/public/ratings", { trackingCode, rating: "satisfied" });
    expect(rated.json()).toMatchObject({ stage: "evaluated", rating: "satisfied" });
  });

  it("answers 404 for a photo asked for under another event's code, and for an unknown code", async () => {
    const made = async (description: string) =>
      (await anonymous("POST", "/api/public/events", { city: "testcity", typeId: roadType, description, lon: 110.05, lat: 35.05, photos: [dataUrl(await phoneJpeg(90))] })).json() as { trackingCode: string };
    const first = await made("路灯不亮");
    const second = await made("井盖缺失");
    const photoOfSecond = ((await anonymous("GET", `/api/public/events/${second.trackingCode}`)).json() as { photos: { id: number }[] }).photos[0]!.id;
    expect((await anonymous("GET", `/api/public/events/${second.trackingCode}/photos/${photoOfSecond}`)).statusCode).toBe(200);
    expect((await anonymous("GET", `/api/public/events/${first.trackingCode}/photos/${photoOfSecond}`)).statusCode).toBe(404);
    expect((await anonymous("GET", `/api/public/events/ZZZZZZZZZZ/photos/${photoOfSecond}`)).statusCode).toBe(404);
    expect((await anonymous("GET", `/api/public/events/${second.trackingCode}/photos/${photoOfSecond}?size=huge`)).statusCode).toBe(400);
  });
});
