import type { FastifyInstance } from "fastify";
import { XLSX_MIME } from "../../platform/xlsx";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import ExcelJS from "exceljs";
import { z } from "zod";
import { Id, IdParams, Ok, PageQuery, Version, pageOf } from "../../../shared/schemas/common";
import {
  AnswerBody,
  Attempt,
  AttemptResult,
  AttendanceList,
  BankImportBody,
  BankImportPreview,
  BankImportResult,
  BankQuestion,
  CadreLevel,
  CheckInBody,
  CheckInCode,
  Classroom,
  CreateClassroomBody,
  CreateExamBody,
  CreateFormBody,
  CreatePlanBody,
  CreateSessionBody,
  CreateTeacherBody,
  DecideLeaveBody,
  Exam,
  ExamQuery,
  GradeBody,
  Leave,
  LeaveBody,
  MakeupBody,
  MyExam,
  MySession,
  Plan,
  PlanQuery,
  ClassroomQuery,
  QuestionBody,
  QuestionQuery,
  ResultGroups,
  ResultQuery,
  SubmittedRange,
  ResultRow,
  RosterBody,
  SessionDetail,
  SessionQuery,
  Teacher,
  TeacherQuery,
  TrainingForm,
  TrainingSession,
  UpdateQuestionBody,
  levelLabels,
} from "../../../shared/schemas/training";
import * as bank from "./bank";
import * as exams from "./exams";
import * as sessions from "./sessions";

/** Files travel as base64 in JSON: 10 MB of file is about 13.4 MB of text. */
const FILE_BODY_LIMIT = 15 * 1024 * 1024;
const SeqParams = z.strictObject({ id: Id, seq: z.coerce.number().int().min(1).max(500) });
const statusLabels = { not_started: "未开始", in_progress: "答题中", grading: "待阅卷", scored: "已评分" } as const;

