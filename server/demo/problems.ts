import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Category, Channel, ProblemStatus, Source } from "../../shared/schemas/problems";
import type { Database } from "../db/client";
import {
  commonListMembers,
  commonLists,
  negativeListBreaches,
  negativeLists,
  orgNodes,
  problemClues,
  problemEscalations,
  problemEvents,
  problemListItems,
  problemLists,
  problems,
} from "../db/schema";
import { CHINA_2026 } from "../platform/calendar/holidays";
import { calendarFor, localDay, seedYear, type WorkCalendar } from "../platform/calendar/service";
import { ESCALATE_EVERY_WORKING_DAYS } from "../modules/problems/service";
import { femaleNameCharacters, maleNameCharacters, surnames } from "./catalog";
import { IdentityIssuer } from "./identity";
import { Random } from "./random";

/**
 * The demo city's problem lists (mechanism 2): 1,100+ clues leading to 6,360+ problems over the five
 * months before `now`, spread over places, channels, sources, categories and states, with overdue and
 * escalated ones; 9 published common lists, 5 disclosed problem lists and the city's negative lists.
 * Everything comes from one seed and `now`, and goes in with multi-row inserts in one transaction.
 */

const SEED = 20_260_301;
const CLUES = 1126;
/** Problems that count (neither merged nor dismissed); a few of each of those come on top. */
const COUNTED_PROBLEMS = 6388;
const MERGED = 40;
const DISMISSED = 32;
const WINDOW_DAYS = 150;
const BATCH = 1000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DemoProblemsResult {
  clues: number;
  problems: number;
  commonLists: number;
  disclosedLists: number;
  negativeLists: number;
}

/** Problems as offices word them, by category; the common lists below gather the first few of some. */
const titles: Record<Category, readonly string[]> = {
  infrastructure: ["村内主干道路面破损", "路灯损坏长期不亮", "排水沟堵塞雨天积水", "自来水管网老化漏水", "文化广场健身器材损坏", "桥涵护栏缺失", "村级道路无减速带", "农田机耕路坑洼"],
  environment: ["房前屋后垃圾乱堆乱放", "生活污水直排村边沟渠", "公厕无人保洁", "柴草杂物占道堆放", "河道漂浮垃圾未清理", "畜禽养殖异味扰民", "秸秆露天焚烧", "建筑垃圾随意倾倒"],
  livelihood: ["低保评定程序不透明", "高龄补贴发放不及时", "村卫生室缺少常用药品", "留守老人无人照料", "幼儿园接送道路拥堵", "医保缴费渠道不便", "冬季取暖设施不足", "残疾人补贴未按时到位"],
  governance: ["矛盾纠纷排查化解不彻底", "网格员入户走访不到位", "村规民约未及时修订", "邻里宅基地纠纷久拖未决", "流动人口登记不全", "村务监督委员会作用发挥不够", "信访事项回复不及时", "红白理事会运转不规范"],
  party_building: ["三会一课记录不规范", "党员发展程序不规范", "党员活动室制度未上墙", "流动党员管理不到位", "主题党日活动形式单一", "党费收缴不及时", "组织生活会批评意见流于形式", "软弱涣散党组织整顿进展慢"],
  work_style: ["办事窗口服务态度生硬", "工作日村委会常无人值班", "群众诉求回应不及时", "整改台账填报应付了事", "干部走访群众次数少", "材料报送层层加码", "便民服务事项一次办不成", "会议文件过多基层负担重"],
  collective_economy: ["村集体合同未经四议两公开", "集体土地承包费长期拖欠", "集体资产底数不清", "合同期限超过法定年限", "承包价格明显偏低", "村级财务公开不及时", "到期合同未收回", "集体经营性收入偏低"],
  safety: ["自建房存在安全隐患", "沿街商铺消防通道堵塞", "燃气管道标识缺失", "电动车楼道充电", "山体边坡存在滑坡隐患", "废弃机井未封堵", "校园周边交通秩序混乱", "冬季煤烟中毒隐患排查不到位"],
  other: ["村史馆资料保管不善", "农家书屋开放时间不固定", "宣传栏内容长期未更新", "村级微信群管理不规范"],
};

