import { z } from "zod";
import { pageOf } from "../../../shared/schemas/common";
import {
  Attempt,
  AttemptResult,
  AttendanceList,
  BankImportPreview,
  BankImportResult,
  BankQuestion,
  CheckInCode,
  Classroom,
  CreateSessionBody,
  TrainingForm,
  Exam,
  MyExam,
  MySession,
  Plan,
  ResultGroups,
  ResultRow,
  SessionDetail,
  TrainingSession,
  type QuestionBody,
} from "../../../shared/schemas/training";
import { Cadre, CadreMove, CadreProfile, CreateGraduateBody, CreateMoveBody, EnterCadreBody, GraduatePlace, GraduateStatusBody } from "../../../shared/schemas/cadres";
import { CreateClassroomBody, CreateExamBody, CreateFormBody, CreatePlanBody, CreateTeacherBody, RosterBody, Teacher } from "../../../shared/schemas/training";
import { request, type Query } from "./client";

export type SessionData = z.output<typeof TrainingSession>;
export type SessionDetailData = z.output<typeof SessionDetail>;
export type PlanData = z.output<typeof Plan>;
export type ClassroomData = z.output<typeof Classroom>;
export type TeacherData = z.output<typeof Teacher>;
export type ExamData = z.output<typeof Exam>;
export type MyExamData = z.output<typeof MyExam>;
export type MySessionData = z.output<typeof MySession>;
export type AttemptData = z.output<typeof Attempt>;
export type AttemptResultData = z.output<typeof AttemptResult>;
export type ResultRowData = z.output<typeof ResultRow>;
export type BankQuestionData = z.output<typeof BankQuestion>;
export type BankPreviewData = z.output<typeof BankImportPreview>;
export type CadreData = z.output<typeof Cadre>;
export type CadreProfileData = z.output<typeof CadreProfile>;
export type GraduateData = z.output<typeof GraduatePlace>;
export type MoveData = z.output<typeof CadreMove>;

const PersonTime = z.object({ sessionId: z.number(), personId: z.number(), personName: z.string(), nodeId: z.number(), method: z.enum(["qr", "roster"]), at: z.string() });
export type PersonTimeData = z.output<typeof PersonTime>;
const CrossResult = ResultRow.extend({ examId: z.number(), examTitle: z.string() });
export type CrossResultData = z.output<typeof CrossResult>;
const Saved = z.object({ seq: z.number(), savedAt: z.string(), secondsLeft: z.number() });
const Ok = z.unknown();
const file = (nodeId: number, fileName: string, contentBase64: string) => ({ nodeId, fileName, contentBase64 });

