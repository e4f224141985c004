import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import {
  examAttemptItems,
  examAttempts,
  examCandidates,
  examQuestions,
  exams,
  orgNodes,
  persons,
  posts,
  trainingAttendance,
  trainingClassrooms,
  trainingForms,
  trainingLeaves,
  trainingPlans,
  trainingSessions,
  trainingTeachers,
  users,
  type ExamRule,
} from "../db/schema";
import type { Tx } from "../platform/context";
import { trainingTopics, type CadreLevel, type TrainingTopic } from "../../shared/schemas/training";
import { Random } from "./random";

/**
 * The demo city's training (培根铸魂 "二三四五一"): two classrooms (the party school's main one and a
 * branch in each township), teachers of four levels, five forms, a plan per node for the year, 55
 * sessions with their attendance (well over 3,900 person-times), a question bank, a finished city-wide
 * competency test with scored papers at all three levels, and an open test in 清涧街道 for its village
 * secretaries (the browser test sits it). Everything is drawn from a seeded stream; nothing is typed in
 * to match a figure.
 */
const seed = 20_260_413;
const batchSize = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const demoTrainingCounts = { citySessions: 15, townshipSessions: 40 } as const;
const forms = ["集中授课", "现场教学", "专题研讨", "线上学习", "实践锻炼"] as const;
const topicTitles: Record<TrainingTopic, readonly string[]> = {
  party_building: ["学习贯彻党的创新理论专题班", "基层党组织书记履职能力培训", "三会一课规范化专题"],
  law_enforcement: ["综合行政执法规范化培训", "依法行政能力提升班", "执法文书与程序专题"],
  petitions: ["信访工作条例专题学习", "矛盾纠纷排查化解实务", "枫桥经验现场教学"],
  rural_revitalisation: ["乡村振兴与集体经济专题", "清化收工作实务培训", "特色产业发展现场观摩"],
  governance: ["网格化治理能力提升班", "接诉即办与事件处置实务", "数字治理平台应用培训"],
};
const teacherSpecs = [
  ["province", "省委党校"], ["province", "山西大学"], ["city", "运城市委党校"], ["city", "运城市委组织部"],
  ["county", "河津市委党校"], ["county", "河津市委政法委"], ["county", "河津市农业农村局"], ["county", "河津市信访局"],
  ["township", "清涧街道党工委"], ["township", "樊村镇党委"], ["township", "僧楼镇党委"], ["township", "小梁乡党委"],
] as const;
const teacherNames = ["王立新", "李春华", "张志远", "赵晓梅", "刘建国", "陈丽娟", "杨文博", "黄海涛", "周丽萍", "吴振华", "郑国强", "孙雅琴"] as const;

async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) await tx.insert(table).values(rows.slice(start, start + batchSize));
}

interface Trainee {
  personId: number;
  nodeId: number;
  path: string;
  level: CadreLevel;
  post: string;
}

const levelOf = (kind: string): CadreLevel => (kind === "city" ? "city" : kind === "township" || kind === "street" ? "township" : "village");

