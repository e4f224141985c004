import { z } from "zod";
import { Id } from "./common";

/** Each kind of work a role's workbench (工作台) lists; the web labels each in both languages. */
export const workSections = [
  "event.to_register",
  "event.to_dispatch",
  "event.to_accept",
  "event.to_feedback",
  "event.summons",
  "event.to_check",
  "event.reported",
  "event.rejected",
  "event.red",
  "problem.to_assign",
  "problem.to_rectify",
  "problem.to_check",
  "problem.red",
  "project.late",
  "claim.to_review",
  "report.to_review",
  "visit.due",
  "evaluation.low",
] as const;
export const WorkSectionKey = z.enum(workSections);
export type WorkSectionKey = z.infer<typeof WorkSectionKey>;

export const WorkItem = z.object({
  entity: z.enum(["event", "problem", "project", "claim", "report", "visit", "ranking"]),
  id: Id,
  code: z.string().nullable(),
  title: z.string(),
  place: z.string().nullable(),
  light: z.enum(["green", "yellow", "red"]).nullable(),
  /** When the current step is due: the earliest first within a light. */
  dueAt: z.string().nullable(),
  /** The web page that opens the record. */
  link: z.string(),
});
export type WorkItem = z.infer<typeof WorkItem>;

export const WorkSection = z.object({
  key: WorkSectionKey,
  /** Every item of this kind in the caller's reach, not only those listed. */
  count: z.number().int(),
  /** How many of them are past their limit. */
  red: z.number().int(),
  /** The full list, filtered to this kind of work. */
  link: z.string(),
  items: z.array(WorkItem),
});
export type WorkSection = z.infer<typeof WorkSection>;

export const Workbench = z.object({
  /** The roles whose work is listed, in the order the sections come. */
  roles: z.array(z.string()),
  /** Sections with overdue work first, then in the roles' order. */
  sections: z.array(WorkSection),
  /** Open work by menu entry, for the badges on the menu. */
  badges: z.object({ events: z.number().int(), problems: z.number().int(), campaign: z.number().int(), pairing: z.number().int() }),
});
export type Workbench = z.infer<typeof Workbench>;
