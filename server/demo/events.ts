import { SQL, and, eq, getTableColumns, inArray, is, isNull, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { ServiceAttribute, TimeLimit, TimerStage, Urgency } from "../../shared/schemas/events";
import type { Database } from "../db/client";
import { departmentFunctions, departments, eventSteps, eventSummons, eventTimeLimits, eventTypeFunctions, eventTypes, events, orgNodes, persons, posts } from "../db/schema";
import { calendarFor, type WorkCalendar } from "../platform/calendar/service";
import { DEFAULT_LIMITS, closeDeadline, limitTable, timerFrom, type LimitTable } from "../modules/events/deadlines";
import { DEMO_OPEN311_KEY, seedOpen311Key } from "../modules/open311/service";
import { Random, apportion } from "./random";

/**
 * A year of grid events for the demo city, ending at `now`: the catalogue (types mapped to the 45
 * department functions, limits, the Open311 key), then about 15,000 events spread as a county's
 * really are — more in summer and on weekdays, in office hours, more in the two streets — each
 * carried through the workflow with the lateness, re-routing, rework and ratings a real year has.
 * Cases still running at `now` are open in their stage, overdue ones escalated as the sweep would.
 * Among them 12 types are 矛盾隐患 (conflicts and hazards): 480+ of those are resolved.
 *
 * Deterministic for a given `now` and calendar (seeded streams, ids reserved up front, bulk inserts).
 * Writes no audit entry: the caller records the demo load. Load the calendar first, so deadlines
 * skip its holidays.
 */

const SEED = 20_260_601;
const EVENT_COUNT = 15_000;
const JSON_BATCH = 5000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

interface TypeSpec {
  code: string;
  name: string;
  category: string;
  conflict: boolean;
  functions: readonly string[];
  weight: number;
  /** Relative frequency by month, January first, where the season matters. */
  season?: readonly number[];
  description: string;
  notice: string;
  keywords: string;
  attributes?: ServiceAttribute[];
  /** What a reporter writes, {place} filled in. */
  texts: readonly string[];
}

const summer = [0.4, 0.3, 0.5, 0.7, 1.0, 1.8, 2.6, 2.4, 1.2, 0.6, 0.4, 0.3];
const burning = [0.8, 0.6, 1.6, 1.2, 0.8, 1.4, 0.6, 0.5, 0.9, 1.8, 1.6, 0.9];
const winter = [1.8, 1.6, 1.1, 0.8, 0.7, 0.7, 0.8, 0.8, 0.8, 0.9, 1.3, 1.7];

export const demoTypes: readonly TypeSpec[] = [
  { code: "ET01", name: "占道经营", category: "市容环境", conflict: false, functions: ["D03-F2"], weight: 12, description: "流动摊贩、店外经营占用道路", notice: "执法部门 2 个工作日内到场处置", keywords: "摊贩, 占道, 出店经营", texts: ["{place}路口有流动摊贩占道经营", "{place}商铺出店经营，占用人行道", "{place}早市摊点占用车行道"] },
  { code: "ET02", name: "垃圾堆放", category: "市容环境", conflict: false, functions: ["D03-F3"], weight: 16, description: "生活垃圾、建筑垃圾乱堆乱放，乱贴乱画", notice: "环卫作业 1 个工作日内清理", keywords: "垃圾, 乱堆, 小广告", texts: ["{place}垃圾箱满溢未及时清运", "{place}路边堆放建筑垃圾", "{place}墙面小广告乱贴"] },
  { code: "ET03", name: "违章搭建", category: "城乡建设", conflict: false, functions: ["D03-F1", "D13-F1"], weight: 5, description: "私搭乱建、违法占地建设", notice: "按职责核查后依法处置", keywords: "违建, 私搭乱建, 占地", texts: ["{place}有住户私自搭建彩钢房", "{place}耕地上新建房屋疑似违法占地", "{place}楼顶加盖违章建筑"] },
  {
    code: "ET04", name: "道路破损", category: "基础设施", conflict: false, functions: ["D10-F1"], weight: 7, description: "路面坑洼、破损、塌陷", notice: "养护单位 5 个工作日内修复", keywords: "道路, 坑洼, 塌陷",
    attributes: [{ code: "SIZE", variable: true, datatype: "singlevaluelist", required: false, datatypeDescription: "", order: 1, description: "破损面积", values: [{ key: "S", name: "1 平方米以下" }, { key: "M", name: "1 至 10 平方米" }, { key: "L", name: "10 平方米以上" }] }],
    texts: ["{place}主路路面出现大坑", "{place}村道路面破损严重", "{place}路面塌陷存在安全隐患"],
  },
  { code: "ET05", name: "井盖缺失", category: "基础设施", conflict: false, functions: ["D10-F1"], weight: 2, description: "井盖缺失、破损、移位", notice: "养护单位 1 个工作日内补装", keywords: "井盖", texts: ["{place}人行道井盖缺失", "{place}雨水井盖破损"] },
  { code: "ET06", name: "乱停乱放", category: "交通秩序", conflict: false, functions: ["D01-F3"], weight: 8, description: "机动车、非机动车乱停乱放", notice: "交警 2 个工作小时内到场", keywords: "停车, 乱停", texts: ["{place}车辆长期占用消防通道停放", "{place}路口车辆乱停影响通行"] },
  { code: "ET07", name: "停电及线路隐患", category: "公共服务", conflict: false, functions: ["D18-F1"], weight: 4, description: "停电、电线私拉乱接、线路老化", notice: "供电公司及时抢修", keywords: "停电, 电线", texts: ["{place}片区停电", "{place}电线垂落距地面过低"] },
  { code: "ET08", name: "供水管网漏水", category: "公共服务", conflict: false, functions: ["D19-F1"], weight: 4, season: winter, description: "停水、管道漏水、爆管", notice: "自来水公司及时抢修", keywords: "停水, 漏水", texts: ["{place}自来水管爆裂", "{place}阀门井漏水"] },
  { code: "ET09", name: "燃气安全隐患", category: "矛盾隐患", conflict: true, functions: ["D20-F1"], weight: 0.35, season: winter, description: "燃气泄漏、管道老化", notice: "燃气公司立即处置", keywords: "燃气, 泄漏", texts: ["{place}闻到燃气味", "{place}燃气管道锈蚀"] },
  { code: "ET10", name: "消防安全隐患", category: "矛盾隐患", conflict: true, functions: ["D17-F1"], weight: 0.6, description: "堵塞消防通道、电动车违规充电", notice: "消防救援大队 1 个工作日内处置", keywords: "消防, 电动车, 飞线充电", texts: ["{place}楼道内电动车飞线充电", "{place}消防通道被杂物堵塞"] },
  {
    code: "ET11", name: "邻里纠纷", category: "矛盾隐患", conflict: true, functions: ["D15-F1"], weight: 0.7, description: "邻里之间的噪音、漏水、通行等纠纷", notice: "人民调解员 3 个工作日内调解", keywords: "纠纷, 调解, 邻里",
    attributes: [{ code: "PARTIES", variable: true, datatype: "number", required: false, datatypeDescription: "人数", order: 1, description: "涉及当事人数", values: [] }],
    texts: ["{place}两户因宅基地边界发生争执", "{place}楼上漏水引发邻里矛盾", "{place}邻里因通行道路发生纠纷"],
  },
  { code: "ET12", name: "婚姻家庭纠纷", category: "矛盾隐患", conflict: true, functions: ["D15-F1"], weight: 0.3, description: "婚姻、赡养、抚养等家庭矛盾", notice: "人民调解员上门调解", keywords: "家庭, 赡养", texts: ["{place}子女赡养老人问题产生矛盾", "{place}夫妻矛盾需调解"] },
  { code: "ET13", name: "土地承包纠纷", category: "矛盾隐患", conflict: true, functions: ["D15-F1", "D13-F1"], weight: 0.25, description: "土地承包、流转、宅基地纠纷", notice: "按职责调处", keywords: "土地, 承包, 流转", texts: ["{place}土地流转租金纠纷", "{place}承包地边界争议"] },
  { code: "ET14", name: "欠薪维权", category: "矛盾隐患", conflict: true, functions: ["D08-F1"], weight: 0.25, season: winter, description: "拖欠农民工工资", notice: "人社部门 3 个工作日内介入", keywords: "欠薪, 工资", texts: ["{place}工地拖欠务工人员工资", "{place}务工人员反映工资未结清"] },
  { code: "ET15", name: "物业纠纷", category: "矛盾隐患", conflict: true, functions: ["D02-F2"], weight: 0.3, description: "物业服务、收费、维修资金纠纷", notice: "住建部门协调处理", keywords: "物业, 收费", texts: ["{place}小区物业服务不到位引发业主不满", "{place}物业费收费争议"] },
  { code: "ET16", name: "房屋安全隐患", category: "矛盾隐患", conflict: true, functions: ["D02-F1"], weight: 0.18, season: summer, description: "危旧房屋、墙体开裂", notice: "住建部门排查鉴定", keywords: "危房, 开裂", texts: ["{place}老旧房屋墙体开裂", "{place}危房仍有人居住"] },
  { code: "ET17", name: "安全生产隐患", category: "矛盾隐患", conflict: true, functions: ["D06-F1"], weight: 0.18, description: "企业、作坊安全生产隐患", notice: "应急管理部门检查处置", keywords: "安全生产", texts: ["{place}小作坊违规存放易燃物", "{place}企业安全防护设施缺失"] },
  { code: "ET23", name: "治安隐患", category: "矛盾隐患", conflict: true, functions: ["D01-F1"], weight: 0.18, description: "治安隐患、可疑人员、聚集滋事", notice: "公安机关及时处置", keywords: "治安", texts: ["{place}夜间有人聚集滋事", "{place}发现可疑人员"] },
  { code: "ET24", name: "校园周边安全", category: "矛盾隐患", conflict: true, functions: ["D14-F1"], weight: 0.08, description: "校园周边秩序与安全", notice: "教育、公安部门联合处置", keywords: "校园", texts: ["{place}学校门口上下学时段拥堵"] },
  { code: "ET25", name: "防汛隐患", category: "矛盾隐患", conflict: true, functions: ["D06-F3"], weight: 0.18, season: summer, description: "汛期隐患、积水内涝", notice: "应急管理部门排查", keywords: "防汛, 积水", texts: ["{place}低洼处积水严重", "{place}河堤出现渗漏"] },
  { code: "ET18", name: "食品安全", category: "市场监管", conflict: false, functions: ["D04-F1"], weight: 3, description: "无证经营、过期食品", notice: "市场监管部门核查", keywords: "食品, 过期", texts: ["{place}小卖部销售过期食品", "{place}无证餐饮店"] },
  { code: "ET19", name: "露天焚烧扬尘", category: "生态环境", conflict: false, functions: ["D05-F1"], weight: 5, season: burning, description: "露天焚烧秸秆垃圾、工地扬尘", notice: "生态环境部门及时处置", keywords: "焚烧, 扬尘", texts: ["{place}田间焚烧秸秆", "{place}工地扬尘未覆盖"] },
  { code: "ET20", name: "水体污染", category: "生态环境", conflict: false, functions: ["D05-F2"], weight: 1.5, season: summer, description: "偷排污水、河道污染", notice: "生态环境部门核查", keywords: "污水", texts: ["{place}有企业向沟渠排放污水", "{place}河道漂浮垃圾"] },
  { code: "ET21", name: "困难群众救助", category: "民生服务", conflict: false, functions: ["D07-F1"], weight: 3, season: winter, description: "困难群众救助申请", notice: "民政部门 5 个工作日内核实", keywords: "低保, 救助", texts: ["{place}一户因病致困需救助", "{place}困难家庭申请临时救助"] },
  { code: "ET22", name: "独居老人关爱", category: "民生服务", conflict: false, functions: ["D07-F2"], weight: 2, season: winter, description: "独居、空巢老人生活困难", notice: "民政部门协调养老服务", keywords: "老人, 养老", texts: ["{place}独居老人行动不便需上门服务", "{place}空巢老人取暖困难"] },
  { code: "ET26", name: "河道乱占", category: "生态环境", conflict: false, functions: ["D11-F1"], weight: 1, description: "河道采砂、乱占乱建", notice: "水利部门核查", keywords: "河道", texts: ["{place}河道内私自采砂"] },
  { code: "ET27", name: "动物防疫", category: "农业农村", conflict: false, functions: ["D12-F2"], weight: 1, description: "畜禽疫病、病死畜禽处理", notice: "农业农村部门处置", keywords: "畜禽, 疫病", texts: ["{place}路边丢弃病死家禽"] },
  { code: "ET29", name: "流动人口登记", category: "社会治理", conflict: false, functions: ["D01-F2"], weight: 3, description: "出租房屋与流动人口登记", notice: "派出所登记核查", keywords: "出租屋, 流动人口", texts: ["{place}出租房屋新入住人员未登记"] },
  { code: "ET30", name: "医保咨询", category: "民生服务", conflict: false, functions: ["D23-F1"], weight: 2, description: "医保参保、报销", notice: "医保部门答复", keywords: "医保", texts: ["{place}居民咨询医保报销手续"] },
  { code: "ET31", name: "就业服务", category: "民生服务", conflict: false, functions: ["D08-F2"], weight: 1.5, description: "就业登记、技能培训", notice: "人社部门答复", keywords: "就业, 培训", texts: ["{place}返乡人员咨询技能培训"] },
  { code: "ET28", name: "其他事项", category: "其他", conflict: false, functions: ["D03-F3", "D09-F3"], weight: 6, description: "其他需要协调处理的事项", notice: "按职责分办", keywords: "其他", texts: ["{place}公共厕所卫生差", "{place}病媒生物滋生"] },
];

const monthWeights = [0.8, 0.6, 0.9, 1.0, 1.1, 1.2, 1.3, 1.3, 1.1, 0.9, 0.9, 0.8];
const hourWeights: readonly (readonly [number, number])[] = [
  [7, 2], [8, 6], [9, 10], [10, 11], [11, 8], [12, 3], [13, 3], [14, 6], [15, 9], [16, 9], [17, 6], [18, 3], [19, 2], [20, 1.5], [21, 1], [22, 0.4],
];

interface Micro {
  id: number;
  path: string;
  name: string;
  parentId: number;
  rect: { west: number; south: number; east: number; north: number };
  townshipId: number;
  cityNodeId: number;
  street: boolean;
}

interface FunctionRef {
  id: number;
  code: string;
  departmentId: number;
  departmentName: string;
}

export interface DemoEventsResult {
  types: number;
  events: number;
  steps: number;
  conflictsResolved: number;
}

const TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Where a stage ends: at a fraction of its limit, late with the given probability, counted the way the limit is. */
function stageEnd(random: Random, calendar: WorkCalendar, start: Date, limit: Pick<TimeLimit, "amount" | "unit">, lateProbability: number) {
  const timer = timerFrom(calendar, start, limit);
  const fraction = random.chance(lateProbability) ? random.between(1.05, 2.6) : Math.min(0.97, 0.05 + random.next() ** 1.6 * 0.92);
  let end: Date;
  if (limit.unit === "hours") end = new Date(start.getTime() + fraction * (timer.dueAt.getTime() - start.getTime()));
  else end = calendar.addWorkingHours(start, Math.max(0.05, (fraction * calendar.workingMsBetween(start, timer.dueAt)) / HOUR_MS));
  return { ...timer, end };
}

async function reserveIds(db: Database, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await db
    .select({ id: sql<number>`nextval(pg_get_serial_sequence(${table}, 'id'))`.mapWith(Number) })
    .from(sql`generate_series(1, ${count}::int)`);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/**
 * Bulk rows as one JSON parameter per batch, unpacked by jsonb_to_recordset: far fewer bind parameters
 * than a multi-row VALUES, which is what keeps 100,000 step rows within seconds on PGlite (the
 * benchmark builds its province with it too). Ids the rows carry were reserved, hence OVERRIDING SYSTEM VALUE.
 */
export async function insertRows<TTable extends PgTable>(db: Database, table: TTable, rows: readonly Partial<TTable["$inferInsert"]>[]): Promise<void> {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const used = columns.filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const names = sql.join(used.map(([, column]) => sql.identifier(column.name)), sql`, `);
  const types = sql.raw(used.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(", "));
  for (let start = 0; start < rows.length; start += JSON_BATCH) {
    const batch = rows.slice(start, start + JSON_BATCH).map((row) => Object.fromEntries(used.map(([key, column]) => [column.name, valueOf(row, key, column)])));
    await db.execute(sql`INSERT INTO ${table} (${names}) OVERRIDING SYSTEM VALUE SELECT ${names} FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS r(${types})`);
  }
}

/** A value left out takes the column's plain default, as an INSERT naming only some columns would. */
function valueOf(row: object, key: string, column: PgColumn): unknown {
  const value = (row as Record<string, unknown>)[key];
  if (value !== undefined) return value;
  if (column.hasDefault && column.default !== undefined && !is(column.default, SQL)) return column.default;
  return null;
}

type EventRow = typeof events.$inferInsert & { id: number; closeDueAt: Date };

export async function loadDemoEvents(db: Database, options: { cityId: number; now: Date }): Promise<DemoEventsResult> {
  const { cityId, now } = options;
  const calendar = await calendarFor(db, cityId);

  return db.transaction(async (tx) => {
    // --- the catalogue
    const fnRows = await tx
      .select({ id: departmentFunctions.id, code: departmentFunctions.code, departmentId: departments.id, departmentName: departments.name })
      .from(departmentFunctions)
      .innerJoin(departments, eq(departments.id, departmentFunctions.departmentId))
      .where(and(eq(departmentFunctions.cityId, cityId), isNull(departmentFunctions.retiredAt)));
    const functionByCode = new Map<string, FunctionRef>(fnRows.map((row) => [row.code, row]));
    const typeIds = await reserveIds(tx, "event_types", demoTypes.length);
    await insertRows(
      tx,
      eventTypes,
      demoTypes.map((spec, index) => ({
        id: typeIds[index]!,
        cityId,
        code: spec.code,
        name: spec.name,
        category: spec.category,
        conflict: spec.conflict,
        description: spec.description,
        notice: spec.notice,
        keywords: spec.keywords,
        attributes: spec.attributes ?? [],
        sort: index + 1,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const typeFunctions = demoTypes.map((spec) =>
      spec.functions.map((code) => {
        const fn = functionByCode.get(code);
        if (!fn) throw new Error(`The demo city has no department function ${code}`);
        return fn;
      }),
    );
    await insertRows(
      tx,
      eventTypeFunctions,
      typeFunctions.flatMap((fns, index) => fns.map((fn) => ({ cityId, eventTypeId: typeIds[index]!, functionId: fn.id }))),
    );
    const defaults = (Object.keys(DEFAULT_LIMITS) as Urgency[]).flatMap((urgency) =>
      (Object.keys(DEFAULT_LIMITS[urgency]) as TimerStage[]).map((stage) => ({ cityId, eventTypeId: null, urgency, stage, ...DEFAULT_LIMITS[urgency][stage] })),
    );
    // Gas, fire and flood hazards run on a shorter handling clock than the default five working days.
    const shorter = ["ET09", "ET10", "ET25"].map((code) => ({
      cityId,
      eventTypeId: typeIds[demoTypes.findIndex((spec) => spec.code === code)]!,
      urgency: "normal",
      stage: "handle",
      amount: 8,
      unit: "working_hours",
    }));
    await insertRows(tx, eventTimeLimits, [...defaults, ...shorter]);
    const limitRows = [...defaults, ...shorter].map((row) => ({ ...row, eventTypeId: row.eventTypeId as number | null }));
    await seedOpen311Key(tx, cityId, { key: DEMO_OPEN311_KEY, label: "演示 Open311 接入", demo: true, at: now });

    // --- the places, and who works there
    const nodeRows = await tx
      .select({ id: orgNodes.id, path: orgNodes.path, name: orgNodes.name, kind: orgNodes.kind, parentId: orgNodes.parentId, boundary: orgNodes.boundary, code: orgNodes.code })
      .from(orgNodes)
      .where(and(eq(orgNodes.cityId, cityId), isNull(orgNodes.retiredAt), inArray(orgNodes.kind, ["micro_grid", "township", "street"])));
    const townships = new Map(nodeRows.filter((row) => row.kind !== "micro_grid").map((row) => [row.id, row]));
    const micros: Micro[] = nodeRows
      .filter((row) => row.kind === "micro_grid" && row.boundary)
      .sort((a, b) => a.id - b.id)
      .map((row) => {
        const ring = (row.boundary as { coordinates: number[][][] }).coordinates[0]!;
        const xs = ring.map((point) => point[0]!);
        const ys = ring.map((point) => point[1]!);
        const ids = row.path.split("/").filter(Boolean).map(Number);
        return {
          id: row.id,
          path: row.path,
          name: row.name,
          parentId: row.parentId!,
          rect: { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) },
          cityNodeId: ids[0]!,
          townshipId: ids[1]!,
          street: townships.get(ids[1]!)?.kind === "street",
        };
      });
    if (micros.length === 0) throw new Error("The demo city has no micro-grids with boundaries");
    const workerRows = await tx
      .select({ nodeId: posts.nodeId, name: persons.name })
      .from(posts)
      .innerJoin(persons, eq(persons.id, posts.personId))
      .where(and(eq(posts.cityId, cityId), eq(posts.post, "grid_worker")));
    const workerOfGrid = new Map(workerRows.map((row) => [row.nodeId, row.name]));

    // --- the year: which day, where and what, by weight
    const random = Random.forSection(SEED, "events");
    const yearStart = now.getTime() - 365 * DAY_MS;
    const dayWeights = Array.from({ length: 365 }, (_, index) => {
      const day = new Date(yearStart + index * DAY_MS + 8 * HOUR_MS);
      const local = day.toISOString().slice(0, 10);
      const working = calendar.isWorkingDay(local);
      return monthWeights[day.getUTCMonth()]! * (working ? 1 : 0.45);
    });
    const typeCounts = apportion(EVENT_COUNT, demoTypes.map((spec) => spec.weight), 1);
    const microWeights = micros.map((micro) => (micro.street ? 1.6 : 1));
    const townshipPace = new Map([...townships.keys()].map((id) => [id, Random.forSection(SEED, `pace${id}`).between(0.4, 1.8)]));
    const departmentPace = new Map(fnRows.map((row) => [row.departmentId, Random.forSection(SEED, `dept${row.departmentId}`).between(0.3, 2.2)]));
    const plans: { typeIndex: number; at: number }[] = [];
    demoTypes.forEach((spec, typeIndex) => {
      const weights = dayWeights.map((weight, index) => weight * (spec.season ? spec.season[new Date(yearStart + index * DAY_MS + 8 * HOUR_MS).getUTCMonth()]! : 1));
      const days = weights.map((weight, index) => [index, weight] as const);
      for (let n = 0; n < typeCounts[typeIndex]!; n++) {
        const day = random.weighted(days);
        const hour = random.weighted(hourWeights);
        const dayStart = Math.floor((yearStart + day * DAY_MS + 8 * HOUR_MS) / DAY_MS) * DAY_MS - 8 * HOUR_MS;
        const at = dayStart + hour * HOUR_MS + random.int(0, 3599) * 1000;
        if (at < now.getTime() && at >= yearStart) plans.push({ typeIndex, at });
      }
    });
    plans.sort((a, b) => a.at - b.at || a.typeIndex - b.typeIndex);

    const eventIds = await reserveIds(tx, "events", plans.length);
    const eventRows: EventRow[] = [];
    const stepRows: (typeof eventSteps.$inferInsert)[] = [];
    const summonsRows: (typeof eventSummons.$inferInsert)[] = [];
    const trackingCodes = new Set<string>();
    const limitCache = new Map<string, LimitTable>();
    let conflictsResolved = 0;
    const microChoices = microWeights.map((weight, index) => [index, weight] as const);
    const centre = { dispatcher: "网格化服务管理中心", checker: "网格核查员" };
    const lastOfType = new Map<number, EventRow>();
    const policeDepartment = functionByCode.get("D01-F1")!.departmentId;

    plans.forEach((plan, index) => {
      const id = eventIds[index]!;
      const spec = demoTypes[plan.typeIndex]!;
      const typeId = typeIds[plan.typeIndex]!;
      const fns = typeFunctions[plan.typeIndex]!;
      const micro = micros[random.weighted(microChoices)]!;
      const urgency: Urgency = spec.conflict && random.chance(0.15) ? "urgent" : random.weighted([["normal", 92], ["urgent", 6.5], ["emergency", 1.5]] as const);
      const limitKey = `${typeId}/${urgency}`;
      const limits = limitCache.get(limitKey) ?? limitTable(limitRows, typeId, urgency);
      limitCache.set(limitKey, limits);
      const reportedAt = new Date(plan.at);
      const source = random.weighted([["staff", 80], ["public", 15], ["open311", 5]] as const);
      let trackingCode = "";
      while (!trackingCode || trackingCodes.has(trackingCode)) trackingCode = Array.from({ length: 10 }, () => TRACKING_ALPHABET[random.int(0, 31)]).join("");
      trackingCodes.add(trackingCode);
      const inset = 0.15;
      const lon = Number((micro.rect.west + (micro.rect.east - micro.rect.west) * random.between(inset, 1 - inset)).toFixed(7));
      const lat = Number((micro.rect.south + (micro.rect.north - micro.rect.south) * random.between(inset, 1 - inset)).toFixed(7));
      const pace = townshipPace.get(micro.townshipId) ?? 1;
      const reportedDue = closeDeadline(calendar, reportedAt, limits);
      const row: EventRow = {
        id,
        cityId,
        nodeId: micro.id,
        eventTypeId: typeId,
        urgency,
        source,
        trackingCode,
        description: random.pick(spec.texts).replace("{place}", micro.name),
        lon,
        lat,
        reporterName: source === "staff" ? (workerOfGrid.get(micro.parentId) ?? "网格员") : `${random.pick(["张", "王", "李", "赵", "刘", "杨", "郭", "薛"])}${random.pick(["先生", "女士"])}`,
        reporterPhone: source === "staff" ? null : `1${random.pick(["38", "39", "58", "86", "37"])}${String(random.int(0, 99_999_999)).padStart(8, "0")}`,
        stage: "reported",
        stageStartedAt: reportedAt,
        reportedAt,
        closeDueAt: reportedDue,
        createdAt: reportedAt,
        updatedAt: reportedAt,
      };
      const steps: (typeof eventSteps.$inferInsert)[] = [];
      const step = (action: string, from: string | null, to: string, at: Date, extra: Partial<typeof eventSteps.$inferInsert> = {}) =>
        steps.push({ cityId, eventId: id, action, fromStage: from, toStage: to, at, late: false, ...extra });
      step("report", null, "reported", reportedAt, { actorName: source === "staff" ? row.reporterName : null, nodeId: micro.id });

      /** Leaves the case open in `stage`, its clock running from `start`; overdue ones escalated as the sweep would have. */
      const openIn = (stage: string, timerStage: Exclude<TimerStage, "summon">, start: Date) => {
        const timer = timerFrom(calendar, start, limits[timerStage]);
        Object.assign(row, { stage, stageStartedAt: start, stageWarnAt: timer.warnAt, stageDueAt: timer.dueAt });
        if (now > timer.dueAt) {
          const second = new Date(timer.dueAt.getTime() + (timer.dueAt.getTime() - start.getTime()));
          row.escalationLevel = now > second ? 2 : 1;
          row.escalatedNodeId = now > second ? micro.cityNodeId : micro.townshipId;
          if (stage === "dispatching") row.dispatchLate = true;
          if (stage === "dispatched" || stage === "handling") row.handleLate = true;
          step("escalate", stage, stage, timer.dueAt, { nodeId: micro.townshipId, late: true, note: "超时，已上报乡镇（街道） (overdue: raised to the township or street)" });
          if (now > second) step("escalate", stage, stage, second, { nodeId: micro.cityNodeId, late: true, note: "严重超时，已上报市级 (long overdue: raised to the city)" });
        }
        if (now > row.closeDueAt) row.closedLate = true;
      };

      const assigned = simulate();
      if (assigned && row.stage !== "dispatching") {
        row.departmentId = assigned.departmentId;
        row.functionId = assigned.id;
      }
      if (assigned && row.dispatchedAt && spec.conflict && random.chance(0.12)) summon(assigned);
      if (spec.conflict && row.closedAt) conflictsResolved++;
      row.version = steps.length;
      eventRows.push(row);
      stepRows.push(...steps);
      lastOfType.set(plan.typeIndex, row);

      /** Carries the case through the workflow up to `now`; answers the function it ended with, if any. */
      function simulate(): FunctionRef | undefined {
        // 案卷建立, or rejected as invalid or as a repeat of the last report of its type
        const register = stageEnd(random, calendar, reportedAt, limits.register, 0.03 * pace);
        if (register.end > now) {
          openIn("reported", "register", reportedAt);
          return undefined;
        }
        if (random.chance(0.03)) {
          const original = random.chance(0.35) ? lastOfType.get(plan.typeIndex) : undefined;
          const note = original ? "重复报告" : "经核实不属实";
          Object.assign(row, { stage: "rejected", stageStartedAt: register.end, rejectReason: original ? "duplicate" : "invalid", duplicateOfId: original?.id ?? null, statusNote: note, updatedAt: register.end });
          step("reject", "reported", "rejected", register.end, { actorName: centre.dispatcher, note, late: register.end > register.dueAt });
          return undefined;
        }
        row.registeredAt = register.end;
        step("register", "reported", "dispatching", register.end, { actorName: centre.dispatcher, late: register.end > register.dueAt });

        // 任务派遣: automatic where one function covers the type, otherwise by hand
        let target = fns[0]!;
        let handleStart: Date;
        if (fns.length === 1) {
          handleStart = register.end;
          step("dispatch", "dispatching", "dispatched", handleStart, { actorName: centre.dispatcher, departmentId: target.departmentId, functionId: target.id, note: "自动派遣：该类型只对应一个部门职能 (dispatched automatically: one function covers this type)" });
        } else {
          const dispatch = stageEnd(random, calendar, register.end, limits.dispatch, 0.04 * pace);
          if (dispatch.end > now) {
            openIn("dispatching", "dispatch", register.end);
            return undefined;
          }
          handleStart = dispatch.end;
          row.dispatchLate = dispatch.end > dispatch.dueAt;
          target = random.pick(fns);
          step("dispatch", "dispatching", "dispatched", handleStart, { actorName: centre.dispatcher, departmentId: target.departmentId, functionId: target.id, late: row.dispatchLate });
        }
        row.dispatchedAt = handleStart;

        // A department says "not ours" and the case goes on to another, or the centre re-routes it.
        if (random.chance(0.025)) {
          const refusedAt = new Date(handleStart.getTime() + random.between(1, 20) * HOUR_MS);
          if (refusedAt > now) {
            openIn("dispatched", "handle", handleStart);
            return target;
          }
          step("refuse", "dispatched", "dispatching", refusedAt, { actorName: `${target.departmentName}处置员`, departmentId: target.departmentId, functionId: target.id, note: "不属于本部门职责范围" });
          row.refusalCount = 1;
          const redispatch = new Date(refusedAt.getTime() + random.between(0.5, 4) * HOUR_MS);
          if (redispatch > now) {
            openIn("dispatching", "dispatch", refusedAt);
            return undefined;
          }
          target = fns.find((fn) => fn.departmentId !== target.departmentId) ?? random.pick(fnRows.filter((fn) => fn.departmentId !== target.departmentId));
          row.rerouteCount = 1;
          handleStart = redispatch;
          step("dispatch", "dispatching", "dispatched", redispatch, { actorName: centre.dispatcher, departmentId: target.departmentId, functionId: target.id, note: "重新派遣" });
        } else if (random.chance(0.03)) {
          const reroutedAt = new Date(handleStart.getTime() + random.between(1, 30) * HOUR_MS);
          if (reroutedAt > now) {
            openIn("dispatched", "handle", handleStart);
            return target;
          }
          target = random.pick(fnRows.filter((fn) => fn.departmentId !== target.departmentId));
          row.rerouteCount = 1;
          handleStart = reroutedAt;
          step("reroute", "dispatched", "dispatched", reroutedAt, { actorName: centre.dispatcher, departmentId: target.departmentId, functionId: target.id, note: "派遣有误，改派" });
        }

        // 任务处理 and 处理反馈, then 核查: once more for each rework
        const deptPace = departmentPace.get(target.departmentId) ?? 1;
        let reworks = random.chance(0.055) ? 1 : 0;
        let from = handleStart;
        const acceptAt = new Date(from.getTime() + random.between(0.1, 3) * HOUR_MS);
        if (acceptAt > now) {
          openIn("dispatched", "handle", from);
          return target;
        }
        step("accept", "dispatched", "handling", acceptAt, { actorName: `${target.departmentName}处置员`, departmentId: target.departmentId });
        for (;;) {
          const handle = stageEnd(random, calendar, from, limits.handle, 0.07 * deptPace);
          if (handle.end > now) {
            openIn("handling", "handle", from);
            return target;
          }
          row.handledAt = handle.end;
          row.handleLate = Boolean(row.handleLate) || handle.end > handle.dueAt;
          step("feedback", "handling", "checking", handle.end, { actorName: `${target.departmentName}处置员`, departmentId: target.departmentId, functionId: target.id, note: "已按要求处置完毕", late: handle.end > handle.dueAt });
          const check = stageEnd(random, calendar, handle.end, limits.check, 0.04 * pace);
          if (check.end > now) {
            openIn("checking", "check", handle.end);
            return target;
          }
          if (reworks > 0) {
            reworks--;
            row.reworkCount = (row.reworkCount ?? 0) + 1;
            step("send_back", "checking", "handling", check.end, { actorName: centre.checker, departmentId: target.departmentId, note: "现场核查未处置到位，退回重办", late: check.end > check.dueAt });
            from = check.end;
            continue;
          }
          row.closedAt = check.end;
          row.closedLate = check.end > reportedDue;
          Object.assign(row, { stage: "closed", stageStartedAt: check.end, statusNote: "经现场核查，已办结", updatedAt: check.end });
          step("close", "checking", "closed", check.end, { actorName: centre.checker, note: "经现场核查，已办结", late: check.end > check.dueAt });
          break;
        }

        // 综合评价: most residents answer the return call; late or reworked cases please fewer
        const ratedAt = new Date(row.closedAt.getTime() + random.between(2, 72) * HOUR_MS);
        if (ratedAt < now && random.chance(0.72)) {
          const troubled = row.closedLate || (row.reworkCount ?? 0) > 0;
          const rating = random.weighted(troubled ? ([["satisfied", 55], ["basic", 30], ["unsatisfied", 15]] as const) : ([["satisfied", 86], ["basic", 11], ["unsatisfied", 3]] as const));
          Object.assign(row, { stage: "evaluated", stageStartedAt: ratedAt, rating, ratedAt, updatedAt: ratedAt });
          step("evaluate", "closed", "evaluated", ratedAt, { note: rating === "unsatisfied" ? "处理不及时" : null });
        }
        return target;
      }

      /** 街乡吹哨: the township calls the handling department and the police to the case. */
      function summon(assignedTo: FunctionRef) {
        const summonedAt = new Date(row.dispatchedAt!.getTime() + random.between(1, 8) * HOUR_MS);
        if (summonedAt > now) return;
        const due = timerFrom(calendar, summonedAt, limits.summon).dueAt;
        for (const departmentId of new Set([assignedTo.departmentId, policeDepartment])) {
          const answeredAt = new Date(summonedAt.getTime() + random.between(0.5, 30) * HOUR_MS);
          const answered = answeredAt < now;
          summonsRows.push({
            cityId,
            eventId: id,
            departmentId,
            note: "街乡吹哨：请相关部门到场共同处置",
            summonedAt,
            dueAt: due,
            answeredAt: answered ? answeredAt : null,
            answerNote: answered ? "已派员到场" : null,
            answerLate: answered ? answeredAt > due : now > due,
            attended: answered ? random.chance(0.95) : null,
            rating: answered ? random.weighted([[5, 55], [4, 30], [3, 12], [2, 3]] as const) : null,
            ratedAt: answered ? answeredAt : null,
          });
        }
      }
    });

    await insertRows(tx, events, eventRows);
    await insertRows(tx, eventSteps, stepRows);
    await insertRows(tx, eventSummons, summonsRows);
    return { types: demoTypes.length, events: eventRows.length, steps: stepRows.length, conflictsResolved };
  });
}