export const trainingApi = {
  classrooms: (query: Query, signal?: AbortSignal) => request("GET", "/training/classrooms", { schema: pageOf(Classroom), query, signal }),
  teachers: (query: Query, signal?: AbortSignal) => request("GET", "/training/teachers", { schema: pageOf(Teacher), query, signal }),
  forms: (signal?: AbortSignal) => request("GET", "/training/forms", { schema: z.object({ items: z.array(TrainingForm) }), signal }),
  createSession: (body: z.input<typeof CreateSessionBody>) => request("POST", "/training/sessions", { schema: SessionDetail, body }),
  createClassroom: (body: z.input<typeof CreateClassroomBody>) => request("POST", "/training/classrooms", { schema: Classroom, body }),
  createTeacher: (body: z.input<typeof CreateTeacherBody>) => request("POST", "/training/teachers", { schema: Teacher, body }),
  createForm: (body: z.input<typeof CreateFormBody>) => request("POST", "/training/forms", { schema: TrainingForm, body }),
  createPlan: (body: z.input<typeof CreatePlanBody>) => request("POST", "/training/plans", { schema: Plan, body }),
  tickRoster: (id: number, body: z.input<typeof RosterBody>) => request("POST", `/training/sessions/${id}/roster`, { schema: AttendanceList, body }),
  plans: (query: Query, signal?: AbortSignal) => request("GET", "/training/plans", { schema: pageOf(Plan), query, signal }),
  sessions: (query: Query, signal?: AbortSignal) => request("GET", "/training/sessions", { schema: pageOf(TrainingSession), query, signal }),
  session: (id: number, signal?: AbortSignal) => request("GET", `/training/sessions/${id}`, { schema: SessionDetail, signal }),
  checkInCode: (id: number, signal?: AbortSignal) => request("GET", `/training/sessions/${id}/check-in-code`, { schema: CheckInCode, signal }),
  attendance: (id: number, signal?: AbortSignal) => request("GET", `/training/sessions/${id}/attendance`, { schema: AttendanceList, signal }),
  checkIn: (id: number, code: string) => request("POST", `/training/sessions/${id}/check-in`, { schema: Ok, body: { code } }),
  leave: (id: number, reason: string) => request("POST", `/training/sessions/${id}/leaves`, { schema: Ok, body: { reason } }),
  decideLeave: (id: number, approve: boolean, version: number) => request("POST", `/training/leaves/${id}/decide`, { schema: Ok, body: { approve, version } }),
  mySessions: (signal?: AbortSignal) => request("GET", "/training/my-sessions", { schema: z.object({ items: z.array(MySession) }), signal }),
  personTimes: (query: Query, signal?: AbortSignal) => request("GET", "/training/person-times", { schema: pageOf(PersonTime), query, signal }),
  questions: (query: Query, signal?: AbortSignal) => request("GET", "/exam-questions", { schema: pageOf(BankQuestion), query, signal }),
  createQuestion: (body: z.input<typeof QuestionBody>) => request("POST", "/exam-questions", { schema: BankQuestion, body }),
  previewImport: (nodeId: number, fileName: string, contentBase64: string) => request("POST", "/exam-questions/import/preview", { schema: BankImportPreview, body: file(nodeId, fileName, contentBase64) }),
  commitImport: (nodeId: number, fileName: string, contentBase64: string) => request("POST", "/exam-questions/import", { schema: BankImportResult, body: file(nodeId, fileName, contentBase64) }),
  exams: (query: Query, signal?: AbortSignal) => request("GET", "/exams", { schema: pageOf(Exam), query, signal }),
  createExam: (body: z.input<typeof CreateExamBody>) => request("POST", "/exams", { schema: Exam, body }),
  exam: (id: number, signal?: AbortSignal) => request("GET", `/exams/${id}`, { schema: Exam, signal }),
  examResults: (id: number, query: Query, signal?: AbortSignal) => request("GET", `/exams/${id}/results`, { schema: pageOf(ResultRow), query, signal }),
  resultGroups: (id: number, signal?: AbortSignal) => request("GET", `/exams/${id}/results/groups`, { schema: ResultGroups, signal }),
  results: (query: Query, signal?: AbortSignal) => request("GET", "/exam-results", { schema: pageOf(CrossResult), query, signal }),
  myExams: (signal?: AbortSignal) => request("GET", "/my/exams", { schema: z.object({ items: z.array(MyExam) }), signal }),
  start: (examId: number) => request("POST", `/exams/${examId}/attempt`, { schema: Attempt }),
  attempt: (id: number, signal?: AbortSignal) => request("GET", `/exam-attempts/${id}`, { schema: Attempt, signal }),
  answer: (id: number, seq: number, answer: string[]) => request("PUT", `/exam-attempts/${id}/answers/${seq}`, { schema: Saved, body: { answer } }),
  submit: (id: number) => request("POST", `/exam-attempts/${id}/submit`, { schema: AttemptResult }),
  result: (id: number, signal?: AbortSignal) => request("GET", `/exam-attempts/${id}/result`, { schema: AttemptResult, signal }),
  grade: (id: number, version: number, marks: { seq: number; score: number }[]) => request("POST", `/exam-attempts/${id}/grade`, { schema: AttemptResult, body: { version, marks } }),
  makeup: (examId: number, version: number, opensAt: string, closesAt: string) => request("POST", `/exams/${examId}/makeup`, { schema: Exam, body: { version, opensAt, closesAt } }),
};

export const cadresApi = {
  list: (query: Query, signal?: AbortSignal) => request("GET", "/cadres", { schema: pageOf(Cadre), query, signal }),
  get: (id: number, signal?: AbortSignal) => request("GET", `/cadres/${id}`, { schema: CadreProfile, signal }),
  update: (id: number, body: { version: number; developmentPlan?: string; strengths?: string }) => request("PATCH", `/cadres/${id}`, { schema: CadreProfile, body }),
  exit: (id: number, body: { version: number; exitedOn: string; exitReason: string }) => request("POST", `/cadres/${id}/exit`, { schema: CadreProfile, body }),
  moves: (query: Query, signal?: AbortSignal) => request("GET", "/cadres/moves", { schema: pageOf(CadreMove), query, signal }),
  graduates: (query: Query, signal?: AbortSignal) => request("GET", "/cadres/graduates", { schema: pageOf(GraduatePlace), query, signal }),
  enter: (body: z.input<typeof EnterCadreBody>) => request("POST", "/cadres", { schema: CadreProfile, body }),
  createMove: (body: z.input<typeof CreateMoveBody>) => request("POST", "/cadres/moves", { schema: CadreMove, body }),
  createGraduate: (body: z.input<typeof CreateGraduateBody>) => request("POST", "/cadres/graduates", { schema: GraduatePlace, body }),
  graduateStatus: (id: number, body: z.input<typeof GraduateStatusBody>) => request("POST", `/cadres/graduates/${id}/status`, { schema: GraduatePlace, body }),
};
