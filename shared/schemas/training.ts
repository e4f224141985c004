import { z } from "zod";
import { Id, ImportRowError, PageQuery, Version, optionalText, text } from "./common";

// --- vocabularies, with the labels offices use (the bank import reads these labels too)
export const trainingTopics = ["party_building", "law_enforcement", "petitions", "rural_revitalisation", "governance"] as const;
export const TrainingTopic = z.enum(trainingTopics);
export type TrainingTopic = z.infer<typeof TrainingTopic>;
export const topicLabels: Record<TrainingTopic, string> = {
  party_building: "党的建设",
  law_enforcement: "执法规范",
  petitions: "信访维稳",
  rural_revitalisation: "乡村振兴",
  governance: "基层治理",
};

/** 三级: the levels of cadres trained; a person's level follows the kind of the node they sit at. */
export const cadreLevels = ["city", "township", "village"] as const;
export const CadreLevel = z.enum(cadreLevels);
export type CadreLevel = z.infer<typeof CadreLevel>;
export const levelLabels: Record<CadreLevel, string> = { city: "市级", township: "乡镇级", village: "村级" };

/** 四级师资. */
export const teacherLevels = ["province", "city", "county", "township"] as const;
export const TeacherLevel = z.enum(teacherLevels);
export const teacherLevelLabels: Record<z.infer<typeof TeacherLevel>, string> = { province: "省级", city: "市级", county: "县级", township: "乡镇级" };

export const ClassroomKind = z.enum(["main", "branch"]);
export const questionTypes = ["single", "multiple", "judge", "short"] as const;
export const QuestionType = z.enum(questionTypes);
export type QuestionType = z.infer<typeof QuestionType>;
export const questionTypeLabels: Record<QuestionType, string> = { single: "单选题", multiple: "多选题", judge: "判断题", short: "简答题" };
export const difficulties = ["easy", "medium", "hard"] as const;
export const Difficulty = z.enum(difficulties);
export type Difficulty = z.infer<typeof Difficulty>;
export const difficultyLabels: Record<Difficulty, string> = { easy: "容易", medium: "中等", hard: "困难" };

const Instant = z.iso.datetime({ offset: true });
const Base64 = z
  .string()
  .max(14_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "the file's bytes in base64");

// --- classrooms, teachers, forms, plans
export const Classroom = z.object({ id: z.number(), nodeId: z.number(), nodeName: z.string(), kind: ClassroomKind, name: z.string(), address: z.string(), version: z.number() });
export const ClassroomQuery = PageQuery.extend({ org: Id.optional(), kind: ClassroomKind.optional(), q: optionalText(50).optional() });
export const CreateClassroomBody = z.strictObject({ nodeId: Id, kind: ClassroomKind, name: text(100), address: optionalText(200).default("") });
export const Teacher = z.object({ id: z.number(), nodeId: z.number(), name: z.string(), level: TeacherLevel, unit: z.string(), topics: z.array(TrainingTopic), version: z.number() });
export const CreateTeacherBody = z.strictObject({ nodeId: Id, name: text(50), level: TeacherLevel, unit: text(100), topics: z.array(TrainingTopic).min(1).max(5) });
export const TeacherQuery = PageQuery.extend({ org: Id.optional(), level: TeacherLevel.optional(), q: optionalText(50).optional() });
export const TrainingForm = z.object({ id: z.number(), name: z.string(), seq: z.number() });
export const CreateFormBody = z.strictObject({ name: text(30) });
export const Plan = z.object({ id: z.number(), nodeId: z.number(), nodeName: z.string(), year: z.number(), title: z.string(), sessions: z.number(), version: z.number() });
export const CreatePlanBody = z.strictObject({ nodeId: Id, year: z.number().int().min(2000).max(2100), title: text(100) });
export const PlanQuery = PageQuery.extend({ org: Id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), q: optionalText(50).optional() });

// --- sessions
export const SessionQuery = PageQuery.extend({
  org: Id.optional(),
  plan: Id.optional(),
  topic: TrainingTopic.optional(),
  form: Id.optional(),
  q: optionalText(50).optional(),
});
export const CreateSessionBody = z
  .strictObject({
    planId: Id,
    classroomId: Id,
    formId: Id,
    topic: TrainingTopic,
    title: text(100),
    teacherIds: z.array(Id).max(10).default([]),
    audienceLevels: z.array(CadreLevel).min(1).max(3),
    audienceNodeIds: z.array(Id).min(1).max(50),
    startsAt: Instant,
    endsAt: Instant,
    place: text(100),
  })
  .refine((body) => new Date(body.endsAt) > new Date(body.startsAt), { message: "must be after startsAt", path: ["endsAt"] });
