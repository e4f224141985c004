import type { FastifyInstance } from "fastify";
import type { FigureKey, SourceFigures } from "../../shared/figures";
import type { NotificationKind } from "../../shared/schemas/notifications";
import type { Database } from "../db/client";
import { localDay } from "./calendar/calendar";
import type { Config } from "./config";
import type { JobEnv, Tx } from "./context";
import type { Audit } from "./write";
import type { NodeRef } from "./tree";

/**
 * What a module brings to the platform, in one object exported by `server/modules/<m>/index.ts`.
 * `server/modules/index.ts` lists the manifests; the app registers their routes, the server runs their
 * jobs, the figures service asks their figure sources, the tree asks their retire guards, the demo
 * loader runs their demo parts. Nothing registers itself on import, so what a test builds the app
 * with is exactly what it gets.
 */
export interface ModuleManifest {
  /** The module's folder name; figure definitions name their module by it. */
  name: string;
  routes?: (app: FastifyInstance) => Promise<void>;
  jobs?: readonly ModuleJob[];
  figures?: readonly FigureSource[];
  retireGuards?: readonly RetireGuard[];
  indicators?: readonly IndicatorSource[];
  notificationKinds?: readonly NotificationKind[];
  conflictEventHooks?: readonly ConflictEventHook[];
  /** Daily series of some of its count figures, for the trends (GET /api/figures/series). */
  series?: readonly SeriesSource[];
  demo?: DemoPart;
}

/**
 * Records of a count figure per day in a subtree: day (YYYY-MM-DD, Asia/Shanghai) → how many of the
 * figure's records fall on it (reported, found, closed that day), for `from` ≤ instant < `to`.
 */
export interface SeriesSource {
  keys: readonly FigureKey[];
  daily(db: Database, node: NodeRef, key: FigureKey, range: { from: Date; to: Date }): Promise<Map<string, number>>;
}

/** A grid event of a conflict type (矛盾隐患), as the events module registers it (案卷建立). */
export interface ConflictEvent {
  cityId: number;
  eventId: number;
  nodeId: number;
  typeName: string;
  description: string;
  reportedAt: Date;
  at: Date;
}

/** Called inside the write that registers a conflict-type grid event, so another module opens its own record (the register entry) in the same transaction. */
export type ConflictEventHook = (tx: Tx, audit: Audit, event: ConflictEvent) => Promise<void>;

/** Background work of a module, run in the server process every `everyMs` (see platform/jobs.ts). */
export interface ModuleJob {
  name: string;
  everyMs: number | ((config: Config) => number);
  run(env: JobEnv): Promise<unknown>;
}

/**
 * A module's part of GET /api/figures for a subtree: only registered keys (shared/figures.ts). `now`
 * is the request's clock, for the few figures measured over the current period (visit coverage this
 * quarter); every other figure ignores it, so tests on a manual clock move them across a period's end.
 */
export type FigureSource = (db: Database, node: NodeRef, now: Date) => Promise<SourceFigures>;

/** Refuses a node's retirement while the module still has live records there: the reason, or null. */
export type RetireGuard = (db: Database, nodeId: number) => Promise<string | null>;

/** Loads the module's part of the demo city, after the tree, people and accounts exist and after the modules listed before it. */
export interface DemoPart {
  load(db: Database, demo: { cityId: number; now: Date }): Promise<unknown>;
}

/** The kinds of body the evaluation scores. */
export const evaluatedKinds = ["township", "village", "department", "unit", "leader"] as const;
export type EvaluatedKind = (typeof evaluatedKinds)[number];

/** One evaluated body: a node of the tree (township, village), a department, a unit or a person (leader). */
export interface EvaluatedBody {
  kind: EvaluatedKind;
  id: number;
  /** For nodes: the subtree the body answers for. */
  path?: string;
}

/** A body's measure for an indicator over a period: numerator over denominator (a count has denominator 1 or a normaliser such as households / 1,000). */
export interface IndicatorMeasure {
  numerator: number;
  denominator: number;
}

export interface MeasureInput {
  cityId: number;
  from: Date;
  to: Date;
  bodies: readonly EvaluatedBody[];
}