export async function trainingRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["training"];
  const created = <T>(reply: { status(code: number): unknown }, value: T) => {
    reply.status(201);
    return value;
  };

  // --- classrooms, teachers, forms, plans
  api.get("/api/training/classrooms", { schema: { tags, querystring: ClassroomQuery, response: { 200: pageOf(Classroom) } } }, async (request) => sessions.listClassrooms(request.ctx, request.query));
  api.post("/api/training/classrooms", { schema: { tags, body: CreateClassroomBody, response: { 201: Classroom } } }, async (request, reply) =>
    created(reply, await sessions.createClassroom(request.ctx, request.body)),
  );
  api.get("/api/training/teachers", { schema: { tags, querystring: TeacherQuery, response: { 200: pageOf(Teacher) } } }, async (request) => sessions.listTeachers(request.ctx, request.query));
  api.post("/api/training/teachers", { schema: { tags, body: CreateTeacherBody, response: { 201: Teacher } } }, async (request, reply) =>
    created(reply, await sessions.createTeacher(request.ctx, request.body)),
  );
  api.get("/api/training/forms", { schema: { tags, response: { 200: z.object({ items: z.array(TrainingForm) }) } } }, async (request) => sessions.listForms(request.ctx));
  api.post("/api/training/forms", { schema: { tags, body: CreateFormBody, response: { 201: TrainingForm } } }, async (request, reply) =>
    created(reply, await sessions.createForm(request.ctx, request.body)),
  );
  api.get("/api/training/plans", { schema: { tags, querystring: PlanQuery, response: { 200: pageOf(Plan) } } }, async (request) => sessions.listPlans(request.ctx, request.query));
  api.post("/api/training/plans", { schema: { tags, body: CreatePlanBody, response: { 201: Plan } } }, async (request, reply) => created(reply, await sessions.createPlan(request.ctx, request.body)));

  // --- sessions, attendance, leave
  api.get("/api/training/sessions", { schema: { tags, querystring: SessionQuery, response: { 200: pageOf(TrainingSession) } } }, async (request) => sessions.listSessions(request.ctx, request.query));
  api.post("/api/training/sessions", { schema: { tags, body: CreateSessionBody, response: { 201: SessionDetail } } }, async (request, reply) =>
    created(reply, await sessions.createSession(request.ctx, request.body)),
  );
  api.get("/api/training/sessions/:id", { schema: { tags, params: IdParams, response: { 200: SessionDetail } } }, async (request) => sessions.getSession(request.ctx, request.params.id));
  api.get("/api/training/sessions/:id/check-in-code", { schema: { tags, params: IdParams, response: { 200: CheckInCode } } }, async (request) =>
    sessions.checkInCode(request.ctx, request.params.id, `${request.protocol}://${request.host}`),
  );
  api.post("/api/training/sessions/:id/check-in", { schema: { tags, params: IdParams, body: CheckInBody, response: { 200: z.object({ sessionId: z.number(), at: z.string() }) } } }, async (request) =>
    sessions.checkIn(request.ctx, request.params.id, request.body),
  );
  api.get("/api/training/sessions/:id/attendance", { schema: { tags, params: IdParams, response: { 200: AttendanceList } } }, async (request) => sessions.listAttendanceOf(request.ctx, request.params.id));
  api.post("/api/training/sessions/:id/roster", { schema: { tags, params: IdParams, body: RosterBody, response: { 200: AttendanceList } } }, async (request) =>
    sessions.tickRoster(request.ctx, request.params.id, request.body),
  );
  api.post("/api/training/sessions/:id/leaves", { schema: { tags, params: IdParams, body: LeaveBody, response: { 201: Leave } } }, async (request, reply) =>
    created(reply, await sessions.requestLeave(request.ctx, request.params.id, request.body)),
  );
  api.post("/api/training/leaves/:id/decide", { schema: { tags, params: IdParams, body: DecideLeaveBody, response: { 200: Leave } } }, async (request) =>
    sessions.decideLeave(request.ctx, request.params.id, request.body),
  );
  api.get("/api/training/my-sessions", { schema: { tags, response: { 200: z.object({ items: z.array(MySession) }) } } }, async (request) => sessions.mySessions(request.ctx));
  api.get(
    "/api/training/person-times",
    {
      schema: {
        tags,
        querystring: PageQuery.extend({ org: Id.optional(), ...SubmittedRange.shape }),
        response: { 200: pageOf(z.object({ sessionId: z.number(), personId: z.number(), personName: z.string(), nodeId: z.number(), method: z.enum(["qr", "roster"]), at: z.string() })) },
      },
    },
    async (request) => sessions.listPersonTimes(request.ctx, request.query),
  );

  // --- the question bank
  api.get("/api/exam-questions", { schema: { tags, querystring: QuestionQuery, response: { 200: pageOf(BankQuestion) } } }, async (request) => bank.listQuestions(request.ctx, request.query));
  api.post("/api/exam-questions", { schema: { tags, body: QuestionBody, response: { 201: BankQuestion } } }, async (request, reply) => created(reply, await bank.createQuestion(request.ctx, request.body)));
  api.patch("/api/exam-questions/:id", { schema: { tags, params: IdParams, body: UpdateQuestionBody, response: { 200: BankQuestion } } }, async (request) =>
    bank.updateQuestion(request.ctx, request.params.id, request.body),
  );
  api.delete("/api/exam-questions/:id", { schema: { tags, params: IdParams, body: z.strictObject({ version: Version }), response: { 200: Ok } } }, async (request) =>
    bank.retireQuestion(request.ctx, request.params.id, request.body.version),
  );
  api.post("/api/exam-questions/import/preview", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, body: BankImportBody, response: { 200: BankImportPreview } } }, async (request) =>
    bank.previewImport(request.ctx, request.body),
  );
  api.post("/api/exam-questions/import", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, body: BankImportBody, response: { 201: BankImportResult } } }, async (request, reply) =>
    created(reply, await bank.commitImport(request.ctx, request.body)),
  );

  // --- exams
  api.get("/api/exams", { schema: { tags, querystring: ExamQuery, response: { 200: pageOf(Exam) } } }, async (request) => exams.listExams(request.ctx, request.query));
  api.post("/api/exams", { schema: { tags, body: CreateExamBody, response: { 201: Exam } } }, async (request, reply) => created(reply, await exams.createExam(request.ctx, request.body)));
  api.get("/api/exams/:id", { schema: { tags, params: IdParams, response: { 200: Exam } } }, async (request) => exams.getExam(request.ctx, request.params.id));
  api.post("/api/exams/:id/makeup", { schema: { tags, params: IdParams, body: MakeupBody, response: { 201: Exam } } }, async (request, reply) =>
    created(reply, await exams.createMakeup(request.ctx, request.params.id, request.body)),
  );
  api.get("/api/exams/:id/results", { schema: { tags, params: IdParams, querystring: ResultQuery, response: { 200: pageOf(ResultRow) } } }, async (request) =>
    exams.examResults(request.ctx, request.params.id, request.query),
  );
  api.get("/api/exams/:id/results/groups", { schema: { tags, params: IdParams, response: { 200: ResultGroups } } }, async (request) => exams.resultGroups(request.ctx, request.params.id));
  api.get("/api/exams/:id/results/export", { schema: { tags, params: IdParams } }, async (request, reply) => {
    const { title, passMark, rows } = await exams.resultRowsForExport(request.ctx, request.params.id);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("成绩");
    sheet.columns = [
      { header: "姓名", key: "name", width: 12 },
      { header: "单位", key: "node", width: 20 },
      { header: "层级", key: "level", width: 10 },
      { header: "状态", key: "status", width: 10 },
      { header: "得分", key: "score", width: 8 },
      { header: `是否合格（${passMark}分）`, key: "passed", width: 14 },
    ];
    for (const row of rows) {
      sheet.addRow({ name: row.personName, node: row.nodeName, level: levelLabels[row.level], status: statusLabels[row.status], score: row.score ?? "", passed: row.passed === null ? "" : row.passed ? "合格" : "不合格" });
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    return reply
      .header("content-type", XLSX_MIME)
      .header("content-disposition", `attachment; filename="results.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}成绩.xlsx`)}`)
      .send(buffer);
  });
  api.get(
    "/api/exam-results",
    { schema: { tags, querystring: ResultQuery.extend({ org: Id.optional(), level: CadreLevel.optional(), ...SubmittedRange.shape }), response: { 200: pageOf(ResultRow.extend({ examId: z.number(), examTitle: z.string() })) } } },
    async (request) => exams.allResults(request.ctx, request.query),
  );

  // --- sitting an exam: the candidate's own
  api.get("/api/my/exams", { schema: { tags, response: { 200: z.object({ items: z.array(MyExam) }) } } }, async (request) => exams.myExams(request.ctx));
  api.post("/api/exams/:id/attempt", { schema: { tags, params: IdParams, response: { 200: Attempt } } }, async (request) => exams.startAttempt(request.ctx, request.params.id));
  api.get("/api/exam-attempts/:id", { schema: { tags, params: IdParams, response: { 200: Attempt } } }, async (request) => exams.getAttempt(request.ctx, request.params.id));
  api.put("/api/exam-attempts/:id/answers/:seq", { schema: { tags, params: SeqParams, body: AnswerBody, response: { 200: z.object({ seq: z.number(), savedAt: z.string(), secondsLeft: z.number() }) } } }, async (request) =>
    exams.saveAnswer(request.ctx, request.params.id, request.params.seq, request.body),
  );
  api.post("/api/exam-attempts/:id/submit", { schema: { tags, params: IdParams, response: { 200: AttemptResult } } }, async (request) => exams.submitAttempt(request.ctx, request.params.id));
  api.get("/api/exam-attempts/:id/result", { schema: { tags, params: IdParams, response: { 200: AttemptResult } } }, async (request) => exams.attemptResult(request.ctx, request.params.id));
  api.post("/api/exam-attempts/:id/grade", { schema: { tags, params: IdParams, body: GradeBody, response: { 200: AttemptResult } } }, async (request) =>
    exams.gradeAttempt(request.ctx, request.params.id, request.body),
  );
}