export const TrainingSession = z.object({
  id: z.number(),
  nodeId: z.number(),
  nodeName: z.string(),
  planId: z.number(),
  classroomId: z.number(),
  classroomName: z.string(),
  formId: z.number(),
  formName: z.string(),
  topic: TrainingTopic,
  title: z.string(),
  teacherIds: z.array(z.number()),
  audienceLevels: z.array(CadreLevel),
  audienceNodeIds: z.array(z.number()),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  attended: z.number(),
  version: z.number(),
});
export const SessionDetail = TrainingSession.extend({
  teachers: z.array(z.object({ id: z.number(), name: z.string(), level: TeacherLevel })),
  leaves: z.array(z.object({ id: z.number(), personId: z.number(), personName: z.string(), reason: z.string(), status: z.string(), version: z.number() })),
  abilities: z.object({ manage: z.boolean(), attend: z.boolean() }),
});
export const Attendance = z.object({ personId: z.number(), personName: z.string(), nodeId: z.number(), method: z.enum(["qr", "roster"]), at: z.string() });
export const AttendanceList = z.object({ items: z.array(Attendance), total: z.number() });
export const CheckInCode = z.object({ code: z.string(), url: z.string(), qrSvg: z.string(), expiresAt: z.string() });
export const CheckInBody = z.strictObject({ code: z.string().min(1).max(200) });
export const RosterBody = z.strictObject({ personIds: z.array(Id).min(1).max(500) });
export const LeaveBody = z.strictObject({ reason: text(200) });
export const DecideLeaveBody = z.strictObject({ approve: z.boolean(), version: Version });
export const Leave = z.object({ id: z.number(), sessionId: z.number(), personId: z.number(), reason: z.string(), status: z.string(), version: z.number() });
export const MySession = TrainingSession.extend({ attendedAt: z.string().nullable(), leave: z.string().nullable() });

// --- the question bank
export const QuestionBody = z.strictObject({
  nodeId: Id,
  type: QuestionType,
  topic: TrainingTopic,
  difficulty: Difficulty,
  stem: text(1000),
  options: z.array(text(300)).max(8).default([]),
  answer: z.array(text(1000)).min(1).max(8),
});
export const UpdateQuestionBody = QuestionBody.omit({ nodeId: true }).extend({ version: Version });
/** A question as its managers see it, the key included: never sent to a candidate. */
export const BankQuestion = z.object({
  id: z.number(),
  nodeId: z.number(),
  type: QuestionType,
  topic: TrainingTopic,
  difficulty: Difficulty,
  stem: z.string(),
  options: z.array(z.string()),
  answer: z.array(z.string()),
  version: z.number(),
});
export const QuestionQuery = PageQuery.extend({ org: Id.optional(), topic: TrainingTopic.optional(), difficulty: Difficulty.optional(), type: QuestionType.optional(), q: optionalText(50).optional() });
export const BankImportBody = z.strictObject({ nodeId: Id, fileName: text(200), contentBase64: Base64 });
export const BankImportPreview = z.object({
  total: z.number(),
  valid: z.number(),
  invalid: z.array(ImportRowError),
  sample: z.array(z.object({ row: z.number(), type: QuestionType, topic: TrainingTopic, difficulty: Difficulty, stem: z.string() })),
});
export const BankImportResult = z.object({ imported: z.number() });

// --- exams
export const ExamRule = z.strictObject({ topic: TrainingTopic, difficulty: Difficulty, count: z.number().int().min(1).max(50), points: z.number().int().min(1).max(50) });
export const CreateExamBody = z
  .strictObject({
    nodeId: Id,
    title: text(100),
    rules: z.array(ExamRule).min(1).max(20),
    opensAt: Instant,
    closesAt: Instant,
    timeLimitMinutes: z.number().int().min(1).max(600),
    passMark: z.number().int().min(0).max(1000),
    candidatePersonIds: z.array(Id).min(1).max(5000),
  })
  .refine((body) => new Date(body.closesAt) > new Date(body.opensAt), { message: "must be after opensAt", path: ["closesAt"] });
