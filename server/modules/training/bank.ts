import type { z } from "zod";
import {
  difficultyLabels,
  questionTypeLabels,
  topicLabels,
  type BankImportBody,
  type Difficulty,
  type QuestionBody,
  type QuestionQuery,
  type QuestionType,
  type TrainingTopic,
  type UpdateQuestionBody,
} from "../../../shared/schemas/training";
import type { RequestContext } from "../../platform/context";
import { AppError, invalidField, notFound, versionConflict } from "../../platform/errors";
import { requirePermission, scopeOf } from "../../platform/policy";
import { visibleNode } from "../../platform/tree";
import { auditOnly, write } from "../../platform/write";
import { cellText, readFirstSheet } from "../../platform/xlsx";
import * as repo from "./exam-repository";
import { manageAt } from "./policy";

const MAX_IMPORT_ROWS = 2000;
const OPTION_COLUMNS = ["A", "B", "C", "D", "E", "F"] as const;

/** A question the bank keeps: the key shaped as its type needs. */
interface Question {
  type: QuestionType;
  topic: TrainingTopic;
  difficulty: Difficulty;
  stem: string;
  options: string[];
  answer: string[];
}

/** What is wrong with a question, field by field; empty when it can go in the bank. */
function problemsOf(question: Question): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const letters = question.options.map((_, index) => String.fromCharCode(65 + index));
  if (question.type === "single" || question.type === "multiple") {
    if (question.options.length < 2) problems.push({ field: "options", message: "a choice question needs at least two options" });
    if (question.answer.some((letter) => !letters.includes(letter))) problems.push({ field: "answer", message: `letters among ${letters.join("") || "the options"}` });
    if (question.type === "single" && question.answer.length !== 1) problems.push({ field: "answer", message: "a single-choice question has one answer" });
    if (question.type === "multiple" && question.answer.length < 2) problems.push({ field: "answer", message: "a multiple-choice question has two answers or more" });
  } else {
    if (question.options.length > 0) problems.push({ field: "options", message: `a ${question.type === "judge" ? "true/false" : "short-answer"} question has no options` });
    if (question.type === "judge" && !(question.answer.length === 1 && ["true", "false"].includes(question.answer[0]!))) problems.push({ field: "answer", message: 'answer "true" or "false"' });
    if (question.type === "short" && question.answer.length !== 1) problems.push({ field: "answer", message: "one reference answer" });
  }
  return problems;
}

const present = (row: repo.QuestionRow) => ({
  id: row.id,
  nodeId: row.nodeId,
  type: row.type as QuestionType,
  topic: row.topic as TrainingTopic,
  difficulty: row.difficulty as Difficulty,
  stem: row.stem,
  options: row.options,
  answer: row.answer,
  version: row.version,
});