export async function loadDemoTraining(db: Database, options: { cityId: number; now: Date }) {
  const { cityId, now } = options;
  const random = Random.forSection(seed, "training");
  const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear();

  return db.transaction(async (tx) => {
    const nodes = await tx.select({ id: orgNodes.id, kind: orgNodes.kind, name: orgNodes.name, path: orgNodes.path, parentId: orgNodes.parentId }).from(orgNodes).where(eq(orgNodes.cityId, cityId)).orderBy(asc(orgNodes.id));
    const root = nodes.find((node) => node.parentId === null)!;
    const townships = nodes.filter((node) => node.kind === "township" || node.kind === "street");
    const kindOf = new Map(nodes.map((node) => [node.id, node]));
    const postRows = await tx
      .select({ personId: posts.personId, post: posts.post, nodeId: persons.nodeId })
      .from(posts)
      .innerJoin(persons, eq(persons.id, posts.personId))
      .where(and(eq(posts.cityId, cityId), inArray(posts.post, ["county_leader", "township_cadre", "village_secretary", "grid_worker"]), isNull(persons.deletedAt)))
      .orderBy(asc(posts.id));
    const seen = new Set<number>();
    const trainees: Trainee[] = [];
    for (const row of postRows) {
      if (seen.has(row.personId)) continue;
      seen.add(row.personId);
      const node = kindOf.get(row.nodeId)!;
      trainees.push({ personId: row.personId, nodeId: row.nodeId, path: node.path, level: levelOf(node.kind), post: row.post });
    }

    // --- forms, classrooms, teachers, plans
    const formRows = await tx.insert(trainingForms).values(forms.map((name, index) => ({ cityId, name, seq: index + 1, createdAt: now }))).returning({ id: trainingForms.id });
    const formIds = formRows.map((row) => row.id);
    const classroomRows = await tx
      .insert(trainingClassrooms)
      .values([
        { cityId, nodeId: root.id, kind: "main", name: "河津市委党校主课堂", address: "河津市委党校", createdAt: now, updatedAt: now },
        ...townships.map((township) => ({ cityId, nodeId: township.id, kind: "branch", name: `${township.name}分课堂`, address: `${township.name}党群服务中心`, createdAt: now, updatedAt: now })),
      ])
      .returning({ id: trainingClassrooms.id, nodeId: trainingClassrooms.nodeId });
    const teacherRows = await tx
      .insert(trainingTeachers)
      .values(
        teacherSpecs.map(([level, unit], index) => ({
          cityId,
          nodeId: level === "township" ? (townships.find((township) => unit.startsWith(township.name))?.id ?? root.id) : root.id,
          name: teacherNames[index]!,
          level,
          unit,
          topics: random.shuffled(trainingTopics).slice(0, 2),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: trainingTeachers.id, nodeId: trainingTeachers.nodeId });
    const planRows = await tx
      .insert(trainingPlans)
      .values([root, ...townships].map((node) => ({ cityId, nodeId: node.id, year, title: `${node.name}${year}年度干部教育培训计划`, createdAt: now, updatedAt: now })))
      .returning({ id: trainingPlans.id, nodeId: trainingPlans.nodeId });

    // --- 55 sessions, all held before today, with their attendance and leave
    const hosts = [...Array.from({ length: demoTrainingCounts.citySessions }, () => root), ...Array.from({ length: demoTrainingCounts.townshipSessions }, (_, index) => townships[index % townships.length]!)];
    const attendance: PgInsertValue<typeof trainingAttendance>[] = [];
    const leaves: PgInsertValue<typeof trainingLeaves>[] = [];
    for (const [index, host] of hosts.entries()) {
      const topic = trainingTopics[index % trainingTopics.length]!;
      const startsAt = new Date(now.getTime() - random.int(3, 150) * DAY);
      startsAt.setUTCHours(1, 0, 0, 0);
      const city = host.id === root.id;
      const teacherIds = teacherRows.filter((teacher) => city || teacher.nodeId === host.id || teacher.nodeId === root.id).map((teacher) => teacher.id);
      const [session] = await tx
        .insert(trainingSessions)
        .values({
          cityId,
          nodeId: host.id,
          planId: planRows.find((plan) => plan.nodeId === host.id)!.id,
          classroomId: classroomRows.find((room) => room.nodeId === host.id)!.id,
          formId: random.pick(formIds),
          topic,
          title: random.pick(topicTitles[topic]),
          teacherIds: random.shuffled(teacherIds).slice(0, random.int(1, 2)),
          audienceLevels: city ? ["city", "township", "village"] : ["township", "village"],
          audienceNodeIds: [host.id],
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * HOUR),
          place: city ? "市委党校报告厅" : `${host.name}党群服务中心会议室`,
          checkInSecret: `demo-${index}-${random.int(100000, 999999)}`,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: trainingSessions.id });
      const pool = trainees.filter((trainee) => trainee.path.startsWith(host.path) && (city || trainee.level !== "city"));
      const chosen = random.shuffled(pool).slice(0, city ? random.int(100, 130) : random.int(60, 85));
      for (const trainee of chosen) {
        if (random.chance(0.03)) {
          leaves.push({ cityId, sessionId: session!.id, personId: trainee.personId, nodeId: trainee.nodeId, reason: "工作冲突，已报备", status: "approved", decidedAt: startsAt, createdAt: startsAt });
          continue;
        }
        const qr = random.chance(0.8);
        attendance.push({ cityId, sessionId: session!.id, personId: trainee.personId, nodeId: trainee.nodeId, method: qr ? "qr" : "roster", at: new Date(startsAt.getTime() - random.int(0, 25) * 60_000) });
      }
    }
    await insertRows(tx, trainingAttendance, attendance);
    await insertRows(tx, trainingLeaves, leaves);

    // --- the question bank, at the city: per topic ten easy, seven medium and four hard questions
    const bank: PgInsertValue<typeof examQuestions>[] = [];
    for (const topic of trainingTopics) {
      const subject = topicTitles[topic][0]!.replace(/专题班|培训|专题学习|能力提升班|专题/g, "");
      for (let n = 1; n <= 10; n++) {
        bank.push(
          n <= 6
            ? { cityId, nodeId: root.id, type: "single", topic, difficulty: "easy", stem: `（${subject}）单选第${n}题：下列做法中最符合规定的是？`, options: ["按程序集体研究决定", "个人临时决定", "先办后补手续", "口头布置即可"], answer: ["A"] }
            : { cityId, nodeId: root.id, type: "judge", topic, difficulty: "easy", stem: `（${subject}）判断第${n - 6}题：重大事项应当按程序集体决策。`, options: [], answer: ["true"] },
        );
      }
      for (let n = 1; n <= 7; n++) {
        bank.push(
          n <= 4
            ? { cityId, nodeId: root.id, type: "single", topic, difficulty: "medium", stem: `（${subject}）单选提高第${n}题：发现问题后首先应当？`, options: ["及时登记并按时限办理", "等待上级通知", "交由群众自行解决"], answer: ["A"] }
            : { cityId, nodeId: root.id, type: "multiple", topic, difficulty: "medium", stem: `（${subject}）多选第${n - 4}题：下列哪些属于工作要求？`, options: ["依法依规", "公开透明", "群众参与", "暗箱操作"], answer: ["A", "B", "C"] },
        );
      }
      for (let n = 1; n <= 4; n++) {
        bank.push(
          n <= 2
            ? { cityId, nodeId: root.id, type: "multiple", topic, difficulty: "hard", stem: `（${subject}）综合多选第${n}题：完善长效机制应当包括？`, options: ["建立台账", "定期回访", "考核问责", "一推了之"], answer: ["A", "B", "C"] }
            : { cityId, nodeId: root.id, type: "short", topic, difficulty: "hard", stem: `（${subject}）简答第${n - 2}题：结合本村（社区）实际，谈谈如何抓好这项工作。`, options: [], answer: ["要点：压实责任、建立台账、依靠群众、跟踪问效。"] },
        );
      }
    }
    const questionRows = await tx.insert(examQuestions).values(bank.map((row) => ({ ...row, createdAt: now, updatedAt: now }))).returning({ id: examQuestions.id, topic: examQuestions.topic, difficulty: examQuestions.difficulty, type: examQuestions.type, answer: examQuestions.answer, options: examQuestions.options });
    const rules: ExamRule[] = trainingTopics.flatMap((topic) => [
      { topic, difficulty: "easy", count: 2, points: 4 },
      { topic, difficulty: "medium", count: 1, points: 6 },
      { topic, difficulty: "hard", count: 1, points: 6 },
    ]);

    // --- a finished city-wide test, scored, at all three levels
    const [grader] = await tx.select({ id: users.id }).from(users).where(eq(users.username, "admin.office"));
    const [finished] = await tx
      .insert(exams)
      .values({ cityId, nodeId: root.id, title: `${year}年度基层干部能力测试`, rules, opensAt: new Date(now.getTime() - 30 * DAY), closesAt: new Date(now.getTime() - 28 * DAY), timeLimitMinutes: 60, passMark: 60, createdAt: now, updatedAt: now })
      .returning({ id: exams.id, opensAt: exams.opensAt });
    const names = new Map((await tx.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, trainees.map((trainee) => trainee.personId)))).map((row) => [row.id, row.name]));
    const byLevel = (level: CadreLevel, count: number) => random.shuffled(trainees.filter((trainee) => trainee.level === level && trainee.post !== "grid_worker")).slice(0, count);
    const sitters = [...byLevel("city", 20), ...byLevel("township", 120), ...byLevel("village", 100)];
    const candidateRows = await tx
      .insert(examCandidates)
      .values(sitters.map((sitter) => ({ cityId, examId: finished!.id, personId: sitter.personId, personName: names.get(sitter.personId)!, nodeId: sitter.nodeId, level: sitter.level })))
      .returning({ id: examCandidates.id, personId: examCandidates.personId });
    const items: PgInsertValue<typeof examAttemptItems>[] = [];
    for (const [index, sitter] of sitters.entries()) {
      const skill = random.between(0.45, 0.95);
      const paper = random.shuffled(rules.flatMap((rule) => random.shuffled(questionRows.filter((q) => q.topic === rule.topic && q.difficulty === rule.difficulty)).slice(0, rule.count).map((q) => ({ q, points: rule.points }))));
      const marks = paper.map(({ q, points }) => {
        const right = random.chance(skill);
        if (q.type === "short") return { q, points, answer: ["压实责任，建立台账，依靠群众。"], score: Math.round(points * skill) };
        const wrong = q.type === "judge" ? ["false"] : [String.fromCharCode(65 + q.options.length - 1)];
        return { q, points, answer: right ? q.answer : wrong, score: right ? points : 0 };
      });
      const score = marks.reduce((sum, mark) => sum + mark.score, 0);
      const startedAt = new Date(finished!.opensAt.getTime() + random.int(0, 36) * HOUR);
      const [attempt] = await tx
        .insert(examAttempts)
        .values({
          cityId,
          examId: finished!.id,
          candidateId: candidateRows[index]!.id,
          personId: sitter.personId,
          nodeId: sitter.nodeId,
          level: sitter.level,
          startedAt,
          deadlineAt: new Date(startedAt.getTime() + HOUR),
          submittedAt: new Date(startedAt.getTime() + random.int(25, 58) * 60_000),
          status: "scored",
          autoScore: score - marks.filter((mark) => mark.q.type === "short").reduce((sum, mark) => sum + mark.score, 0),
          score,
          passed: score >= 60,
        })
        .returning({ id: examAttempts.id });
      marks.forEach((mark, seq) =>
        items.push({ cityId, attemptId: attempt!.id, seq: seq + 1, questionId: mark.q.id, points: mark.points, answer: mark.answer, savedAt: startedAt, score: mark.score, gradedBy: mark.q.type === "short" ? (grader?.id ?? null) : null, gradedAt: mark.q.type === "short" ? startedAt : null }),
      );
    }
    await insertRows(tx, examAttemptItems, items);

    // --- an open test in 清涧街道 for its village and community secretaries
    const qingjian = townships.find((township) => township.name === "清涧街道") ?? townships[0]!;
    const secretaries = trainees.filter((trainee) => trainee.post === "village_secretary" && trainee.path.startsWith(qingjian.path));
    const [open] = await tx
      .insert(exams)
      .values({ cityId, nodeId: qingjian.id, title: `${qingjian.name}村（社区）干部能力测试`, rules, opensAt: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 60 * DAY), timeLimitMinutes: 45, passMark: 60, createdAt: now, updatedAt: now })
      .returning({ id: exams.id });
    await tx.insert(examCandidates).values(secretaries.map((sitter) => ({ cityId, examId: open!.id, personId: sitter.personId, personName: names.get(sitter.personId)!, nodeId: sitter.nodeId, level: sitter.level })));

    return { sessions: hosts.length, personTimes: attendance.length, questions: bank.length, scoredPapers: sitters.length };
  });
}
