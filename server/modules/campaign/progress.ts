/**
 * The arithmetic of progress, kept free of the database so that it can be tested on its own and
 * used alike by the service, the demo loader and the sweeper.
 *
 * As Decidim's accountability does: a status carries a default progress (not started 0, done 100);
 * otherwise a project's progress is the roll-up of its parts, its milestones and its sub-projects,
 * weighted where weights are set and the plain mean where none is; with no parts at all, the
 * progress last reported and accepted stands.
 */

export type Status = "not_started" | "in_progress" | "done" | "suspended";

export interface Part {
  progress: number;
  weight: number | null;
}

/**
 * The weighted mean of the parts. A part without a weight among weighted ones counts with the mean
 * of the weights that are given, so that leaving one out neither drops it nor lets it dominate.
 * Null when there are no parts.
 */
export function rollUp(parts: readonly Part[]): number | null {
  if (parts.length === 0) return null;
  const given = parts.filter((part) => part.weight !== null).map((part) => part.weight as number);
  const fill = given.length > 0 ? given.reduce((sum, weight) => sum + weight, 0) / given.length : 1;
  let total = 0;
  let weights = 0;
  for (const part of parts) {
    const weight = part.weight ?? fill;
    total += part.progress * weight;
    weights += weight;
  }
  if (weights === 0) return round(parts.reduce((sum, part) => sum + part.progress, 0) / parts.length);
  return round(total / weights);
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface ProjectInput {
  id: number;
  parentId: number | null;
  status: Status;
  reportedProgress: number | null;
  weight: number | null;
}

export interface MilestoneInput {
  projectId: number;
  stage: number;
  progress: number;
  weight: number | null;
}

export interface Computed {
  progress: number;
  status: Status;
  currentStage: number;
}

/**
 * Progress, status and current stage of every project, children before parents. Status moves by
 * itself only forward: work reported on a project not started starts it, and a project whose parts
 * are all complete is done. Suspended and done are the office's to change.
 */
export function computeAll(projects: readonly ProjectInput[], milestones: readonly MilestoneInput[]): Map<number, Computed> {
  const children = new Map<number, ProjectInput[]>();
  for (const project of projects) {
    if (project.parentId === null) continue;
    children.set(project.parentId, [...(children.get(project.parentId) ?? []), project]);
  }
  const ownMilestones = new Map<number, MilestoneInput[]>();
  for (const milestone of milestones) ownMilestones.set(milestone.projectId, [...(ownMilestones.get(milestone.projectId) ?? []), milestone]);
  const result = new Map<number, Computed>();
  const visiting = new Set<number>();

  const compute = (project: ProjectInput): Computed => {
    const known = result.get(project.id);
    if (known) return known;
    // A cycle cannot be saved through the service; should one exist anyway, it is cut here rather than looping.
    if (visiting.has(project.id)) return { progress: 0, status: project.status, currentStage: 1 };
    visiting.add(project.id);
    const steps = ownMilestones.get(project.id) ?? [];
    const parts: Part[] = [
      ...steps.map((step) => ({ progress: step.progress, weight: step.weight })),
      ...(children.get(project.id) ?? []).map((child) => ({ progress: compute(child).progress, weight: child.weight })),
    ];
    const raw = rollUp(parts) ?? project.reportedProgress ?? 0;
    let status = project.status;
    if (status === "not_started" && raw > 0) status = "in_progress";
    if (status === "in_progress" && raw >= 100) status = "done";
    const progress = status === "not_started" ? 0 : status === "done" ? 100 : raw;
    const computed = { progress, status, currentStage: currentStage(steps) };
    visiting.delete(project.id);
    result.set(project.id, computed);
    return computed;
  };
  for (const project of projects) compute(project);
  return result;
}

/** 压茬推进: the first stage with a milestone still open; the last one once all are complete. */
export function currentStage(milestones: readonly Pick<MilestoneInput, "stage" | "progress">[]): number {
  const open = milestones.filter((milestone) => milestone.progress < 100).map((milestone) => milestone.stage);
  if (open.length > 0) return Math.min(...open);
  return milestones.length > 0 ? Math.max(...milestones.map((milestone) => milestone.stage)) : 1;
}

// ---------------------------------------------------------------- days and the traffic light

const DAY_MS = 86_400_000;
/** The city's calendar is China Standard Time, which has no daylight saving. */
const CITY_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in the city at an instant. */
export function cityDay(at: Date): string {
  return new Date(at.getTime() + CITY_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Late: the deadline day is over and the work is not done. */
export function isLate(project: { status: string; deadline: string }, today: string): boolean {
  return project.status !== "done" && project.deadline < today;
}

export type Light = "green" | "yellow" | "red";

/**
 * As the digital urban management standard colours a time limit: green below 80% of the time
 * allowed, yellow from 80% to the deadline (or when a milestone is overdue), red past it. Done is green.
 */
export function lightOf(project: { status: string; startsOn: string; deadline: string }, today: string, overdueMilestone: boolean): Light {
  if (project.status === "done") return "green";
  if (project.deadline < today) return "red";
  const span = Math.max(1, daysBetween(project.startsOn, project.deadline));
  const used = daysBetween(project.startsOn, today);
  return used / span >= 0.8 || overdueMilestone ? "yellow" : "green";
}
