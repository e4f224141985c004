import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { cadreMoves, cadreReserve, graduatePlaces, orgNodes, persons, posts } from "../db/schema";
import { educations } from "../../shared/schemas/cadres";
import { Random } from "./random";

/**
 * The demo city's cadre reserve: every person the plan gave a reserve post (475) enters the reserve
 * with an education, strengths, assessments, a development plan and the village secretary as tutor;
 * three township cadres rotate (轮岗) and three seconded cadres return to their posts (清理借调); 47
 * graduate places are planned for villages and communities, at each stage of recruitment.
 */
const seed = 20_260_502;
const strengths = ["群众工作", "产业发展", "矛盾调解", "电商运营", "财务管理", "文字材料", "网格管理", "应急处置"] as const;
const plans = ["安排到网格员岗位实践锻炼一年", "参加市委党校后备干部专题班", "跟班学习村两委日常工作", "承担一项集体经济增收项目"] as const;
const grades = ["优秀", "称职", "称职", "称职", "基本称职"] as const;
const givenNames = ["子涵", "浩然", "雨桐", "思远", "梓萱", "宇航", "佳怡", "俊杰", "欣然", "博文"] as const;
const surnames = ["王", "李", "张", "刘", "杨", "赵", "陈", "薛", "卫", "原"] as const;
const graduateSteps = [
  ["planned", 10],
  ["posted", 15],
  ["applied", 12],
  ["hired", 10],
] as const;

/** The birth date an ID number carries (characters 7–14), as "YYYY-MM-DD". */
function birthDateOf(idNumber: string | null, fallbackYear: number): string {
  const match = idNumber ? /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(idNumber) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : `${fallbackYear}-07-01`;
}

export async function loadDemoCadres(db: Database, options: { cityId: number; now: Date }) {
  const { cityId, now } = options;
  const random = Random.forSection(seed, "cadres");
  const year = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

  return db.transaction(async (tx) => {
    const postRows = await tx
      .select({ personId: posts.personId, post: posts.post, title: posts.title, nodeId: posts.nodeId, name: persons.name, idNumber: persons.idNumber })
      .from(posts)
      .innerJoin(persons, eq(persons.id, posts.personId))
      .where(and(eq(posts.cityId, cityId), inArray(posts.post, ["reserve_cadre", "village_secretary", "township_cadre"]), isNull(persons.deletedAt)))
      .orderBy(asc(posts.id));
    const secretaryAt = new Map(postRows.filter((row) => row.post === "village_secretary").map((row) => [row.nodeId, row.personId]));
    const reserve = postRows.filter((row) => row.post === "reserve_cadre");
    await tx.insert(cadreReserve).values(
      reserve.map((row) => ({
        cityId,
        personId: row.personId,
        personName: row.name,
        nodeId: row.nodeId,
        birthDate: birthDateOf(row.idNumber, 1995),
        education: random.weighted([[educations[0], 5], [educations[1], 45], [educations[2], 35], [educations[3], 10], [educations[4], 5]] as const),
        currentPost: row.title,
        strengths: random.shuffled(strengths).slice(0, 2).join("、"),
        assessments: [
          { year: year - 2, grade: random.pick(grades) },
          { year: year - 1, grade: random.pick(grades) },
        ],
        developmentPlan: random.pick(plans),
        tutorPersonId: secretaryAt.get(row.nodeId) ?? null,
        enteredOn: day(random.int(year - 3, year - 1), random.int(1, 12), random.int(1, 28)),
        entryReason: "村（社区）党组织推荐，镇街党（工）委考察，市委组织部备案",
        createdAt: now,
        updatedAt: now,
      })),
    );

    const cadres = random.shuffled(postRows.filter((row) => row.post === "township_cadre")).slice(0, 6);
    await tx.insert(cadreMoves).values(
      cadres.map((row, index) => {
        const rotation = index < 3;
        return {
          cityId,
          personId: row.personId,
          personName: row.name,
          nodeId: row.nodeId,
          kind: rotation ? "rotation" : "seconded_return",
          fromPost: rotation ? row.title : "借调市直单位工作",
          toPost: rotation ? random.pick(["组织委员", "宣传委员", "政法委员", "武装部长"]) : row.title,
          movedOn: day(year, random.int(1, 5), random.int(1, 28)),
          note: rotation ? "按照干部交流轮岗规定" : "清理借调，回原单位原岗位工作",
          createdAt: now,
        };
      }),
    );

    const places = await tx
      .select({ id: orgNodes.id })
      .from(orgNodes)
      .where(and(eq(orgNodes.cityId, cityId), inArray(orgNodes.kind, ["village", "community"]), isNull(orgNodes.retiredAt)))
      .orderBy(asc(orgNodes.id));
    const chosen = random.shuffled(places).slice(0, 47);
    const statuses = graduateSteps.flatMap(([status, count]) => Array.from({ length: count }, () => status));
    await tx.insert(graduatePlaces).values(
      chosen.map((place, index) => {
        const status = statuses[index]!;
        return {
          cityId,
          nodeId: place.id,
          year,
          post: random.pick(["村党支部书记助理", "村委会主任助理", "社区工作者"]),
          status,
          candidateName: status === "hired" || status === "applied" ? random.pick(surnames) + random.pick(givenNames) : null,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
    return { reserve: reserve.length, moves: cadres.length, graduates: chosen.length };
  });
}
