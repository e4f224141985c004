import { educations, graduateStatuses, moveKinds } from "../../../../shared/schemas/cadres";
import { teacherLevels, trainingTopics } from "../../../../shared/schemas/training";
import type { FieldSpec } from "../../components/RecordForm";
import type { I18n, MessageKey } from "../../i18n";

/** The fields of each new training or reserve record, as shared/schemas/training.ts and cadres.ts name and bound them. */
const options = (values: readonly string[], label: (value: string) => string) => values.map((value) => ({ value, label: label(value) }));
const t = (i18n: I18n, key: string) => i18n.t(key as MessageKey);

export const classroomFields = (i18n: I18n): FieldSpec[] => [
  { name: "nodeId", label: "training.field.node", kind: "node", kinds: ["city", "township", "street"] },
  { name: "kind", label: "training.field.classroomKind", kind: "choice", options: options(["main", "branch"], (value) => t(i18n, `training.classroomKind.${value}`)) },
  { name: "name", label: "training.classroom", kind: "text", max: 100 },
  { name: "address", label: "training.place", kind: "text", required: false, max: 200 },
];

export const teacherFields = (i18n: I18n): FieldSpec[] => [
  { name: "nodeId", label: "training.field.node", kind: "node", kinds: ["city", "township", "street"] },
  { name: "name", label: "training.person", kind: "text", max: 50 },
  { name: "level", label: "training.field.teacherLevel", kind: "choice", options: options(teacherLevels, (value) => t(i18n, `training.teacherLevel.${value}`)) },
  { name: "unit", label: "training.field.unit", kind: "text", max: 100 },
  { name: "topics", label: "training.topic", kind: "choices", options: options(trainingTopics, (value) => t(i18n, `training.topic.${value}`)) },
];

export const planFields: FieldSpec[] = [
  { name: "nodeId", label: "training.field.node", kind: "node", kinds: ["city", "township", "street"] },
  { name: "year", label: "cadres.year", kind: "int", min: 2000, max: 2100 },
  { name: "title", label: "training.title", kind: "text", max: 100 },
];

export const formFields: FieldSpec[] = [{ name: "name", label: "training.form", kind: "text", max: 30 }];

export const rosterFields: FieldSpec[] = [{ name: "personIds", label: "training.field.roster", kind: "people" }];

export const cadreFields: FieldSpec[] = [
  { name: "personId", label: "cadres.name", kind: "person" },
  { name: "birthDate", label: "cadres.birthDate", kind: "date" },
  { name: "education", label: "cadres.education", kind: "choice", options: educations.map((value) => ({ value, label: value })) },
  { name: "currentPost", label: "cadres.post", kind: "text", max: 100 },
  { name: "strengths", label: "cadres.strengths", kind: "textarea", required: false, max: 500 },
  { name: "tutorPersonId", label: "cadres.tutor", kind: "person", required: false },
  { name: "enteredOn", label: "cadres.entered", kind: "date" },
  { name: "entryReason", label: "cadres.entryReason", kind: "textarea", max: 500 },
];

export const moveFields = (i18n: I18n): FieldSpec[] => [
  { name: "personId", label: "cadres.name", kind: "person" },
  { name: "kind", label: "cadres.moveKind", kind: "choice", options: options(moveKinds, (value) => t(i18n, `cadres.move.${value}`)) },
  { name: "fromPost", label: "cadres.from", kind: "text", max: 100 },
  { name: "toPost", label: "cadres.to", kind: "text", max: 100 },
  { name: "movedOn", label: "cadres.movedOn", kind: "date" },
  { name: "note", label: "cadres.note", kind: "textarea", required: false, max: 500 },
];

export const graduateFields: FieldSpec[] = [
  { name: "nodeId", label: "cadres.node", kind: "village" },
  { name: "year", label: "cadres.year", kind: "int", min: 2000, max: 2100 },
  { name: "post", label: "cadres.graduatePost", kind: "text", max: 100 },
  { name: "note", label: "cadres.note", kind: "textarea", required: false, max: 500 },
];

export const graduateStatusFields = (i18n: I18n): FieldSpec[] => [
  { name: "status", label: "training.status", kind: "choice", options: options(graduateStatuses, (value) => t(i18n, `cadres.graduate.${value}`)) },
  { name: "candidateName", label: "cadres.candidate", kind: "text", required: false, max: 50 },
  { name: "note", label: "cadres.note", kind: "textarea", required: false, max: 500 },
];
