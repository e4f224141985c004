import { randomInt } from "node:crypto";
import type { z } from "zod";
import type { AnswerBody, CadreLevel, CreateExamBody, Difficulty, ExamQuery, GradeBody, MakeupBody, QuestionType, ResultQuery, TrainingTopic } from "../../../shared/schemas/training";
import type { SourceFigures } from "../../../shared/figures";
import type { Database } from "../../db/client";
import type { ExamRule } from "../../db/schema";
import type { RequestContext } from "../../platform/context";
import { badRequest, conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { can, hasPermission, requirePermission, scopeOf, type Scope } from "../../platform/policy";
import { nodeRefFromJson, visibleNode, type NodeRef } from "../../platform/tree";
import { personOfUser } from "../../platform/auth/service";
import { write } from "../../platform/write";
import { personPlaces } from "../people/service";
import * as repo from "./exam-repository";
import { attendeePerson, levelOfKind, manageAt, readAt } from "./policy";

const iso = (date: Date) => date.toISOString();
type Status = "in_progress" | "grading" | "scored";

const totalOf = (rules: readonly ExamRule[]) => rules.reduce((sum, rule) => sum + rule.count * rule.points, 0);

function presentExam(view: NonNullable<Awaited<ReturnType<typeof repo.findExam>>>) {
  const { row } = view;
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: view.node?.name ?? "",
    title: row.title,
    rules: row.rules.map((rule) => ({ ...rule, topic: rule.topic as TrainingTopic, difficulty: rule.difficulty as Difficulty })),
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    timeLimitMinutes: row.timeLimitMinutes,
    passMark: row.passMark,
    totalScore: totalOf(row.rules),
    makeupOf: row.makeupOf,
    candidates: view.candidates,
    submitted: view.submitted,
    version: row.version,
  };
}

async function examFor(ctx: RequestContext, id: number, manage: boolean) {
  const view = await repo.findExam(ctx.db, id);
  if (!view?.node) throw notFound("考试");
  const node = nodeRefFromJson(view.node);
  if (manage) manageAt(ctx, node.path);
  else readAt(ctx, node.path);
  return { view, node };
}

async function scopeFor(ctx: RequestContext, org: number | undefined): Promise<Scope> {
  const actor = requirePermission(ctx, "training.read");
  if (org === undefined) return scopeOf(actor, "training.read");
  const node = await visibleNode(ctx, org);
  readAt(ctx, node.path);
  return { all: false, paths: [node.path] };
}

export async function listExams(ctx: RequestContext, query: z.infer<typeof ExamQuery>) {
  const scope = await scopeFor(ctx, query.org);
  const { rows, total } = await repo.listExams(ctx.db, scope, query.q, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(presentExam), total, page: query.page, pageSize: query.pageSize };
}

export async function getExam(ctx: RequestContext, id: number) {
  return presentExam((await examFor(ctx, id, false)).view);
}

/** Candidates enrol with their node and level; each must sit under the exam's node. */
async function enrol(ctx: RequestContext, node: NodeRef, personIds: number[]) {
  const places = await personPlaces(ctx.db, node.cityId, [...new Set(personIds)]);
  const found = new Set(places.filter((place) => place.path.startsWith(node.path)).map((place) => place.id));
  const outside = personIds.filter((id) => !found.has(id));
  if (outside.length > 0) throw invalidField("candidatePersonIds", `not under the exam's node: ${outside.join(", ")}`);
  return places.map((place) => ({ cityId: node.cityId, personId: place.id, personName: place.name, nodeId: place.nodeId, level: levelOfKind(place.nodeKind) }));
}

