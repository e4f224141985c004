import dayjs, { type Dayjs } from "dayjs";
import type { PlanProjectInput } from "../../api/campaign";

/**
 * A unit's plan (领题方案) as the dynamic form holds it (dates as dayjs for the pickers), and the
 * conversions to and from the API's plan: projects, each with its deadline and milestones in stages.
 */
export interface PlanMilestoneForm {
  name?: string;
  dueOn?: Dayjs | null;
  stage?: number | null;
}

export interface PlanProjectForm {
  name?: string;
  description?: string;
  startsOn?: Dayjs | null;
  deadline?: Dayjs | null;
  milestones?: PlanMilestoneForm[];
}

const DAY = "YYYY-MM-DD";

export function toDay(value: Dayjs | null | undefined): string | undefined {
  return value && value.isValid() ? value.format(DAY) : undefined;
}

export function fromDay(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  // "YYYY-MM-DD" is parsed as that day, local time (no plugin needed for ISO dates).
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** The API's plan from the form; fields left empty are left out rather than sent blank. */
export function planFromForm(projects: readonly PlanProjectForm[] | undefined): PlanProjectInput[] {
  return (projects ?? []).map((project) => {
    const description = project.description?.trim();
    const startsOn = toDay(project.startsOn);
    return {
      name: project.name?.trim() ?? "",
      ...(description ? { description } : {}),
      ...(startsOn ? { startsOn } : {}),
      deadline: toDay(project.deadline) ?? "",
      milestones: (project.milestones ?? []).map((milestone) => ({
        name: milestone.name?.trim() ?? "",
        dueOn: toDay(milestone.dueOn) ?? "",
        ...(milestone.stage ? { stage: milestone.stage } : {}),
      })),
    };
  });
}

/** The form's values from a plan (to resubmit a returned claim with its plan as it was). */
export function formFromPlan(projects: readonly PlanProjectInput[]): PlanProjectForm[] {
  return projects.map((project) => ({
    name: project.name,
    description: project.description ?? "",
    startsOn: fromDay(project.startsOn),
    deadline: fromDay(project.deadline),
    milestones: project.milestones.map((milestone) => ({ name: milestone.name, dueOn: fromDay(milestone.dueOn), stage: milestone.stage ?? 1 })),
  }));
}

/** A new, empty project row: one milestone to fill in, in stage 1. */
export function emptyProject(): PlanProjectForm {
  return { name: "", description: "", startsOn: null, deadline: null, milestones: [{ name: "", dueOn: null, stage: 1 }] };
}

/**
 * What is wrong with a milestone's date in its project, or null: it falls after the project's
 * deadline, or before its start. (The server checks only the project's own span.)
 */
export function milestoneDateProblem(project: PlanProjectForm | undefined, dueOn: Dayjs | null | undefined): "afterDeadline" | "beforeStart" | null {
  const due = toDay(dueOn);
  if (!due || !project) return null;
  const deadline = toDay(project.deadline);
  const startsOn = toDay(project.startsOn);
  if (deadline && due > deadline) return "afterDeadline";
  if (startsOn && due < startsOn) return "beforeStart";
  return null;
}

/** Stages in order, with the milestones of each: 压茬推进 shows them as steps. */
export function stagesOf<T extends { stage?: number | null }>(milestones: readonly T[]): { stage: number; milestones: T[] }[] {
  const byStage = new Map<number, T[]>();
  for (const milestone of milestones) {
    const stage = milestone.stage ?? 1;
    byStage.set(stage, [...(byStage.get(stage) ?? []), milestone]);
  }
  return [...byStage].sort(([a], [b]) => a - b).map(([stage, list]) => ({ stage, milestones: list }));
}