/** The bank with its keys: for those who manage it, never for candidates. */
export async function listQuestions(ctx: RequestContext, query: z.infer<typeof QuestionQuery>) {
  const actor = requirePermission(ctx, "training.manage");
  let scope = scopeOf(actor, "training.manage");
  if (query.org !== undefined) {
    const node = await visibleNode(ctx, query.org);
    manageAt(ctx, node.path);
    scope = { all: false, paths: [node.path] };
  }
  const { rows, total } = await repo.listQuestions(ctx.db, { ...query, scope }, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
}

export async function createQuestion(ctx: RequestContext, body: z.infer<typeof QuestionBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageAt(ctx, node.path);
  const problems = problemsOf(body);
  if (problems.length > 0) throw new AppError(400, "invalid", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  return write(ctx, async (tx, audit) => {
    const [row] = await repo.insertQuestions(tx, [{ cityId: node.cityId, nodeId: node.id, type: body.type, topic: body.topic, difficulty: body.difficulty, stem: body.stem, options: body.options, answer: body.answer }]);
    audit({ action: "training.question_create", entity: "exam_question", entityId: row!.id, cityId: node.cityId, after: { type: body.type, topic: body.topic } });
    return present(row!);
  });
}

export async function updateQuestion(ctx: RequestContext, id: number, body: z.infer<typeof UpdateQuestionBody>) {
  const found = await repo.findQuestion(ctx.db, id);
  if (!found) throw notFound("试题");
  manageAt(ctx, found.path);
  const problems = problemsOf(body);
  if (problems.length > 0) throw new AppError(400, "invalid", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  return write(ctx, async (tx, audit) => {
    const row = await repo.updateQuestion(tx, id, body.version, { type: body.type, topic: body.topic, difficulty: body.difficulty, stem: body.stem, options: body.options, answer: body.answer }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "training.question_update", entity: "exam_question", entityId: id, cityId: row.cityId, before: { stem: found.row.stem }, after: { stem: row.stem } });
    return present(row);
  });
}

/** Retires a question: papers already drawn keep it, new draws do not. */
export async function retireQuestion(ctx: RequestContext, id: number, version: number) {
  const found = await repo.findQuestion(ctx.db, id);
  if (!found) throw notFound("试题");
  manageAt(ctx, found.path);
  await write(ctx, async (tx, audit) => {
    if (!(await repo.retireQuestion(tx, id, version, ctx.clock.now()))) throw versionConflict();
    audit({ action: "training.question_retire", entity: "exam_question", entityId: id, cityId: found.row.cityId, before: { stem: found.row.stem } });
  });
  return { ok: true as const };
}

// --- import from .xlsx: a preview lists every bad row; the import takes all rows or none

function lookup<T extends string>(labels: Record<T, string>, text: string): T | undefined {
  return (Object.entries(labels) as [T, string][]).find(([key, label]) => label === text || key === text)?.[0];
}

const JUDGE: Record<string, "true" | "false"> = { 对: "true", 正确: "true", 是: "true", "√": "true", true: "true", 错: "false", 错误: "false", 否: "false", "×": "false", false: "false" };

interface ParsedRow {
  row: number;
  question?: Question;
  errors: { column: string; message: string }[];
}

async function parseWorkbook(contentBase64: string): Promise<ParsedRow[]> {
  const sheet = await readFirstSheet(contentBase64);
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => headers.set(cellText(cell.value).replace(/\s+/g, "").replace(/\*/g, ""), column));
  const columnOf = (name: string) => headers.get(name);
  for (const required of ["题型", "主题", "难度", "题干", "答案"]) if (!columnOf(required)) throw invalidField("contentBase64", `the first row lacks the column ${required}`);
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) throw invalidField("contentBase64", `at most ${MAX_IMPORT_ROWS} rows at a time`);
  const parsed: ParsedRow[] = [];
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const text = (name: string) => {
      const column = columnOf(name);
      return column ? cellText(row.getCell(column).value) : "";
    };
    const options = OPTION_COLUMNS.map((letter) => text(`选项${letter}`));
    if ([text("题型"), text("主题"), text("难度"), text("题干"), text("答案"), ...options].every((value) => value === "")) continue;
    const errors: { column: string; message: string }[] = [];
    const type = lookup(questionTypeLabels, text("题型"));
    const topic = lookup(topicLabels, text("主题"));
    const difficulty = lookup(difficultyLabels, text("难度"));
    if (!type) errors.push({ column: "题型", message: `one of ${Object.values(questionTypeLabels).join("、")}` });
    if (!topic) errors.push({ column: "主题", message: `one of ${Object.values(topicLabels).join("、")}` });
    if (!difficulty) errors.push({ column: "难度", message: `one of ${Object.values(difficultyLabels).join("、")}` });
    const stem = text("题干");
    if (!stem) errors.push({ column: "题干", message: "required" });
    if (stem.length > 1000) errors.push({ column: "题干", message: "at most 1000 characters" });
    const lastOption = options.map((option) => option !== "").lastIndexOf(true);
    const kept = options.slice(0, lastOption + 1);
    if (kept.some((option) => option === "")) errors.push({ column: "选项", message: "no gaps between options" });
    const rawAnswer = text("答案");
    const answer = type === "judge" ? [JUDGE[rawAnswer] ?? rawAnswer] : type === "short" ? [rawAnswer] : [...rawAnswer.toUpperCase().replace(/[\s,，、]/g, "")].sort();
    if (!rawAnswer) errors.push({ column: "答案", message: "required" });
    if (type && topic && difficulty && stem && rawAnswer) {
      const question = { type, topic, difficulty, stem, options: kept, answer };
      for (const problem of problemsOf(question)) errors.push({ column: problem.field === "options" ? "选项" : "答案", message: problem.message });
      parsed.push({ row: number, question: errors.length === 0 ? question : undefined, errors });
    } else {
      parsed.push({ row: number, errors });
    }
  }
  if (parsed.length === 0) throw invalidField("contentBase64", "the sheet holds no questions");
  return parsed;
}

async function importTarget(ctx: RequestContext, body: z.infer<typeof BankImportBody>) {
  const node = await visibleNode(ctx, body.nodeId);
  manageAt(ctx, node.path);
  return node;
}

export async function previewImport(ctx: RequestContext, body: z.infer<typeof BankImportBody>) {
  const node = await importTarget(ctx, body);
  const rows = await parseWorkbook(body.contentBase64);
  const valid = rows.filter((row) => row.question);
  // Nothing changes, but an uploaded file is worth a line in the trail.
  await auditOnly(ctx, { action: "training.bank_import_preview", entity: "exam_question", entityId: node.id, cityId: node.cityId, after: { fileName: body.fileName, total: rows.length, valid: valid.length } });
  return {
    total: rows.length,
    valid: valid.length,
    invalid: rows.filter((row) => !row.question).map((row) => ({ row: row.row, errors: row.errors })),
    sample: valid.slice(0, 20).map((row) => ({ row: row.row, type: row.question!.type, topic: row.question!.topic, difficulty: row.question!.difficulty, stem: row.question!.stem })),
  };
}

/** Imports the workbook the preview showed: any bad row and nothing is imported, so a fixed file can simply be sent again. */
export async function commitImport(ctx: RequestContext, body: z.infer<typeof BankImportBody>) {
  const node = await importTarget(ctx, body);
  const rows = await parseWorkbook(body.contentBase64);
  const bad = rows.filter((row) => !row.question);
  if (bad.length > 0) {
    throw new AppError(
      400,
      "invalid_rows",
      `${bad.length} 行有误，未导入任何试题 (${bad.length} bad rows; nothing was imported)`,
      bad.flatMap((row) => row.errors.map((error) => ({ field: `row ${row.row}: ${error.column}`, message: error.message }))),
    );
  }
  return write(ctx, async (tx, audit) => {
    await repo.insertQuestions(tx, rows.map((row) => ({ cityId: node.cityId, nodeId: node.id, ...row.question! })));
    audit({ action: "training.bank_import", entity: "exam_question", entityId: node.id, cityId: node.cityId, after: { fileName: body.fileName, imported: rows.length } });
    return { imported: rows.length };
  });
}