export async function createExam(ctx: RequestContext, body: z.infer<typeof CreateExamBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageAt(ctx, node.path);
  for (const [index, rule] of body.rules.entries()) {
    const available = (await repo.pool(ctx.db, node.cityId, node.path, rule.topic, rule.difficulty)).length;
    if (available < rule.count) throw invalidField(`rules.${index}.count`, `the bank holds ${available} such questions, fewer than ${rule.count}`);
  }
  const candidates = await enrol(ctx, node, body.candidatePersonIds);
  const id = await write(ctx, async (tx, audit) => {
    const created = await repo.insertExam(
      tx,
      { cityId: node.cityId, nodeId: node.id, title: body.title, rules: body.rules, opensAt: new Date(body.opensAt), closesAt: new Date(body.closesAt), timeLimitMinutes: body.timeLimitMinutes, passMark: body.passMark },
      candidates,
    );
    audit({ action: "training.exam_create", entity: "exam", entityId: created, cityId: node.cityId, after: { title: body.title, candidates: candidates.length } });
    return created;
  });
  return getExam(ctx, id);
}

/** A make-up exam (补考) for everyone who failed or never submitted: same rules, a new window. */
export async function createMakeup(ctx: RequestContext, id: number, body: z.infer<typeof MakeupBody>) {
  const { view, node } = await examFor(ctx, id, true);
  if (view.row.version !== body.version) throw versionConflict();
  const candidates = await repo.candidatesOf(ctx.db, id);
  const missed: typeof candidates = [];
  for (const candidate of candidates) {
    const attempt = await repo.attemptOf(ctx.db, id, candidate.personId);
    if (!attempt || attempt.passed === false || attempt.submittedAt === null) missed.push(candidate);
  }
  if (missed.length === 0) throw badRequest("没有需要补考的人员 (nobody needs a make-up exam)");
  const makeupId = await write(ctx, async (tx, audit) => {
    const created = await repo.insertExam(
      tx,
      {
        cityId: node.cityId,
        nodeId: node.id,
        title: `${view.row.title}（补考）`,
        rules: view.row.rules,
        opensAt: new Date(body.opensAt),
        closesAt: new Date(body.closesAt),
        timeLimitMinutes: view.row.timeLimitMinutes,
        passMark: view.row.passMark,
        makeupOf: id,
      },
      missed.map(({ cityId, personId, personName, nodeId, level }) => ({ cityId, personId, personName, nodeId, level })),
    );
    audit({ action: "training.exam_makeup", entity: "exam", entityId: created, cityId: node.cityId, after: { makeupOf: id, candidates: missed.length } });
    return created;
  });
  return getExam(ctx, makeupId);
}

// --- sitting the exam

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function secondsLeft(attempt: repo.AttemptRow, now: Date): number {
  if (attempt.status !== "in_progress") return 0;
  return Math.max(0, Math.floor((attempt.deadlineAt.getTime() - now.getTime()) / 1000));
}

/** The paper as the candidate sees it: stems, options and their own answers, never the key. */
async function paper(ctx: RequestContext, attempt: repo.AttemptRow, title: string) {
  const items = await repo.itemsOf(ctx.db, attempt.id);
  const questions = new Map((await repo.questionsByIds(ctx.db, items.map((item) => item.questionId))).map((q) => [q.id, q]));
  return {
    id: attempt.id,
    examId: attempt.examId,
    examTitle: title,
    status: attempt.status as Status,
    startedAt: iso(attempt.startedAt),
    deadlineAt: iso(attempt.deadlineAt),
    submittedAt: attempt.submittedAt ? iso(attempt.submittedAt) : null,
    secondsLeft: secondsLeft(attempt, ctx.clock.now()),
    items: items.map((item) => {
      const question = questions.get(item.questionId)!;
      return { seq: item.seq, type: question.type as QuestionType, topic: question.topic as TrainingTopic, stem: question.stem, options: question.options, score: item.points, answer: item.answer };
    }),
    version: attempt.version,
  };
}

/**
 * Starts the candidate's one attempt; a second start is 409, whether the first is under way (the
 * client opens it with GET, so a reload loses nothing) or submitted. Each
 * candidate gets their own draw per rule and their own order; the deadline is fixed now by the
 * server's clock: the time limit, or the window's end if that comes first.
 */
