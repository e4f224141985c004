import { z } from "zod";
import { IsoDate } from "./calendar";
import { Id, PageQuery, Version, optionalText, text } from "./common";
import { TrainingTopic } from "./training";

export const educations = ["研究生", "本科", "大专", "中专", "高中及以下"] as const;
export const Education = z.enum(educations);
export const moveKinds = ["rotation", "seconded_return"] as const;
export const MoveKind = z.enum(moveKinds);
export const moveKindLabels: Record<z.infer<typeof MoveKind>, string> = { rotation: "轮岗", seconded_return: "借调人员回原岗" };
/** A graduate place through recruitment: planned → posted → applied → hired (or withdrawn). */
export const graduateStatuses = ["planned", "posted", "applied", "hired", "withdrawn"] as const;
export const GraduateStatus = z.enum(graduateStatuses);
export const graduateStatusLabels: Record<z.infer<typeof GraduateStatus>, string> = { planned: "计划", posted: "已发布", applied: "已报名", hired: "已录用", withdrawn: "已撤销" };
export const Assessment = z.strictObject({ year: z.number().int().min(2000).max(2100), grade: z.enum(["优秀", "称职", "基本称职", "不称职"]) });

export const CadreQuery = PageQuery.extend({
  org: Id.optional(),
  q: optionalText(50).optional(),
  education: Education.optional(),
  status: z.enum(["active", "exited"]).default("active"),
  ageMin: z.coerce.number().int().min(16).max(80).optional(),
  ageMax: z.coerce.number().int().min(16).max(80).optional(),
});
export const Cadre = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  nodeId: z.number(),
  nodeName: z.string(),
  age: z.number(),
  education: Education,
  currentPost: z.string(),
  strengths: z.string(),
  enteredOn: z.string(),
  exitedOn: z.string().nullable(),
  version: z.number(),
});
export const CadreProfile = Cadre.extend({
  birthDate: z.string(),
  assessments: z.array(Assessment),
  developmentPlan: z.string(),
  tutorPersonId: z.number().nullable(),
  tutorName: z.string().nullable(),
  entryReason: z.string(),
  exitReason: z.string().nullable(),
  training: z.array(z.object({ sessionId: z.number(), title: z.string(), topic: TrainingTopic, startsAt: z.string() })),
  exams: z.array(z.object({ examId: z.number(), title: z.string(), score: z.number().nullable(), passed: z.boolean().nullable() })),
  moves: z.array(z.object({ id: z.number(), kind: MoveKind, fromPost: z.string(), toPost: z.string(), movedOn: z.string() })),
});
export const EnterCadreBody = z.strictObject({
  personId: Id,
  birthDate: IsoDate,
  education: Education,
  currentPost: text(100),
  strengths: optionalText(500).default(""),
  assessments: z.array(Assessment).max(10).default([]),
  developmentPlan: optionalText(2000).default(""),
  tutorPersonId: Id.nullable().default(null),
  enteredOn: IsoDate,
  entryReason: text(500),
});
export const UpdateCadreBody = z.strictObject({
  version: Version,
  education: Education.optional(),
  currentPost: text(100).optional(),
  strengths: optionalText(500).optional(),
  assessments: z.array(Assessment).max(10).optional(),
  developmentPlan: optionalText(2000).optional(),
  tutorPersonId: Id.nullable().optional(),
});
export const ExitCadreBody = z.strictObject({ version: Version, exitedOn: IsoDate, exitReason: text(500) });

export const MoveQuery = PageQuery.extend({ org: Id.optional(), kind: MoveKind.optional() });
export const CadreMove = z.object({ id: z.number(), personId: z.number(), personName: z.string(), nodeId: z.number(), nodeName: z.string(), kind: MoveKind, fromPost: z.string(), toPost: z.string(), movedOn: z.string(), note: z.string() });
export const CreateMoveBody = z.strictObject({ personId: Id, kind: MoveKind, fromPost: text(100), toPost: text(100), movedOn: IsoDate, note: optionalText(500).default("") });

export const GraduateQuery = PageQuery.extend({ org: Id.optional(), status: GraduateStatus.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const GraduatePlace = z.object({ id: z.number(), nodeId: z.number(), nodeName: z.string(), year: z.number(), post: z.string(), status: GraduateStatus, candidateName: z.string().nullable(), note: z.string(), version: z.number() });
export const CreateGraduateBody = z.strictObject({ nodeId: Id, year: z.number().int().min(2000).max(2100), post: text(100), note: optionalText(500).default("") });
export const GraduateStatusBody = z.strictObject({ version: Version, status: GraduateStatus, candidateName: optionalText(50).optional(), note: optionalText(500).optional() });
