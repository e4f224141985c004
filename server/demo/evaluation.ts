import { inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { localDay } from "../platform/calendar/calendar";
import { buildRegistry, type ModuleRegistry } from "../platform/modules";
import { bodiesOf } from "../modules/evaluation/bodies";
import { computeScores } from "../modules/evaluation/compute";
import { periodEnd } from "../modules/evaluation/periods";
import * as repo from "../modules/evaluation/repository";
import { Random } from "./random";

/**
 * The demo city's evaluation: four catalogues ("1+3X" for townships, villages and departments, and the
 * city itself for its rank in its prefecture), and
 * the last four complete quarters of each scored from the demo records and published, with confirmed
 * manual scores for the townships and a few supervision findings. Writes no audit entry: the caller
 * records the demo load.
 */
const seed = 20_261_205;

type ItemSpec = { source: "auto" | "manual" | "supervision"; indicatorKey?: string; channel?: string; label: string; weight: number };

const catalogues: { name: string; bodyKind: string; grading: "threshold" | "quota"; public?: false; items: ItemSpec[] }[] = [
  {
    name: "乡镇（街道）党建引领基层治理考评",
    bodyKind: "township",
    grading: "threshold",
    items: [
      { source: "auto", indicatorKey: "events.onTimeDispatch", label: "事件按时派遣率", weight: 10 },
      { source: "auto", indicatorKey: "events.closure", label: "事件结案率", weight: 10 },
      { source: "auto", indicatorKey: "events.satisfaction", label: "群众满意率", weight: 10 },
      { source: "auto", indicatorKey: "problems.closure", label: "问题结案率", weight: 10 },
      { source: "auto", indicatorKey: "problems.onTimeClosure", label: "问题按期结案率", weight: 10 },
      { source: "auto", indicatorKey: "pairing.visitCoverage", label: "联系户走访覆盖率", weight: 5 },
      { source: "auto", indicatorKey: "pairing.conflictsResolved", label: "矛盾隐患化解率", weight: 5 },
      { source: "auto", indicatorKey: "training.attendanceRate", label: "培训到课率", weight: 5 },
      { source: "auto", indicatorKey: "training.passRate", label: "能力测试通过率", weight: 5 },
      { source: "auto", indicatorKey: "service.hoursPerMember", label: "党员人均服务时长", weight: 5 },
      { source: "auto", indicatorKey: "ledgers.rectification", label: "问题合同整改率", weight: 5 },
      { source: "manual", label: "组织部考核（班子建设）", weight: 10 },
      { source: "supervision", channel: "discipline", label: "纪检监督", weight: 4 },
      { source: "supervision", channel: "audit", label: "审计监督", weight: 3 },
      { source: "supervision", channel: "inspection", label: "巡察监督", weight: 3 },
    ],
  },
  {
    name: "村（社区）党组织考评",
    bodyKind: "village",
    grading: "quota",
    items: [
      { source: "auto", indicatorKey: "events.closure", label: "事件结案率", weight: 20 },
      { source: "auto", indicatorKey: "events.satisfaction", label: "群众满意率", weight: 20 },
      { source: "auto", indicatorKey: "problems.closure", label: "问题结案率", weight: 25 },
      { source: "auto", indicatorKey: "ledgers.rectification", label: "问题合同整改率", weight: 10 },
      { source: "auto", indicatorKey: "service.hoursPerMember", label: "党员人均服务时长", weight: 5 },
      { source: "supervision", channel: "rating", label: "群众评议", weight: 20 },
    ],
  },
  {
    name: "职能部门网格事件办理考评",
    bodyKind: "department",
    grading: "threshold",
    items: [
      { source: "auto", indicatorKey: "events.handling", label: "事件按时处置率", weight: 35 },
      { source: "auto", indicatorKey: "events.closure", label: "事件结案率", weight: 30 },
      { source: "auto", indicatorKey: "events.satisfaction", label: "群众满意率", weight: 25 },
      { source: "supervision", channel: "petition", label: "信访反映", weight: 10 },
    ],
  },
  {
    // The whole city on the township indicators, ranked among the cities of 运城市 (only this one in the demo); kept off the public page.
    name: "县（市）党建引领基层治理考评（运城市内排名）",
    bodyKind: "city",
    grading: "threshold",
    public: false,
    items: [
      { source: "auto", indicatorKey: "events.closure", label: "事件结案率", weight: 20 },
      { source: "auto", indicatorKey: "events.satisfaction", label: "群众满意率", weight: 20 },
      { source: "auto", indicatorKey: "problems.closure", label: "问题结案率", weight: 20 },
      { source: "auto", indicatorKey: "problems.onTimeClosure", label: "问题按期结案率", weight: 20 },
      { source: "auto", indicatorKey: "pairing.visitCoverage", label: "联系户走访覆盖率", weight: 10 },
      { source: "auto", indicatorKey: "training.attendanceRate", label: "培训到课率", weight: 10 },
    ],
  },
];

/** The first days of the last four complete quarters before `now`, oldest first. */
export function lastFourQuarters(now: Date): string[] {
  const today = localDay(now);
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const starts: string[] = [];
  for (let back = 4; back >= 1; back -= 1) {
    const index = year * 4 + quarter - back;
    starts.push(`${Math.floor(index / 4)}-${String((index % 4) * 3 + 1).padStart(2, "0")}-01`);
  }
  return starts;
}

function quarterLabel(start: string): string {
  return `${start.slice(0, 4)}年第${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}季度`;
}

export async function loadDemoEvaluation(db: Database, options: { cityId: number; now: Date }, registry?: ModuleRegistry) {
  const { cityId, now } = options;
  // The modules' indicator sources, as the app is built with them (a lazy import: the list names this module too).
  const modules = registry ?? buildRegistry((await import("../modules/index")).modules);
  const random = Random.forSection(seed, "evaluation");
  const people = await db.select({ id: users.id, username: users.username, name: users.displayName }).from(users).where(inArray(users.username, ["admin.office", "supervisor.city"]));
  const assessor = people.find((user) => user.username === "supervisor.city") ?? people[0];
  const confirmer = people.find((user) => user.username === "admin.office") ?? people[0];
  const quarters = lastFourQuarters(now);
  let published = 0;
  for (const spec of catalogues) {
    const catalogue = await db.transaction(async (tx) => {
      const row = await repo.insertCatalogue(tx, { cityId, name: spec.name, bodyKind: spec.bodyKind, periodKind: "quarter", grading: spec.grading, thresholds: { A: 90, B: 75, C: 60, D: 40 }, quotas: { A: 20, B: 30, C: 30, D: 15 }, appealDays: 10, public: spec.public ?? true });
      await repo.replaceItems(tx, cityId, row.id, spec.items.map((item, position) => ({ position, source: item.source, indicatorKey: item.indicatorKey ?? null, channel: item.channel ?? null, label: item.label, weight: item.weight, minSample: item.indicatorKey ? (modules.indicators.find((i) => i.key === item.indicatorKey)?.minSample ?? 1) : 0 })));
      return row;
    });
    const items = await repo.itemsOf(db, [catalogue.id]);
    const bodies = await bodiesOf(db, cityId, spec.bodyKind);
    for (const startsOn of quarters) {
      const endsOn = periodEnd(startsOn, "quarter");
      // Published the fifth day after the quarter ended; the appeal days are long over for all but the last.
      const publishedAt = new Date(Math.min(now.getTime() - 3_600_000, Date.parse(`${endsOn}T02:00:00Z`) + 5 * 86_400_000));
      let period = await db.transaction((tx) => repo.insertPeriod(tx, { cityId, catalogueId: catalogue.id, label: quarterLabel(startsOn), startsOn, endsOn, status: "draft" }));
      await db.transaction(async (tx) => {
        for (const item of items.filter((candidate) => candidate.source === "manual")) {
          for (const body of bodies) {
            const saved = await repo.upsertManualScore(tx, { cityId, periodId: period.id, itemId: item.id, bodyKind: spec.bodyKind, bodyId: body.id, nodeId: body.nodeId, score: random.int(72, 98), evidence: "年度述职评议及实地考核记录", assessorUserId: assessor!.id, assessorName: assessor!.name });
            await repo.confirmManualScore(tx, saved.id, saved.version, { userId: confirmer!.id, name: confirmer!.name, at: publishedAt });
          }
        }
        for (const item of items.filter((candidate) => candidate.source === "supervision")) {
          for (const body of bodies) {
            if (!random.chance(0.25)) continue;
            await repo.insertFinding(tx, {
              cityId, channel: item.channel!, bodyKind: spec.bodyKind, bodyId: body.id, nodeId: body.nodeId, foundOn: periodEnd(startsOn, "month"), points: random.int(2, 12),
              description: `${item.label}发现问题：台账不全、整改不及时`, evidence: "督查通报", recordedByUserId: assessor!.id, recordedByName: assessor!.name,
            });
          }
        }
      });
      const scored = await computeScores({ db, modules, period, catalogue, items });
      await db.transaction(async (tx) => {
        await repo.insertResults(tx, cityId, period.id, 1, scored);
        await repo.insertVersion(tx, { cityId, periodId: period.id, resultVersion: 1, reason: "初次计算 (first computation)", actorUserId: confirmer?.id ?? null, actorName: confirmer?.name ?? "系统" });
        period = (await repo.updatePeriod(tx, period.id, period.version, { status: "published", resultVersion: 1, publishedAt, appealUntil: new Date(publishedAt.getTime() + catalogue.appealDays * 86_400_000) }))!;
      });
      published += 1;
    }
  }
  return { periods: published };
}