const details = ["群众多次反映", "入户走访中发现", "座谈会上群众提出", "意见箱收到反映", "上级督导时指出", "相邻村互查时发现", "12345热线转来", "网格员巡查发现"];

const measures: Record<Category, readonly string[]> = {
  infrastructure: ["列入年度基础设施维修计划，限期修复", "协调交通部门勘察后维修", "组织村民投工投劳，先行修补"],
  environment: ["开展集中清理，建立保洁长效机制", "落实门前三包责任，定期督查", "设置分类垃圾桶并明确保洁员"],
  livelihood: ["重新核定并张榜公示", "与镇民政办对接，逐户核实", "建立台账，专人跟踪办理"],
  governance: ["召开调解会，明确责任人限期化解", "修订完善制度并组织学习", "网格员包片包户，逐户走访"],
  party_building: ["组织专题学习，规范台账记录", "按程序补办相关手续", "制定整改方案，支部书记牵头"],
  work_style: ["建立值班制度并公示电话", "开展作风专项整治，纳入考核", "精简会议文件，合并报送事项"],
  collective_economy: ["清理合同，补办民主程序", "依法催收欠款，签订还款协议", "开展清产核资，建立资产台账"],
  safety: ["下发整改通知书，限期消除隐患", "联合应急部门开展专项检查", "设置警示标识并落实专人巡查"],
  other: ["明确专人管理，定期更新", "制定开放制度并公示"],
};

const checkers = ["镇纪委复核", "镇党委督查组", "包村领导验收", "市委督导组核查"];
const dismissReasons = ["经核实不属实", "不属于本级职责，已告知反映人向有关部门反映", "已在其他渠道办结", "反映内容不具体，经联系无法核实"];

/** 共性清单: problems found in many places, gathered into one item with its own measure. */
const commonThemes: readonly { title: string; category: Category; titles: readonly string[]; measure: string }[] = [
  { title: "村级集体经济合同管理不规范", category: "collective_economy", titles: ["村集体合同未经四议两公开", "合同期限超过法定年限", "承包价格明显偏低", "到期合同未收回"], measure: "全市统一开展合同清理，逐份审查，补办民主程序，收回到期合同" },
  { title: "集体资产和财务管理不透明", category: "collective_economy", titles: ["集体资产底数不清", "村级财务公开不及时"], measure: "开展清产核资，建立资产台账，按季度公开财务" },
  { title: "农村人居环境整治不到位", category: "environment", titles: ["房前屋后垃圾乱堆乱放", "柴草杂物占道堆放", "建筑垃圾随意倾倒"], measure: "开展村庄清洁行动，落实门前三包和保洁员制度" },
  { title: "生活污水和河道治理滞后", category: "environment", titles: ["生活污水直排村边沟渠", "河道漂浮垃圾未清理"], measure: "分批建设污水收集设施，落实河长制巡河责任" },
  { title: "党组织生活不规范", category: "party_building", titles: ["三会一课记录不规范", "主题党日活动形式单一", "组织生活会批评意见流于形式"], measure: "统一印发组织生活记录本，乡镇党委每季度抽查" },
  { title: "党员发展和管理不严格", category: "party_building", titles: ["党员发展程序不规范", "流动党员管理不到位", "党费收缴不及时"], measure: "开展党员发展工作专项检查，建立流动党员台账" },
  { title: "民生政策落实不精准", category: "livelihood", titles: ["低保评定程序不透明", "高龄补贴发放不及时", "残疾人补贴未按时到位"], measure: "全面复核救助对象，落实评定公示和按月发放" },
  { title: "群众诉求回应不及时", category: "work_style", titles: ["群众诉求回应不及时", "工作日村委会常无人值班", "便民服务事项一次办不成"], measure: "建立村干部坐班值班和诉求限时办结制度" },
  { title: "村内基础设施维护不及时", category: "infrastructure", titles: ["路灯损坏长期不亮", "排水沟堵塞雨天积水", "村内主干道路面破损"], measure: "建立村级基础设施管护清单，明确管护责任和经费" },
];