export async function startAttempt(ctx: RequestContext, examId: number) {
  const { personId } = await attendeePerson(ctx);
  const candidate = await repo.findCandidate(ctx.db, examId, personId);
  const view = await repo.findExam(ctx.db, examId);
  if (!candidate || !view) throw notFound("考试");
  const exam = view.row;
  const existing = await repo.attemptOf(ctx.db, examId, personId);
  if (existing) {
    if (existing.status === "in_progress") throw conflict(`考试已开始，请继续作答 (the attempt ${existing.id} is under way)`, "attempt_started");
    throw conflict("只能参加一次考试 (one attempt only)", "one_attempt");
  }
  const now = ctx.clock.now();
  if (now < exam.opensAt) throw badRequest("考试尚未开始 (the exam has not opened yet)");
  if (now >= exam.closesAt) throw badRequest("考试已结束 (the exam has closed)");
  const drawn: { questionId: number; points: number }[] = [];
  for (const rule of exam.rules) {
    const questions = await repo.pool(ctx.db, exam.cityId, view.node?.path ?? "", rule.topic, rule.difficulty);
    if (questions.length < rule.count) throw conflict("题库题量不足，请联系组织者 (the bank no longer holds enough questions)");
    for (const question of shuffled(questions).slice(0, rule.count)) drawn.push({ questionId: question.id, points: rule.points });
  }
  const deadline = new Date(Math.min(now.getTime() + exam.timeLimitMinutes * 60_000, exam.closesAt.getTime()));
  const attempt = await write(ctx, async (tx, audit) => {
    const row = await repo.insertAttempt(
      tx,
      { cityId: exam.cityId, examId, candidateId: candidate.id, personId, nodeId: candidate.nodeId, level: candidate.level, startedAt: now, deadlineAt: deadline, status: "in_progress" },
      shuffled(drawn),
    );
    audit({ action: "training.attempt_start", entity: "exam_attempt", entityId: row.id, cityId: exam.cityId, after: { examId, questions: drawn.length } });
    return row;
  });
  return paper(ctx, attempt, exam.title);
}

/** The candidate's own attempt: anyone else's is 404 to them. */
async function ownAttempt(ctx: RequestContext, id: number) {
  const { personId } = await attendeePerson(ctx);
  const found = await repo.findAttempt(ctx.db, id);
  if (!found || found.row.personId !== personId) throw notFound("答卷");
  return found.row;
}

export async function getAttempt(ctx: RequestContext, id: number) {
  const attempt = await ownAttempt(ctx, id);
  const view = await repo.findExam(ctx.db, attempt.examId);
  return paper(ctx, attempt, view?.row.title ?? "");
}

function checkAnswer(type: QuestionType, options: string[], answer: string[]): string | null {
  const letters = options.map((_, index) => String.fromCharCode(65 + index));
  if (answer.length === 0) return null;
  if (type === "judge") return answer.length === 1 && ["true", "false"].includes(answer[0]!) ? null : 'answer "true" or "false"';
  if (type === "short") return answer.length === 1 ? null : "one text";
  if (answer.some((letter) => !letters.includes(letter))) return `letters among ${letters.join("")}`;
  if (new Set(answer).size !== answer.length) return "each letter once";
  if (type === "single" && answer.length !== 1) return "one letter";
  return null;
}