/**
 * An automatic evaluation indicator a module offers (the "1+3X" catalogue picks from these). The
 * module measures its own records; the evaluation module never reads another module's tables.
 */
export interface IndicatorSource {
  key: string;
  label: { zh: string; en: string };
  bodyKinds: readonly EvaluatedKind[];
  /** "rate": numerator / denominator in percent; "per": a count normalised by the denominator. */
  kind: "rate" | "per";
  better: "higher" | "lower";
  /** Below this denominator the indicator is not scored for the body and its weight goes to the others. */
  minSample: number;
  /** The evaluation passes one input object to every indicator of a computation, so a module may keep a query shared by its indicators in a WeakMap keyed by it. */
  measure(db: Database, input: MeasureInput): Promise<Map<string, IndicatorMeasure>>;
  /** The API list of the records behind a body's measure (its drill-down). */
  drill(body: EvaluatedBody, period: { from: Date; to: Date }): string;
  /** For rates: the API list of the records counted in the numerator, so a score is recomputed by hand from its two lists. */
  drillNumerator?(body: EvaluatedBody, period: { from: Date; to: Date }): string;
}

/** Key of a body in an indicator's measure map. */
export function bodyKey(body: Pick<EvaluatedBody, "kind" | "id">): string {
  return `${body.kind}:${body.id}`;
}

/** The manifests, read once into the lists the platform asks. */
export interface ModuleRegistry {
  manifests: readonly ModuleManifest[];
  figureSources: readonly FigureSource[];
  retireGuards: readonly RetireGuard[];
  indicators: readonly IndicatorSource[];
  notificationKinds: readonly NotificationKind[];
  conflictEventHooks: readonly ConflictEventHook[];
  seriesSources: readonly SeriesSource[];
}

export function buildRegistry(manifests: readonly ModuleManifest[]): ModuleRegistry {
  const names = new Set<string>();
  for (const manifest of manifests) {
    if (names.has(manifest.name)) throw new Error(`module ${manifest.name} is listed twice`);
    names.add(manifest.name);
  }
  const indicatorKeys = new Set<string>();
  const indicators = manifests.flatMap((manifest) => manifest.indicators ?? []);
  for (const indicator of indicators) {
    if (indicatorKeys.has(indicator.key)) throw new Error(`indicator ${indicator.key} is declared twice`);
    indicatorKeys.add(indicator.key);
  }
  return {
    manifests,
    figureSources: manifests.flatMap((manifest) => manifest.figures ?? []),
    retireGuards: manifests.flatMap((manifest) => manifest.retireGuards ?? []),
    indicators,
    notificationKinds: manifests.flatMap((manifest) => manifest.notificationKinds ?? []),
    conflictEventHooks: manifests.flatMap((manifest) => manifest.conflictEventHooks ?? []),
    seriesSources: manifests.flatMap((manifest) => manifest.series ?? []),
  };
}

/**
 * A module's counts per node (each with its node's path) rolled up to the township and village bodies
 * asked for: a body answers for every record in its subtree. `part` and `whole` pick the numerator and
 * the denominator of each row.
 */
export function rollUpToNodes<Row extends { path: string }>(
  bodies: readonly EvaluatedBody[],
  rows: readonly Row[],
  part: (row: Row) => number,
  whole: (row: Row) => number,
): Map<string, IndicatorMeasure> {
  const nodes = bodies.filter((body) => body.kind === "township" || body.kind === "village");
  const measures = new Map<string, IndicatorMeasure>(nodes.map((body) => [bodyKey(body), { numerator: 0, denominator: 0 }]));
  const byId = new Map(nodes.map((body) => [String(body.id), measures.get(bodyKey(body))!]));
  for (const row of rows) {
    for (const ancestor of row.path.split("/")) {
      const measure = byId.get(ancestor);
      if (!measure) continue;
      measure.numerator += part(row);
      measure.denominator += whole(row);
    }
  }
  return measures;
}

/** The days of a period whose `to` is exclusive (its last day is the one before), for modules that count by day. */
export function periodDays(period: { from: Date; to: Date }): { from: string; to: string } {
  return { from: localDay(period.from), to: localDay(new Date(period.to.getTime() - 1)) };
}
