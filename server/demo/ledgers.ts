import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { defaultLedgerRules, type IncomeSource, type ObjectKind, type Rule } from "../../shared/schemas/ledgers";
import type { Database } from "../db/client";
import { ledgerBenchmarks, ledgerContracts, ledgerCooperatives, ledgerDebtMovements, ledgerDebtPlans, ledgerDebts, ledgerFlags, ledgerIncomes, ledgerPairings, orgNodes, problems } from "../db/schema";
import { localDay } from "../platform/calendar/service";
import { runChecks } from "../modules/ledgers/contracts";
import { addYears } from "../modules/ledgers/rules";
import { femaleNameCharacters, maleNameCharacters, surnames } from "./catalog";
import { IdentityIssuer } from "./identity";
import { Random } from "./random";

/**
 * The demo city's village collective economy (mechanism 8): 3,805 contracts of which 801 carry defects
 * that the module's own rules find when the generator runs them (no flag is written here), 211 of those
 * rectified through closed problems; debts with their payments (清涧街道 resolving 4,960,000 yuan);
 * two years of income (89,030,000 yuan in the latest, 清涧街道 up 596,000 yuan); 116 enterprises paired
 * with 125 villages; 25 branch-led cooperatives. Everything comes from one seed and `now`.
 */
const SEED = 20_260_814;
const CONTRACTS = 3805;
const DEFECTIVE = 801;
const RECTIFIED = 211;
const RAISED_OPEN = 160;
const QINGJIAN = "清涧街道";
const QINGJIAN_RESOLVED_YUAN = 4_960_000;
const QINGJIAN_RAISED_YUAN = 596_000;
const CITY_INCOME_YUAN = 89_030_000;
const ENTERPRISES = 116;
const PAIRED_VILLAGES = 125;
const BRANCH_COOPERATIVES = 25;
const OTHER_COOPERATIVES = 11;
const BATCH = 500;

interface Place {
  id: number;
  name: string;
  parentId: number;
  path: string;
}

const objectSpecs: Record<ObjectKind, { weight: number; unit: string; area: [number, number]; benchmarkFen: [number, number]; names: readonly string[] }> = {
  land: { weight: 55, unit: "亩", area: [3, 160], benchmarkFen: [40_000, 80_000], names: ["东滩地", "西坡地", "南塬地", "北沟地", "河滩地", "机动地", "果园地", "菜园地"] },
  pond: { weight: 7, unit: "亩", area: [2, 30], benchmarkFen: [50_000, 90_000], names: ["东坑塘", "西水库", "南鱼塘", "村前涝池"] },
  forest: { weight: 10, unit: "亩", area: [10, 300], benchmarkFen: [8_000, 15_000], names: ["后山林地", "北坡林场", "沟坡林地"] },
  building: { weight: 13, unit: "平方米", area: [60, 900], benchmarkFen: [6_000, 12_000], names: ["村委旧院", "原小学校舍", "临街门面", "集体仓库", "养殖场房"] },
  machinery: { weight: 5, unit: "台", area: [1, 4], benchmarkFen: [150_000, 300_000], names: ["拖拉机", "收割机", "抽水泵站", "烘干设备"] },
  other: { weight: 10, unit: "项", area: [1, 1], benchmarkFen: [100_000, 400_000], names: ["集体广告位", "停车场", "光伏屋顶", "冷库"] },
};
const objects = Object.keys(objectSpecs) as ObjectKind[];
const defectRules: readonly (readonly [Rule, number])[] = [
  ["no_procedure", 26],
  ["arrears", 24],
  ["below_benchmark", 15],
  ["term_limit", 10],
  ["expired_occupied", 10],
  ["no_file", 9],
  ["double_let", 6],
];
const enterpriseWords = ["晋能", "龙门", "汾河", "禹门", "黄河", "华泽", "鑫源", "宏达", "兴旺", "丰源", "永盛", "三晋", "恒通", "瑞丰", "金诚", "新绛"];
const enterpriseTrades = ["农业科技", "铝业", "建材", "物流", "食品", "果业", "新能源", "机械", "文化旅游", "商贸"];
const creditors = ["河津市农村信用社", "村民个人借款", "工程队垫资", "河津市建筑公司", "供销社", "乡镇财政借款"];
const origins = ["村道硬化工程欠款", "学校校舍建设欠款", "灌溉设施建设借款", "办公场所修缮欠款", "历年招待费挂账", "农业开发项目借款"];
const cooperativeKinds = ["果蔬种植专业合作社", "养殖专业合作社", "农机服务专业合作社", "劳务专业合作社", "土地股份合作社"];