const negativeItems: readonly { title: string; category: Category; description: string }[] = [
  { title: "严禁未经四议两公开发包集体资源", category: "collective_economy", description: "村集体土地、资产发包必须履行四议两公开程序，严禁村干部个人拍板" },
  { title: "严禁优亲厚友评定低保", category: "livelihood", description: "低保、救助等对象评定必须张榜公示，严禁优亲厚友、人情保、关系保" },
  { title: "严禁整改弄虚作假、数字销号", category: "work_style", description: "问题整改必须见人见事见效，严禁以文件落实整改、以数字代替成效" },
  { title: "严禁对群众诉求推诿扯皮", category: "work_style", description: "首接负责，严禁推诿、拖延、敷衍群众合理诉求" },
  { title: "严禁违规收取费用", category: "governance", description: "严禁在办理证明、调解纠纷等事项中违规收取任何费用" },
  { title: "严禁瞒报安全隐患", category: "safety", description: "发现安全隐患必须立即上报并处置，严禁瞒报、迟报、漏报" },
];

const sourceChannels: Record<Source, readonly (readonly [Channel, number])[]> = {
  residents: [["opinion_form", 3], ["suggestion_box", 2], ["household_visit", 4], ["hotline", 3], ["online", 2], ["symposium", 2]],
  self: [["household_visit", 3], ["symposium", 2], ["opinion_form", 1]],
  superiors: [["supervision", 5], ["symposium", 1]],
  peers: [["symposium", 3], ["supervision", 1]],
};

interface Place {
  id: number;
  name: string;
  kind: string;
  path: string;
}

interface ProblemRow {
  id: number;
  node: Place;
  clueId: number | null;
  channel: Channel;
  source: Source;
  category: Category;
  title: string;
  foundAt: Date;
}

function personName(random: Random): string {
  const chars = random.chance(0.5) ? maleNameCharacters : femaleNameCharacters;
  const given = random.chance(0.7) ? random.pick(chars) + random.pick(chars) : random.pick(chars);
  return random.weighted(surnames) + given;
}

/** A moment in office hours on the day `daysAgo` before now (not in the future). */
function officeMoment(random: Random, now: Date, daysAgo: number): Date {
  const day = localDay(new Date(now.getTime() - daysAgo * DAY_MS));
  const at = new Date(Date.parse(`${day}T00:00:00+08:00`) + (8.5 + random.between(0, 9)) * HOUR_MS);
  return at > now ? new Date(now.getTime() - random.int(1, 120) * 60_000) : at;
}

function between(random: Random, from: Date, to: Date): Date {
  return new Date(from.getTime() + random.between(0, 1) * (to.getTime() - from.getTime()));
}