/** Saves one answer as it is given. After the deadline nothing is recorded: 409. */
export async function saveAnswer(ctx: RequestContext, id: number, seq: number, body: z.infer<typeof AnswerBody>) {
  const attempt = await ownAttempt(ctx, id);
  if (attempt.status !== "in_progress") throw conflict("答卷已提交 (the paper has been submitted)", "submitted");
  const now = ctx.clock.now();
  if (now > attempt.deadlineAt) throw conflict("考试时间已到，答案未保存 (time is up; the answer was not saved)", "time_up");
  const item = (await repo.itemsOf(ctx.db, id)).find((candidate) => candidate.seq === seq);
  if (!item) throw notFound("试题");
  const [question] = await repo.questionsByIds(ctx.db, [item.questionId]);
  const problem = checkAnswer(question!.type as QuestionType, question!.options, body.answer);
  if (problem) throw invalidField("answer", problem);
  await write(ctx, async (tx, audit) => {
    await repo.saveAnswer(tx, item.id, [...body.answer].sort(), now);
    audit({ action: "training.answer_save", entity: "exam_attempt", entityId: id, cityId: attempt.cityId, after: { seq } });
  });
  return { seq, savedAt: iso(now), secondsLeft: secondsLeft(attempt, now) };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index]);

/** Submits the paper: choices and true/false are scored at once; short answers wait for a second person. */
export async function submitAttempt(ctx: RequestContext, id: number) {
  const attempt = await ownAttempt(ctx, id);
  if (attempt.status !== "in_progress") throw conflict("答卷已提交 (the paper has been submitted)", "submitted");
  const exam = (await repo.findExam(ctx.db, attempt.examId))!.row;
  const items = await repo.itemsOf(ctx.db, id);
  const questions = new Map((await repo.questionsByIds(ctx.db, items.map((item) => item.questionId))).map((q) => [q.id, q]));
  const marks = items.map((item) => {
    const question = questions.get(item.questionId)!;
    if (question.type === "short") return { item, score: null };
    return { item, score: item.answer && sameSet(item.answer, question.answer) ? item.points : 0 };
  });
  const auto = marks.reduce((sum, mark) => sum + (mark.score ?? 0), 0);
  const pending = marks.some((mark) => mark.score === null && mark.item.answer !== null);
  const now = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    for (const mark of marks) {
      // An unanswered short question earns nothing and needs nobody to grade it.
      const score = mark.score ?? (mark.item.answer === null ? 0 : null);
      await repo.scoreItem(tx, mark.item.id, score);
    }
    const submitted = await repo.submitAttempt(tx, id, { submittedAt: now, status: pending ? "grading" : "scored", autoScore: auto, score: pending ? null : auto, passed: pending ? null : auto >= exam.passMark });
    if (!submitted) throw conflict("答卷已提交 (the paper has been submitted)", "submitted");
    audit({ action: "training.attempt_submit", entity: "exam_attempt", entityId: id, cityId: attempt.cityId, after: { autoScore: auto, pending } });
  });
  return attemptResult(ctx, id);
}

/** The scored paper with the key: to its candidate once submitted, and to those who read results at its node. */
export async function attemptResult(ctx: RequestContext, id: number) {
  const found = await repo.findAttempt(ctx.db, id);
  if (!found) throw notFound("答卷");
  const attempt = found.row;
  const actor = ctx.actor;
  const reader = actor !== null && can(actor, "training.read", found.path);
  // Neither a reader here nor a candidate: the policy answers (404 outside what they see, else 403).
  if (!reader && actor !== null && !hasPermission(actor, "training.attend")) readAt(ctx, found.path);
  if (!reader) {
    const own = await ownAttempt(ctx, id);
    if (own.status === "in_progress") throw conflict("答卷尚未提交 (submit the paper first)", "not_submitted");
  }
  const exam = (await repo.findExam(ctx.db, attempt.examId))!.row;
  const items = await repo.itemsOf(ctx.db, id);
  const questions = new Map((await repo.questionsByIds(ctx.db, items.map((item) => item.questionId))).map((q) => [q.id, q]));
  const candidate = await repo.findCandidate(ctx.db, attempt.examId, attempt.personId);
  const submitted = attempt.status !== "in_progress";
  return {
    id,
    examId: attempt.examId,
    examTitle: exam.title,
    personId: attempt.personId,
    personName: candidate?.personName ?? "",
    status: attempt.status as Status,
    score: attempt.score,
    passMark: exam.passMark,
    passed: attempt.passed,
    submittedAt: attempt.submittedAt ? iso(attempt.submittedAt) : null,
    items: items.map((item) => {
      const question = questions.get(item.questionId)!;
      return {
        seq: item.seq,
        type: question.type as QuestionType,
        topic: question.topic as TrainingTopic,
        stem: question.stem,
        options: question.options,
        score: item.points,
        answer: item.answer,
        // Before submission even a reader sees no key: a grader could pass it on mid-exam.
        key: submitted ? question.answer : [],
        earned: item.score,
        needsGrading: submitted && item.score === null,
      };
    }),
    version: attempt.version,
  };
}