const yuan = (value: number) => value * 100;

function personName(random: Random): string {
  const chars = random.chance(0.5) ? maleNameCharacters : femaleNameCharacters;
  return random.weighted(surnames) + random.pick(chars) + (random.chance(0.6) ? random.pick(chars) : "");
}

/** Splits a whole into `parts` positive integer shares by random weight; the shares add up to the whole exactly. */
function split(random: Random, whole: number, parts: number, spread = 1): number[] {
  const weights = Array.from({ length: parts }, () => 0.3 + random.next() * spread);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => Math.max(1, Math.floor((whole * weight) / sum)));
  shares[shares.length - 1]! += whole - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/** Splits a whole in proportion to the weights; the shares add up to the whole exactly (the remainder goes to the last). */
function splitBy(whole: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => Math.floor((whole * weight) / sum));
  shares[shares.length - 1]! += whole - shares.reduce((a, b) => a + b, 0);
  return shares;
}

const dayPlus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let index = 0; index < rows.length; index += BATCH) await insert(rows.slice(index, index + BATCH));
}

export async function loadDemoLedgers(db: Database, options: { cityId: number; now: Date }) {
  const { cityId, now } = options;
  const today = localDay(now);
  const random = Random.forSection(SEED, "ledgers");
  const issuer = new IdentityIssuer(Random.forSection(SEED, "ledger-counterparties"));
  const latestYear = Number(today.slice(0, 4)) - 1;

  return db.transaction(async (tx) => {
    const nodes = await tx
      .select({ id: orgNodes.id, name: orgNodes.name, kind: orgNodes.kind, parentId: orgNodes.parentId, path: orgNodes.path })
      .from(orgNodes)
      .where(and(eq(orgNodes.cityId, cityId), inArray(orgNodes.kind, ["township", "street", "village"]), isNull(orgNodes.retiredAt)))
      .orderBy(asc(orgNodes.path));
    const townships = nodes.filter((node) => node.kind !== "village");
    const villages: Place[] = nodes.filter((node) => node.kind === "village").map((node) => ({ id: node.id, name: node.name, parentId: node.parentId!, path: node.path }));
    const qingjian = townships.find((node) => node.name === QINGJIAN);
    if (!qingjian || villages.length < PAIRED_VILLAGES) throw new Error("Load the demo city (loadDemoCity) before its ledgers.");

    // --- benchmarks: each township prices each object
    const benchmarks = new Map<string, number>();
    const benchmarkRows = townships.flatMap((township) =>
      objects.map((object) => {
        const spec = objectSpecs[object];
        const priceFen = Math.round(random.int(spec.benchmarkFen[0], spec.benchmarkFen[1]) / 100) * 100;
        benchmarks.set(`${township.id}|${object}`, priceFen);
        return { cityId, nodeId: township.id, object, unit: spec.unit, priceFen, updatedAt: now };
      }),
    );
    await tx.insert(ledgerBenchmarks).values(benchmarkRows);

    // --- contracts: a village's share by weight; the defective ones chosen among all
    const perVillage = split(random, CONTRACTS, villages.length, 1.5);
    const order = Array.from({ length: CONTRACTS }, (_, index) => index);
    for (let index = order.length - 1; index > 0; index--) {
      const other = random.int(0, index);
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    const defective = new Set(order.slice(0, DEFECTIVE));
    const contracts: (typeof ledgerContracts.$inferInsert)[] = [];
    const twinOf = new Map<number, number>();
    let index = 0;
    for (const [villageIndex, village] of villages.entries()) {
      const used = new Map<string, number>();
      for (let n = 0; n < perVillage[villageIndex]!; n++, index++) {
        const object = random.weighted(objects.map((kind) => [kind, objectSpecs[kind].weight] as const));
        const spec = objectSpecs[object];
        let rule: Rule | null = defective.has(index) ? random.weighted(defectRules) : null;
        // The same object let twice flags both contracts: the twin must be the previous one, defective too.
        if (rule === "double_let") {
          const previous = contracts.length - 1;
          if (n > 0 && defective.has(index - 1) && !twinOf.has(previous) && !twinOf.has(index - 1) && contracts[previous]!.status === "active") twinOf.set(index, previous);
          else rule = "no_procedure";
        }
        const base = random.pick(spec.names);
        const seq = (used.get(base) ?? 0) + 1;
        used.set(base, seq);
        const objectName = `${base}${seq}号`;
        const area = spec.area[0] === spec.area[1] ? spec.area[0] : random.int(spec.area[0] * 10, spec.area[1] * 10) / 10;
        const limit = defaultLedgerRules.termLimitYears[object];
        // Below the limit by a year, so no leap day can carry a clean contract over it.
        const years = random.int(1, Math.min(limit - 1, 15));
        let endOn = dayPlus(today, random.int(60, 3000));
        let status = "active";
        if (rule === null && random.chance(0.08)) {
          endOn = dayPlus(today, -random.int(30, 600));
          status = "recovered";
        }
        if (rule === "expired_occupied") endOn = dayPlus(today, -random.int(30, 900));
        let startOn = addYears(endOn, -years);
        if (rule === "term_limit") startOn = addYears(endOn, -(limit + random.int(1, 10)));
        const benchmark = benchmarks.get(`${village.parentId}|${object}`)!;
        const unitPrice = rule === "below_benchmark" ? benchmark * random.between(0.25, 0.6) : benchmark * random.between(0.8, 1.3);
        const annualPriceFen = yuan(Math.max(1, Math.round((unitPrice * area) / 100)));
        const elapsed = Math.max(1, Math.min(years, Number(today.slice(0, 4)) - Number(startOn.slice(0, 4))));
        const dueFen = annualPriceFen * elapsed;
        const receivedFen = rule === "arrears" ? dueFen - yuan(random.int(1, Math.max(1, Math.floor(dueFen / 200)))) : dueFen;
        const person = random.chance(0.7);
        const gender = random.chance(0.5) ? "M" : "F";
        const twin = twinOf.get(index);
        contracts.push({
          cityId,
          nodeId: village.id,
          code: `HT${startOn.slice(0, 4)}-${String(n + 1).padStart(3, "0")}`,
          counterpartyKind: person ? "person" : random.chance(0.7) ? "enterprise" : "cooperative",
          counterpartyName: person ? personName(random) : `河津市${random.pick(enterpriseWords)}${random.pick(enterpriseTrades)}有限公司`,
          counterpartyIdNumber: person ? issuer.idNumber(`19${random.int(55, 95)}-0${random.int(1, 9)}-1${random.int(0, 9)}`, gender) : null,
          counterpartyPhone: issuer.phone(),
          object: twin === undefined ? object : contracts[twin]!.object!,
          objectName: twin === undefined ? objectName : contracts[twin]!.objectName!,
          area: String(twin === undefined ? area : contracts[twin]!.area),
          unit: twin === undefined ? spec.unit : contracts[twin]!.unit!,
          startOn: twin === undefined ? startOn : contracts[twin]!.startOn!,
          endOn: twin === undefined ? endOn : contracts[twin]!.endOn!,
          annualPriceFen: twin === undefined ? annualPriceFen : contracts[twin]!.annualPriceFen!,
          paymentSchedule: random.pick(["annual", "annual", "semiannual", "lump_sum"]),
          dueFen: twin === undefined ? dueFen : contracts[twin]!.dueFen!,
          receivedFen: twin === undefined ? receivedFen : contracts[twin]!.dueFen!,
          letMethod: random.weighted([["public_tender", 4], ["auction", 2], ["negotiation", 4]] as const),
          procedure: rule === "no_procedure" ? "none" : random.chance(0.8) ? "representatives_resolution" : "members_meeting",
          procedureOn: rule === "no_procedure" ? null : dayPlus(startOn, -random.int(10, 60)),
          fileRef: rule === "no_file" ? null : `HJ-${village.id}-${startOn.slice(0, 4)}-${n + 1}`,
          status,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    await insertAll(contracts, (chunk) => tx.insert(ledgerContracts).values(chunk));

    // The module's own rules find the defects: this is where the 801 come from.
    await runChecks(tx, cityId, villages.map((village) => village.id), today, now);

    // --- some flagged contracts raised as problems: 211 rectified (closed), others still open
    const flagged = await tx
      .select({ id: ledgerFlags.id, contractId: ledgerFlags.contractId, nodeId: ledgerFlags.nodeId, rule: ledgerFlags.rule })
      .from(ledgerFlags)
      .where(and(eq(ledgerFlags.cityId, cityId), isNull(ledgerFlags.clearedAt)))
      .orderBy(asc(ledgerFlags.contractId), asc(ledgerFlags.id));
    const byContract = new Map<number, typeof flagged>();
    for (const flag of flagged) byContract.set(flag.contractId, [...(byContract.get(flag.contractId) ?? []), flag]);
    const contractIds = [...byContract.keys()];
    const raisedContracts = contractIds.filter((_, position) => position % 2 === 0).slice(0, RECTIFIED + RAISED_OPEN);
    const at = new Date(now.getTime() - 40 * 86_400_000);
    for (const [position, contractId] of raisedContracts.entries()) {
      const closed = position < RECTIFIED;
      for (const flag of byContract.get(contractId)!) {
        const [problem] = await tx
          .insert(problems)
          .values({
            cityId,
            nodeId: flag.nodeId,
            externalRef: `ledger-flag:${flag.id}`,
            channel: "ledger_check",
            source: "self",
            category: "collective_economy",
            title: `村集体合同问题整改（${flag.rule}）`,
            description: "台账自查发现，按规则转为问题整改",
            foundOn: localDay(at),
            status: closed ? "closed" : "rectifying",
            responsibleNodeId: flag.nodeId,
            responsiblePerson: "村党支部书记",
            measure: "清理合同，补办手续，依法催收",
            deadlineDays: 20,
            assignedAt: at,
            deadlineAt: new Date(at.getTime() + 28 * 86_400_000),
            progress: closed ? 100 : 50,
            submittedAt: closed ? new Date(at.getTime() + 20 * 86_400_000) : null,
            firstSubmittedAt: closed ? new Date(at.getTime() + 20 * 86_400_000) : null,
            closedAt: closed ? new Date(at.getTime() + 25 * 86_400_000) : null,
            closedOnTime: closed ? true : null,
            light: closed ? null : "green",
            lightAt: at,
            createdAt: at,
            updatedAt: at,
          })
          .returning({ id: problems.id });
        await tx.update(ledgerFlags).set({ problemId: problem!.id, raisedAt: at, version: sql`${ledgerFlags.version} + 1` }).where(eq(ledgerFlags.id, flag.id));
      }
    }

    // --- debts: 清涧街道's villages resolved exactly 4,960,000 yuan; the others some of theirs
    const debts: (typeof ledgerDebts.$inferInsert & { resolvedYuan: number })[] = [];
    const qingjianVillages = villages.filter((village) => village.parentId === qingjian.id);
    const resolvedOf = new Map<number, number>(split(random, QINGJIAN_RESOLVED_YUAN, qingjianVillages.length).map((share, position) => [qingjianVillages[position]!.id, share]));
    for (const village of villages) {
      const resolved = resolvedOf.get(village.id) ?? (random.chance(0.6) ? random.int(20_000, 400_000) : 0);
      const count = random.int(1, 3);
      const shares = resolved > 0 ? split(random, resolved, count) : Array.from({ length: count }, () => 0);
      for (const share of shares) {
        const amountYuan = share + (random.chance(0.5) ? random.int(10_000, 300_000) : share === 0 ? random.int(10_000, 300_000) : 0);
        debts.push({
          cityId,
          nodeId: village.id,
          creditor: random.pick(creditors),
          creditorKind: random.pick(["bank", "person", "enterprise", "government"]),
          amountFen: yuan(amountYuan),
          origin: random.pick(origins),
          incurredOn: dayPlus(today, -random.int(800, 5000)),
          evidence: random.pick(["借款合同", "工程结算单", "欠条", "会计凭证"]),
          createdAt: now,
          updatedAt: now,
          resolvedYuan: share,
        });
      }
    }
    const debtRows = await tx
      .insert(ledgerDebts)
      .values(debts.map(({ resolvedYuan: _resolved, ...row }) => row))
      .returning({ id: ledgerDebts.id, nodeId: ledgerDebts.nodeId, amountFen: ledgerDebts.amountFen });
    const movements: (typeof ledgerDebtMovements.$inferInsert)[] = [];
    const plans: (typeof ledgerDebtPlans.$inferInsert)[] = [];
    for (const [position, row] of debtRows.entries()) {
      const resolved = debts[position]!.resolvedYuan;
      if (resolved > 0) {
        const parts = resolved >= 2 && random.chance(0.5) ? split(random, resolved, 2) : [resolved];
        for (const part of parts) movements.push({ cityId, debtId: row.id, nodeId: row.nodeId, kind: random.chance(0.8) ? "payment" : "write_off", amountFen: yuan(part), on: dayPlus(today, -random.int(10, 500)), note: "", createdAt: now });
      }
      const outstanding = row.amountFen - yuan(resolved);
      if (outstanding > 0) plans.push({ cityId, debtId: row.id, seq: 1, dueOn: dayPlus(today, random.int(90, 700)), amountFen: outstanding });
    }
    await insertAll(movements, (chunk) => tx.insert(ledgerDebtMovements).values(chunk));
    await insertAll(plans, (chunk) => tx.insert(ledgerDebtPlans).values(chunk));

    // --- income: the latest year adds up to the city's total; 清涧街道 up 596,000 yuan on the year before
    const sources: IncomeSource[] = ["contracting", "assets", "services", "dividends", "subsidies"];
    // Skewed, so that some villages are weak (under the city's lower band) and a few strong.
    const villageIncome = splitBy(CITY_INCOME_YUAN, villages.map(() => 0.05 + random.next() ** 2 * 4));
    const qingjianIncome = qingjianVillages.map((village) => villageIncome[villages.indexOf(village)]!);
    // 清涧街道's rise, shared in proportion to each village's income, so no village's year before goes below zero.
    const raisedShares = splitBy(QINGJIAN_RAISED_YUAN, qingjianIncome);
    const incomes: (typeof ledgerIncomes.$inferInsert)[] = [];
    for (const [position, village] of villages.entries()) {
      const total = villageIncome[position]!;
      const qingjianIndex = qingjianVillages.indexOf(village);
      const raised = qingjianIndex >= 0 ? raisedShares[qingjianIndex]! : Math.round(total * random.between(-0.05, 0.12));
      const latest = split(random, total, sources.length, 2);
      // The year before: each source lower by its share of the rise.
      const rise = splitBy(raised, latest);
      for (const [s, source] of sources.entries()) {
        incomes.push({ cityId, nodeId: village.id, year: latestYear, source, amountFen: yuan(latest[s]!), createdAt: now, updatedAt: now });
        incomes.push({ cityId, nodeId: village.id, year: latestYear - 1, source, amountFen: yuan(latest[s]! - rise[s]!), createdAt: now, updatedAt: now });
      }
    }
    await insertAll(incomes, (chunk) => tx.insert(ledgerIncomes).values(chunk));

    // --- 116 enterprises paired with 125 villages; 25 cooperatives led by village branches
    const shuffled = [...villages];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => `河津市${enterpriseWords[i % enterpriseWords.length]}${enterpriseTrades[Math.floor(i / enterpriseWords.length) % enterpriseTrades.length]}有限公司`);
    const pairings = shuffled.slice(0, PAIRED_VILLAGES).map((village, i) => ({
      cityId,
      nodeId: village.id,
      enterprise: enterprises[i % ENTERPRISES]!,
      agreementOn: dayPlus(today, -random.int(30, 500)),
      project: random.pick(["订单农业", "土地流转托管", "光伏发电", "农产品加工车间", "乡村旅游", "劳务输出"]),
      investedFen: yuan(random.int(50, 800) * 1000),
      jobs: random.int(3, 80),
      createdAt: now,
    }));
    await tx.insert(ledgerPairings).values(pairings);
    const cooperatives = Array.from({ length: BRANCH_COOPERATIVES + OTHER_COOPERATIVES }, (_, i) => {
      const village = shuffled[(i * 5) % shuffled.length]!;
      return {
        cityId,
        nodeId: village.id,
        name: `${village.name.replace(/村$/, "")}${random.pick(cooperativeKinds)}`,
        ledByBranch: i < BRANCH_COOPERATIVES,
        members: random.int(20, 400),
        capitalFen: yuan(random.int(100, 3000) * 1000),
        dividendsFen: yuan(random.int(0, 300) * 1000),
        createdAt: now,
      };
    });
    await tx.insert(ledgerCooperatives).values(cooperatives);
    return { contracts: contracts.length, debts: debtRows.length, incomes: incomes.length };
  });
}