async function reserveIds(db: Database, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await db
    .select({ id: sql<number>`nextval(pg_get_serial_sequence(${table}, 'id'))`.mapWith(Number) })
    .from(sql`generate_series(1, ${count}::int)`);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/** Rows whose ids were reserved from the sequence above: they go in with OVERRIDING SYSTEM VALUE. */
async function insertReserved<TTable extends PgTable>(db: Database, table: TTable, rows: PgInsertValue<TTable, true>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await db.insert(table).overridingSystemValue().values(rows.slice(start, start + BATCH));
}

async function insertRows<TTable extends PgTable>(db: Database, table: TTable, rows: PgInsertValue<TTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await db.insert(table).values(rows.slice(start, start + BATCH));
}

export async function loadDemoProblems(db: Database, options: { cityId: number; now: Date }): Promise<DemoProblemsResult> {
  const { cityId, now } = options;
  const random = Random.forSection(SEED, "problems");
  const issuer = new IdentityIssuer(Random.forSection(SEED, "problem-reporters"));

  return db.transaction(async (tx) => {
    const existing = await tx.select({ n: sql<number>`count(*)::int` }).from(problems).where(eq(problems.cityId, cityId));
    if ((existing[0]?.n ?? 0) > 0) throw new Error("The demo city already has problems; they are loaded only once.");
    await seedYear(tx, cityId, 2026, CHINA_2026, now);
    const calendar = await calendarFor(tx, cityId);

    const nodes: Place[] = await tx
      .select({ id: orgNodes.id, name: orgNodes.name, kind: orgNodes.kind, path: orgNodes.path })
      .from(orgNodes)
      .where(and(eq(orgNodes.cityId, cityId), inArray(orgNodes.kind, ["city", "township", "street", "village", "community"]), isNull(orgNodes.retiredAt)))
      .orderBy(asc(orgNodes.path));
    const cityNode = nodes.find((node) => node.kind === "city");
    const townships = nodes.filter((node) => node.kind === "township" || node.kind === "street");
    const villages = nodes.filter((node) => node.kind === "village" || node.kind === "community");
    if (!cityNode || townships.length === 0 || villages.length === 0) throw new Error("Load the demo city (loadDemoCity) before its problems.");
    // Communities are bigger than villages; a few problems lie with the township itself.
    const placeChoices: [Place, number][] = [...villages.map((node): [Place, number] => [node, node.kind === "community" ? 1.6 : 1]), ...townships.map((node): [Place, number] => [node, 1.2])];
    const pickPlace = () => random.weighted(placeChoices);
    const categories = Object.keys(titles) as Category[];
    const categoryWeights: [Category, number][] = categories.map((category) => [category, category === "other" ? 0.3 : category === "environment" || category === "infrastructure" ? 1.6 : 1]);

    // --- clues
    const clueIds = await reserveIds(tx, "problem_clues", CLUES);
    const clueRows: PgInsertValue<typeof problemClues, true>[] = [];
    const fromClues: ProblemRow[] = [];
    const problemIds = await reserveIds(tx, "problems", COUNTED_PROBLEMS + MERGED + DISMISSED);
    let nextProblem = 0;
    const takeId = () => problemIds[nextProblem++]!;
    for (let index = 0; index < CLUES; index++) {
      const id = clueIds[index]!;
      const node = random.weighted(villages.map((village): [Place, number] => [village, 1]));
      const category = random.weighted(categoryWeights);
      const source: Source = random.weighted([["residents", 8], ["superiors", 1], ["peers", 1]]);
      const channel = random.weighted(sourceChannels[source]);
      const daysAgo = random.int(0, WINDOW_DAYS);
      const receivedAt = officeMoment(random, now, daysAgo);
      const status = daysAgo <= 6 && random.chance(0.6) ? "open" : random.chance(0.05) ? "dismissed" : "converted";
      const first = random.pick(titles[category]);
      const withReporter = source === "residents" && random.chance(0.75);
      clueRows.push({
        id,
        cityId,
        nodeId: node.id,
        channel,
        source,
        category,
        description: `${node.name}${first}，${random.pick(details)}`,
        reporterName: withReporter ? personName(random) : null,
        reporterPhone: withReporter ? issuer.phone() : null,
        receivedAt,
        status,
        dismissReason: status === "dismissed" ? random.pick(dismissReasons) : null,
        convertedAt: status === "converted" ? new Date(Math.min(now.getTime(), receivedAt.getTime() + random.between(2, 48) * HOUR_MS)) : null,
        dismissedAt: status === "dismissed" ? new Date(Math.min(now.getTime(), receivedAt.getTime() + random.between(2, 48) * HOUR_MS)) : null,
        createdAt: receivedAt,
        updatedAt: receivedAt,
      });
      if (status !== "converted") continue;
      const count = random.weighted([[1, 50], [2, 30], [3, 15], [4, 5]]);
      for (let k = 0; k < count; k++) {
        const kCategory = k === 0 ? category : random.weighted(categoryWeights);
        fromClues.push({ id: takeId(), node, clueId: id, channel, source, category: kCategory, title: k === 0 ? first : random.pick(titles[kCategory]), foundAt: receivedAt });
      }
    }
    await insertReserved(tx, problemClues, clueRows);

    // --- problems found without a clue: self-inspection, superiors' and peers' findings
    const specs: ProblemRow[] = [...fromClues];
    while (specs.length < COUNTED_PROBLEMS) {
      const node = pickPlace();
      const category = random.weighted(categoryWeights);
      const source: Source = random.weighted([["residents", 3], ["self", 4], ["superiors", 2], ["peers", 2]]);
      specs.push({ id: takeId(), node, clueId: null, channel: random.weighted(sourceChannels[source]), source, category, title: random.pick(titles[category]), foundAt: officeMoment(random, now, random.int(0, WINDOW_DAYS)) });
    }

    const problemRows: PgInsertValue<typeof problems, true>[] = [];
    const events: PgInsertValue<typeof problemEvents>[] = [];
    const escalations: PgInsertValue<typeof problemEscalations>[] = [];
    const statusOf = new Map<number, ProblemStatus>();
    for (const spec of specs) {
      const row = simulate(random, calendar, now, cityId, spec, events, escalations, issuer);
      statusOf.set(spec.id, row.status as ProblemStatus);
      problemRows.push(row);
    }

    // Duplicates merged into a problem at the same node, and problems dismissed after a look.
    for (let i = 0; i < MERGED; i++) {
      const target = specs[random.int(0, specs.length - 1)]!;
      const foundAt = new Date(Math.min(now.getTime() - HOUR_MS, target.foundAt.getTime() + random.between(1, 10) * DAY_MS));
      const id = takeId();
      problemRows.push(base(cityId, { ...target, id, clueId: null, source: "residents", channel: "hotline", foundAt }, `${target.title}（重复反映）`, random, issuer, { status: "merged", mergedIntoId: target.id }));
      events.push({ cityId, problemId: id, action: "register", toStatus: "registered", actorName: "登记员", at: foundAt });
      events.push({ cityId, problemId: id, action: "merge", fromStatus: "registered", toStatus: "merged", data: { intoId: target.id }, actorName: "登记员", at: new Date(foundAt.getTime() + HOUR_MS) });
    }
    for (let i = 0; i < DISMISSED; i++) {
      const node = pickPlace();
      const category = random.weighted(categoryWeights);
      const foundAt = officeMoment(random, now, random.int(1, WINDOW_DAYS));
      const id = takeId();
      const reason = random.pick(dismissReasons);
      problemRows.push(base(cityId, { id, node, clueId: null, channel: "online", source: "residents", category, foundAt }, random.pick(titles[category]), random, issuer, { status: "dismissed", dismissReason: reason }));
      events.push({ cityId, problemId: id, action: "register", toStatus: "registered", actorName: "登记员", at: foundAt });
      events.push({ cityId, problemId: id, action: "dismiss", fromStatus: "registered", toStatus: "dismissed", note: reason, actorName: "登记员", at: new Date(foundAt.getTime() + 2 * HOUR_MS) });
    }
    await insertReserved(tx, problems, problemRows);
    await insertRows(tx, problemEvents, events);
    await insertRows(tx, problemEscalations, escalations);

    // --- 9 common lists at the city, each gathering its theme's problems from many places
    const commonIds = await reserveIds(tx, "common_lists", commonThemes.length);
    const members: PgInsertValue<typeof commonListMembers>[] = [];
    await insertReserved(
      tx,
      commonLists,
      commonThemes.map((theme, index) => {
        const publishedAt = new Date(now.getTime() - (60 - index * 5) * DAY_MS);
        const candidates = specs.filter((spec) => theme.titles.includes(spec.title) && spec.foundAt < publishedAt);
        const seen = new Set<number>();
        for (const spec of random.shuffled(candidates)) {
          if (seen.has(spec.node.id) || seen.size >= 36) continue;
          seen.add(spec.node.id);
          members.push({ cityId, listId: commonIds[index]!, problemId: spec.id, addedAt: publishedAt });
        }
        return {
          id: commonIds[index]!,
          cityId,
          nodeId: cityNode.id,
          title: theme.title,
          category: theme.category,
          description: `全市${seen.size}个村（社区）存在同类问题：${theme.titles.join("、")}`,
          measure: theme.measure,
          deadlineOn: localDay(calendar.addWorkingDays(publishedAt, 60)),
          status: "published",
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        };
      }),
    );
    await insertRows(tx, commonListMembers, members);

    // --- 5 disclosed problem lists: the city's last full quarter, four townships' last full month
    const monthStart = (monthsBack: number) => {
      const [year, month] = localDay(now).split("-").map(Number) as [number, number];
      const date = new Date(Date.UTC(year, month - 1 - monthsBack, 1));
      return date.toISOString().slice(0, 10);
    };
    const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    const listSpecs = [
      { node: cityNode, from: monthStart(3), to: dayBefore(monthStart(0)), title: `${cityNode.name}问题清单（${monthStart(3).slice(0, 7)}至${dayBefore(monthStart(0)).slice(0, 7)}）` },
      ...townships.slice(0, 4).map((township) => ({ node: township, from: monthStart(1), to: dayBefore(monthStart(0)), title: `${township.name}${monthStart(1).slice(0, 4)}年${Number(monthStart(1).slice(5, 7))}月问题清单` })),
    ];
    const listIds = await reserveIds(tx, "problem_lists", listSpecs.length);
    const items: PgInsertValue<typeof problemListItems>[] = [];
    await insertReserved(
      tx,
      problemLists,
      listSpecs.map((spec, index) => {
        const chosen = specs.filter((problem) => problem.node.path.startsWith(spec.node.path) && localDay(problem.foundAt) >= spec.from && localDay(problem.foundAt) <= spec.to);
        for (const problem of chosen) items.push({ cityId, listId: listIds[index]!, problemId: problem.id });
        const publishedAt = new Date(Math.min(now.getTime(), Date.parse(`${spec.to}T10:00:00+08:00`) + 3 * DAY_MS));
        return {
          id: listIds[index]!,
          cityId,
          nodeId: spec.node.id,
          title: spec.title,
          periodFrom: spec.from,
          periodTo: spec.to,
          status: "published",
          itemCount: chosen.length,
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        };
      }),
    );
    await insertRows(tx, problemListItems, items);

    // --- negative lists at the city, with breaches recorded in villages
    const negativeIds = await reserveIds(tx, "negative_lists", negativeItems.length);
    const setOn = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
    await insertReserved(
      tx,
      negativeLists,
      negativeItems.map((item, index) => ({ id: negativeIds[index]!, cityId, nodeId: cityNode.id, ...item, createdAt: setOn, updatedAt: setOn })),
    );
    const breaches: PgInsertValue<typeof negativeListBreaches>[] = [];
    for (let i = 0; i < 27; i++) {
      const index = random.int(0, negativeItems.length - 1);
      const related = random.chance(0.5) ? specs.find((spec) => spec.category === negativeItems[index]!.category && random.chance(0.02)) : undefined;
      const node = related?.node.kind === "village" || related?.node.kind === "community" ? related.node : random.pick(villages);
      const occurred = officeMoment(random, now, random.int(1, WINDOW_DAYS - 1));
      breaches.push({
        cityId,
        listId: negativeIds[index]!,
        nodeId: node.id,
        problemId: related && related.node.id === node.id ? related.id : null,
        occurredOn: localDay(occurred),
        description: `${node.name}违反「${negativeItems[index]!.title.replace(/^严禁/, "")}」规定，已责令纠正`,
        createdAt: occurred,
      });
    }
    await insertRows(tx, negativeListBreaches, breaches);

    const counted = [...statusOf.values()].length;
    return { clues: CLUES, problems: counted, commonLists: commonThemes.length, disclosedLists: listSpecs.length, negativeLists: negativeItems.length };
  });
}

/** The columns every demo problem has, before its rectification. */
function base(
  cityId: number,
  spec: Omit<ProblemRow, "title">,
  title: string,
  random: Random,
  issuer: IdentityIssuer,
  extra: Partial<PgInsertValue<typeof problems, true>>,
): PgInsertValue<typeof problems, true> {
  const withReporter = spec.source === "residents" && random.chance(0.7);
  return {
    id: spec.id,
    cityId,
    nodeId: spec.node.id,
    clueId: spec.clueId,
    channel: spec.channel,
    source: spec.source,
    category: spec.category,
    title,
    description: `${spec.node.name}${title}，${random.pick(details)}，涉及群众${random.int(3, 200)}户`,
    reporterName: withReporter ? personName(random) : null,
    reporterPhone: withReporter ? issuer.phone() : null,
    foundOn: localDay(spec.foundAt),
    createdAt: spec.foundAt,
    updatedAt: spec.foundAt,
    ...extra,
  };
}

/**
 * One problem's life up to `now`: assigned a day or so after it was found, worked on, handed in
 * (sometimes sent back), checked; whatever would happen after `now` has not happened yet. Its light and
 * escalations are what the overdue sweep would compute at `now`, so the first sweep finds nothing to do.
 */
function simulate(
  random: Random,
  calendar: WorkCalendar,
  now: Date,
  cityId: number,
  spec: ProblemRow,
  events: PgInsertValue<typeof problemEvents>[],
  escalations: PgInsertValue<typeof problemEscalations>[],
  issuer: IdentityIssuer,
): PgInsertValue<typeof problems, true> {
  const problemId = spec.id;
  const registrar = "登记员";
  const event = (action: string, fromStatus: string | null, toStatus: string | null, at: Date, actorName: string, note: string | null = null, data: Record<string, unknown> | null = null) =>
    events.push({ cityId, problemId, action, fromStatus, toStatus, note, data, actorName, at });
  event("register", null, "registered", spec.foundAt, registrar, null, spec.clueId ? { clueId: spec.clueId } : null);

  const assignedAt = new Date(spec.foundAt.getTime() + random.between(3, 72) * HOUR_MS);
  if (assignedAt > now || random.chance(0.02)) return base(cityId, spec, spec.title, random, issuer, {});

  const responsiblePerson = personName(random);
  const deadlineDays = random.weighted([[5, 15], [10, 25], [15, 20], [20, 15], [30, 15], [60, 10]]);
  const deadlineAt = calendar.addWorkingDays(assignedAt, deadlineDays);
  const measure = random.pick(measures[spec.category]);
  event("assign", "registered", "assigned", assignedAt, "乡镇党委", measure, { responsibleNodeId: spec.node.id, responsiblePerson, deadlineDays, deadlineAt: deadlineAt.toISOString() });
  const span = deadlineAt.getTime() - assignedAt.getTime();
  // Most finish well inside the limit, some run late, a few are still open long after it.
  const pace = random.weighted([[random.between(0.25, 0.8), 70], [random.between(0.8, 1), 16], [random.between(1, 1.7), 14]]);
  const startedAt = new Date(assignedAt.getTime() + random.between(1, 24) * HOUR_MS);
  let submittedAt = new Date(assignedAt.getTime() + span * pace);
  const reworks = random.weighted([[0, 90], [1, 8.5], [2, 1.5]]);

  let status: ProblemStatus = "assigned";
  let progress = 0;
  let firstSubmittedAt: Date | null = null;
  let lastSubmittedAt: Date | null = null;
  let closedAt: Date | null = null;
  let reworkCount = 0;
  if (startedAt <= now) {
    status = "rectifying";
    event("start", "assigned", "rectifying", startedAt, responsiblePerson);
    const midway = between(random, startedAt, submittedAt);
    // The percent a problem shows is the one its last report gave, as the server keeps it.
    let reported = 0;
    if (midway <= now) {
      reported = 50;
      event("progress", "rectifying", "rectifying", midway, responsiblePerson, "按整改措施推进中", { progress: reported });
    }
    progress = reported;
    for (let round = 0; round <= reworks && submittedAt <= now; round++) {
      status = "submitted";
      progress = 100;
      firstSubmittedAt ??= submittedAt;
      lastSubmittedAt = submittedAt;
      event("submit", "rectifying", "submitted", submittedAt, responsiblePerson, "已按措施完成整改，附整改前后照片");
      const checkedAt = new Date(submittedAt.getTime() + random.between(4, 72) * HOUR_MS);
      if (checkedAt > now) break;
      const checker = random.pick(checkers);
      if (round < reworks) {
        status = "returned";
        progress = reported;
        reworkCount++;
        event("return", "submitted", "returned", checkedAt, checker, "整改不彻底，退回返工");
        const restartedAt = new Date(checkedAt.getTime() + random.between(2, 24) * HOUR_MS);
        if (restartedAt > now) break;
        status = "rectifying";
        event("start", "returned", "rectifying", restartedAt, responsiblePerson);
        submittedAt = new Date(restartedAt.getTime() + span * random.between(0.1, 0.4));
        continue;
      }
      status = "closed";
      closedAt = checkedAt;
      event("approve", "submitted", "closed", checkedAt, checker, "经核查整改到位，同意销号");
    }
  }

  const timed = status === "assigned" || status === "rectifying" || status === "returned" || status === "submitted";
  const light = timed ? calendar.light(assignedAt, deadlineAt, now) : null;
  let escalationLevel = 0;
  if (light === "red" && status !== "submitted") {
    const chain = spec.node.path.split("/").filter(Boolean).map(Number);
    const above = chain.slice(0, -1).reverse();
    const overdueDays = calendar.workingDaysAfter(deadlineAt, now);
    escalationLevel = Math.min(above.length, 1 + Math.floor(overdueDays / ESCALATE_EVERY_WORKING_DAYS));
    for (let level = 1; level <= escalationLevel; level++) {
      const at = level === 1 ? new Date(deadlineAt.getTime() + 60_000) : calendar.addWorkingDays(deadlineAt, (level - 1) * ESCALATE_EVERY_WORKING_DAYS);
      const fromNodeId = level === 1 ? chain[chain.length - 1]! : above[level - 2]!;
      escalations.push({ cityId, problemId, level, fromNodeId, toNodeId: above[level - 1]!, overdueWorkingDays: calendar.workingDaysAfter(deadlineAt, at), at });
      event("escalate", null, null, at, "system", null, { level, fromNodeId, toNodeId: above[level - 1]! });
    }
  }
  return base(cityId, spec, spec.title, random, issuer, {
    status,
    responsibleNodeId: spec.node.id,
    responsiblePerson,
    measure,
    deadlineDays,
    assignedAt,
    deadlineAt,
    progress: Math.max(0, progress),
    firstSubmittedAt,
    submittedAt: lastSubmittedAt,
    closedAt,
    closedOnTime: closedAt ? closedAt <= deadlineAt : null,
    reworkCount,
    light,
    lightAt: light ? now : null,
    escalationLevel,
    updatedAt: closedAt ?? lastSubmittedAt ?? startedAt,
  });
}