/** Grades the short answers: someone with training.manage at the candidate's node, never the candidate. */
export async function gradeAttempt(ctx: RequestContext, id: number, body: z.infer<typeof GradeBody>) {
  const found = await repo.findAttempt(ctx.db, id);
  if (!found) throw notFound("答卷");
  const actor = manageAt(ctx, found.path);
  const attempt = found.row;
  if ((await personOfUser(ctx.db, actor.userId)) === attempt.personId) throw forbidden("不能评阅自己的答卷 (a second person grades the paper)");
  if (attempt.status !== "grading") throw conflict("该答卷无需评阅 (nothing to grade)", "not_grading");
  if (attempt.version !== body.version) throw versionConflict();
  const items = await repo.itemsOf(ctx.db, id);
  const pending = items.filter((item) => item.score === null);
  const marks = new Map(body.marks.map((mark) => [mark.seq, mark.score]));
  for (const item of pending) {
    const mark = marks.get(item.seq);
    if (mark === undefined) throw invalidField("marks", `question ${item.seq} needs a mark`);
    if (mark > item.points) throw invalidField("marks", `question ${item.seq} is worth at most ${item.points}`);
  }
  const extra = body.marks.filter((mark) => !pending.some((item) => item.seq === mark.seq));
  if (extra.length > 0) throw invalidField("marks", `question ${extra[0]!.seq} is not waiting for a mark`);
  const exam = (await repo.findExam(ctx.db, attempt.examId))!.row;
  const score = (attempt.autoScore ?? 0) + pending.reduce((sum, item) => sum + marks.get(item.seq)!, 0);
  const now = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    for (const item of pending) await repo.scoreItem(tx, item.id, marks.get(item.seq)!, { by: actor.userId, at: now });
    if (!(await repo.scoreAttempt(tx, id, body.version, { score, passed: score >= exam.passMark }))) throw versionConflict();
    audit({ action: "training.attempt_grade", entity: "exam_attempt", entityId: id, cityId: attempt.cityId, after: { score } });
  });
  return attemptResult(ctx, id);
}

/** The candidate's own exams, with where each stands. */
export async function myExams(ctx: RequestContext) {
  const { personId } = await attendeePerson(ctx);
  const rows = await repo.examsOfPerson(ctx.db, personId);
  return {
    items: rows.map(({ exam, attempt }) => ({
      examId: exam.id,
      title: exam.title,
      opensAt: iso(exam.opensAt),
      closesAt: iso(exam.closesAt),
      timeLimitMinutes: exam.timeLimitMinutes,
      passMark: exam.passMark,
      attemptId: attempt?.id ?? null,
      status: (attempt?.status ?? "not_started") as Status | "not_started",
      score: attempt?.score ?? null,
      passed: attempt?.passed ?? null,
    })),
  };
}

// --- results

type ResultView = Awaited<ReturnType<typeof repo.listResults>>["rows"][number];
const presentResult = ({ candidate, attempt, node }: ResultView) => ({
  candidateId: candidate.id,
  personId: candidate.personId,
  personName: candidate.personName,
  nodeId: candidate.nodeId,
  nodeName: node?.name ?? "",
  level: candidate.level as CadreLevel,
  attemptId: attempt?.id ?? null,
  status: (attempt?.status ?? "not_started") as Status | "not_started",
  score: attempt?.score ?? null,
  passed: attempt?.passed ?? null,
});