export const MakeupBody = z
  .strictObject({ opensAt: Instant, closesAt: Instant, version: Version })
  .refine((body) => new Date(body.closesAt) > new Date(body.opensAt), { message: "must be after opensAt", path: ["closesAt"] });
export const Exam = z.object({
  id: z.number(),
  nodeId: z.number(),
  nodeName: z.string(),
  title: z.string(),
  rules: z.array(ExamRule),
  opensAt: z.string(),
  closesAt: z.string(),
  timeLimitMinutes: z.number(),
  passMark: z.number(),
  totalScore: z.number(),
  makeupOf: z.number().nullable(),
  candidates: z.number(),
  submitted: z.number(),
  version: z.number(),
});
export const ExamQuery = PageQuery.extend({ org: Id.optional(), q: optionalText(50).optional() });
/** A question as a candidate sees it while sitting: no key, no marks. */
export const PaperItem = z.object({
  seq: z.number(),
  type: QuestionType,
  topic: TrainingTopic,
  stem: z.string(),
  options: z.array(z.string()),
  score: z.number(),
  answer: z.array(z.string()).nullable(),
});
export const Attempt = z.object({
  id: z.number(),
  examId: z.number(),
  examTitle: z.string(),
  status: z.enum(["in_progress", "grading", "scored"]),
  startedAt: z.string(),
  deadlineAt: z.string(),
  submittedAt: z.string().nullable(),
  /** Seconds left by the server's clock, so a phone's wrong clock cannot stretch the limit. */
  secondsLeft: z.number(),
  items: z.array(PaperItem),
  version: z.number(),
});
export const AnswerBody = z.strictObject({ answer: z.array(text(2000)).max(8) });
/** After submission: each item with the key and the marks it earned. */
export const AttemptResult = z.object({
  id: z.number(),
  examId: z.number(),
  examTitle: z.string(),
  personId: z.number(),
  personName: z.string(),
  status: z.enum(["in_progress", "grading", "scored"]),
  score: z.number().nullable(),
  passMark: z.number(),
  passed: z.boolean().nullable(),
  submittedAt: z.string().nullable(),
  items: z.array(PaperItem.extend({ key: z.array(z.string()), earned: z.number().nullable(), needsGrading: z.boolean() })),
  version: z.number(),
});
export const GradeBody = z.strictObject({ version: Version, marks: z.array(z.strictObject({ seq: z.number().int().min(1), score: z.number().int().min(0).max(50) })).min(1).max(200) });
export const MyExam = z.object({
  examId: z.number(),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  timeLimitMinutes: z.number(),
  passMark: z.number(),
  attemptId: z.number().nullable(),
  status: z.enum(["not_started", "in_progress", "grading", "scored"]),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export const ResultQuery = PageQuery.extend({ q: optionalText(50).optional(), status: z.enum(["not_started", "in_progress", "grading", "scored", "passed", "failed"]).optional() });
/** Attempts submitted from `from` (inclusive) to `to` (exclusive): the evaluation's drill-down of a period's pass rate. */
export const SubmittedRange = z.strictObject({ from: Instant.optional(), to: Instant.optional() });
export const ResultRow = z.object({
  candidateId: z.number(),
  personId: z.number(),
  personName: z.string(),
  nodeId: z.number(),
  nodeName: z.string(),
  level: CadreLevel,
  attemptId: z.number().nullable(),
  status: z.enum(["not_started", "in_progress", "grading", "scored"]),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export const ResultGroup = z.object({ key: z.string(), label: z.string(), candidates: z.number(), scored: z.number(), passed: z.number(), averageScore: z.number().nullable() });
export const ResultGroups = z.object({ byNode: z.array(ResultGroup), byTopic: z.array(ResultGroup), byLevel: z.array(ResultGroup) });
export const PersonTraining = z.object({
  sessions: z.array(z.object({ sessionId: z.number(), title: z.string(), topic: TrainingTopic, startsAt: z.string() })),
  exams: z.array(z.object({ examId: z.number(), title: z.string(), score: z.number().nullable(), passed: z.boolean().nullable() })),
});