export async function examResults(ctx: RequestContext, id: number, query: z.infer<typeof ResultQuery>) {
  const { node } = await examFor(ctx, id, false);
  const { rows, total } = await repo.listResults(ctx.db, { examId: id, scope: { all: false, paths: [node.path] }, q: query.q, status: query.status }, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(presentResult), total, page: query.page, pageSize: query.pageSize };
}

/** Every result of a subtree across exams: the drill behind the pass-rate figures. */
export async function allResults(ctx: RequestContext, query: z.infer<typeof ResultQuery> & { org?: number; level?: CadreLevel; from?: string; to?: string }) {
  const scope = await scopeFor(ctx, query.org);
  const submitted = { from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
  const { rows, total } = await repo.listResults(ctx.db, { scope, q: query.q, status: query.status, level: query.level, submitted }, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map((row) => ({ ...presentResult(row), examId: row.candidate.examId, examTitle: row.examTitle })), total, page: query.page, pageSize: query.pageSize };
}

export async function resultGroups(ctx: RequestContext, id: number) {
  const { node } = await examFor(ctx, id, false);
  const { rows } = await repo.listResults(ctx.db, { examId: id, scope: { all: false, paths: [node.path] } }, 0, 100_000);
  const group = (keyOf: (row: ResultView) => [string, string]) => {
    const groups = new Map<string, { key: string; label: string; candidates: number; scored: number; passed: number; total: number }>();
    for (const row of rows) {
      const [key, label] = keyOf(row);
      const entry = groups.get(key) ?? { key, label, candidates: 0, scored: 0, passed: 0, total: 0 };
      entry.candidates++;
      if (row.attempt?.status === "scored") {
        entry.scored++;
        entry.total += row.attempt.score ?? 0;
        if (row.attempt.passed) entry.passed++;
      }
      groups.set(key, entry);
    }
    return [...groups.values()].map(({ total, ...entry }) => ({ ...entry, averageScore: entry.scored > 0 ? Math.round((10 * total) / entry.scored) / 10 : null }));
  };
  const topics = await repo.marksByTopic(ctx.db, id);
  return {
    byNode: group((row) => [String(row.candidate.nodeId), row.node?.name ?? ""]),
    byLevel: group((row) => [row.candidate.level, row.candidate.level]),
    // By topic: the share of the topic's marks earned, in percent, over scored papers.
    byTopic: topics.map((topic) => ({
      key: topic.topic,
      label: topic.topic,
      candidates: topic.attempts,
      scored: topic.attempts,
      passed: 0,
      averageScore: topic.possible > 0 ? Math.round((1000 * topic.earned) / topic.possible) / 10 : null,
    })),
  };
}

export async function resultRowsForExport(ctx: RequestContext, id: number) {
  const { view, node } = await examFor(ctx, id, false);
  const { rows } = await repo.listResults(ctx.db, { examId: id, scope: { all: false, paths: [node.path] } }, 0, 100_000);
  return { title: view.row.title, passMark: view.row.passMark, rows: rows.map(presentResult) };
}

export async function examFigures(db: Database, node: NodeRef): Promise<SourceFigures> {
  const rows = await repo.passByLevel(db, { all: false, paths: [node.path] });
  const parts = (level: CadreLevel) => {
    const row = rows.find((candidate) => candidate.level === level);
    return { part: row?.passed ?? 0, whole: row?.scored ?? 0 };
  };
  return {
    "training.passRate.city": parts("city"),
    "training.passRate.township": parts("township"),
    "training.passRate.village": parts("village"),
  };
}

/** A person's exam scores, for other modules (the cadre reserve's profile). */
export function examScoresOf(db: Database, personId: number) {
  return repo.scoresOfPerson(db, personId);
}
