import type { NodeKind } from "./permissions";

/**
 * Every figure of GET /api/figures, in one table: its module, group, unit, labels in both languages,
 * the sample below which a rate is left out, and the list that opens the records behind it.
 * `FigureKey` comes from this table, so a source returning an unregistered key, or a registered key
 * without a label or a drill target, fails the type check. Adding a figure is one entry here and one
 * line in its module's figure source (docs/ARCHITECTURE.md, "add a figure").
 */
export const figureGroups = ["campaign", "training", "problems", "cadres", "pairing", "service", "grid", "events", "ledger", "evaluation", "people"] as const;
export type FigureGroup = (typeof figureGroups)[number];

export const figureGroupLabels: Record<FigureGroup, Label> = {
  campaign: { zh: "专项行动", en: "Campaign" },
  training: { zh: "教育培训", en: "Training" },
  problems: { zh: "问题清单", en: "Problem lists" },
  cadres: { zh: "干部队伍", en: "Cadres" },
  pairing: { zh: "包村联户", en: "Household pairing" },
  service: { zh: "党员服务", en: "Party members in service" },
  grid: { zh: "网格治理", en: "Grid governance" },
  events: { zh: "事件办理", en: "Events" },
  ledger: { zh: "村集体经济（清化收）", en: "Village collective economy" },
  evaluation: { zh: "考评排名", en: "Evaluation" },
  people: { zh: "人口", en: "Population" },
};

export const figureUnits = ["count", "percent", "yuan", "hours"] as const;
export type FigureUnit = (typeof figureUnits)[number];

export interface Label {
  zh: string;
  en: string;
}

/**
 * Where the records behind a figure of one node are listed: a page of the web app and, where one
 * exists, the API list route, each with the figure's own filter. The node goes in as `org` unless
 * `org` is false (lists kept per city, such as departments); `at` limits the drill to nodes of those
 * kinds (a campaign hangs at the city's root, so only the city's figure has records behind it).
 */
export interface FigureDrill {
  page: string;
  api?: string;
  query?: Readonly<Record<string, string>>;
  org?: boolean;
  at?: readonly NodeKind[];
}

export interface FigureDefinition {
  /** The module whose figure source returns it (its manifest's name). */
  module: string;
  group: FigureGroup;
  unit: FigureUnit;
  label: Label;
  /** Rates only: a node with fewer cases than this in the denominator gets no value (left out). */
  minSample?: number;
  drill: FigureDrill | null;
}

/** A definition whose unit the type keeps, so that the type of a source's answer follows the unit (SourceFigures). */
type DefinitionOf<U extends FigureUnit> = FigureDefinition & { unit: U };
const count = (module: string, group: FigureGroup, zh: string, en: string, drill: FigureDrill | null): DefinitionOf<"count"> => ({ module, group, unit: "count", label: { zh, en }, drill });
const percent = (module: string, group: FigureGroup, zh: string, en: string, minSample: number, drill: FigureDrill | null): DefinitionOf<"percent"> => ({
  module,
  group,
  unit: "percent",
  label: { zh, en },
  minSample,
  drill,
});

/** Event rates below this many cases are left out: one lucky case must not top a table. */
export const EVENT_RATE_MIN_CASES = 10;
/** Problem rates are drawn from fewer, longer cases; five already say something. */
export const PROBLEM_RATE_MIN_CASES = 5;

/** Pairing rates: a township with fewer paired households, entries or suggestions than this is left out. */
export const PAIRING_RATE_MIN_CASES = 10;
const pairingsBy = (post: string): FigureDrill => ({ page: "/pairing/pairings", api: "/api/pairings", query: { post, target: "household" } });

const people = (query: Record<string, string>): FigureDrill => ({ page: "/people", api: "/api/persons", query });
const evaluationResults = (query: Record<string, string>): FigureDrill => ({ page: "/evaluation/results", api: "/api/evaluation/results", query });
const nodesOf = (kind: NodeKind): FigureDrill => ({ page: "/nodes", query: { kind } });
const problemsBy = (figure: string): FigureDrill => ({ page: "/problems", api: "/api/problems", query: { figure } });
const eventsBy = (query: Record<string, string>): FigureDrill => ({ page: "/events", api: "/api/events", query });
const eventStats: FigureDrill = { page: "/events/stats", api: "/api/events/stats" };
const problemOverview: FigureDrill = { page: "/problems/overview" };
const ledgerBy = (page: string, api: string, query: Record<string, string> = {}): FigureDrill => ({ page: `/ledgers/${page}`, api: `/api/ledger/${api}`, query });
const yuan = (module: string, group: FigureGroup, zh: string, en: string, drill: FigureDrill | null): DefinitionOf<"yuan"> => ({ module, group, unit: "yuan", label: { zh, en }, drill });
/** A pass rate over fewer scored papers than this says nothing about a level. */
export const TRAINING_RATE_MIN_CASES = 5;
const passed = (level: string): FigureDrill => ({ page: "/training/results", api: "/api/exam-results", query: { level, status: "scored" } });
const campaignFigure = (key: string): FigureDrill => ({ page: "/campaign/figure", query: { key }, org: false, at: ["city"] });

export const figureRegistry = {
  "campaign.aspects": count("campaign", "campaign", "行动方面", "Campaign aspects", campaignFigure("campaign.aspects")),
  "campaign.items": count("campaign", "campaign", "行动事项", "Campaign items", campaignFigure("campaign.items")),
  "campaign.measures": count("campaign", "campaign", "具体举措", "Measures", campaignFigure("campaign.measures")),
  "campaign.projects": count("campaign", "campaign", "重点工程", "Projects", campaignFigure("campaign.projects")),
  "campaign.concreteProjects": count("campaign", "campaign", "细化项目", "Concrete projects", campaignFigure("campaign.concreteProjects")),
  "campaign.taskForces": count("campaign", "campaign", "工作专班", "Task forces", campaignFigure("campaign.taskForces")),
  "campaign.topicUnits": count("campaign", "campaign", "领题单位", "Units taking topics", campaignFigure("campaign.topicUnits")),
  "campaign.topicContents": count("campaign", "campaign", "领题内容", "Topic contents", campaignFigure("campaign.topicContents")),
  "campaign.topicProjects": count("campaign", "campaign", "领题项目", "Topic projects", campaignFigure("campaign.topicProjects")),
  "campaign.requiredActions": count("campaign", "campaign", "规定动作", "Required actions", campaignFigure("campaign.requiredActions")),
  "campaign.optionalActions": count("campaign", "campaign", "自选动作", "Optional actions", campaignFigure("campaign.optionalActions")),

  "problems.clues": count("problems", "problems", "问题线索", "Problem clues", { page: "/problems/clues", api: "/api/clues", query: { figure: "problems.clues" } }),
  "problems.total": count("problems", "problems", "问题总数", "Problems", problemsBy("problems.total")),
  "problems.open": count("problems", "problems", "整改中问题", "Problems being rectified", problemsBy("problems.open")),
  "problems.closed": count("problems", "problems", "已销号问题", "Problems closed", problemsBy("problems.closed")),
  "problems.due": count("problems", "problems", "应结问题", "Problems due", problemsBy("problems.due")),
  "problems.closedOnTime": count("problems", "problems", "按期销号", "Closed on time", problemsBy("problems.closedOnTime")),
  "problems.overdue": count("problems", "problems", "逾期问题", "Overdue problems", problemsBy("problems.overdue")),
  "problems.handled": count("problems", "problems", "已整改问题", "Problems rectified", problemsBy("problems.handled")),
  "problems.reworked": count("problems", "problems", "返工问题", "Problems sent back", problemsBy("problems.reworked")),
  "problems.closureRate": percent("problems", "problems", "问题结案率", "Problem closure rate", PROBLEM_RATE_MIN_CASES, problemOverview),
  "problems.onTimeClosureRate": percent("problems", "problems", "问题按期结案率", "Problems closed on time (rate)", PROBLEM_RATE_MIN_CASES, problemOverview),
  "problems.reworkRate": percent("problems", "problems", "问题返工率", "Problem rework rate", PROBLEM_RATE_MIN_CASES, problemOverview),
  "problems.commonLists": count("problems", "problems", "共性清单", "Common lists", { page: "/problems/common", api: "/api/common-lists", query: { status: "published" } }),
  "problems.disclosedLists": count("problems", "problems", "公示问题清单", "Disclosed problem lists", { page: "/problems/lists", api: "/api/problem-lists", query: { status: "published" } }),

  "training.sessions": count("training", "training", "培训班次", "Training sessions", { page: "/training/sessions", api: "/api/training/sessions" }),
  "training.personTimes": count("training", "training", "培训人次", "Person-times trained", { page: "/training/person-times", api: "/api/training/person-times" }),
  "training.attendanceRate": percent("training", "training", "培训到课率", "Attendance rate", TRAINING_RATE_MIN_CASES, { page: "/training/sessions" }),
  "training.passRate.city": percent("training", "training", "能力测试合格率（市级）", "Test pass rate (city level)", TRAINING_RATE_MIN_CASES, passed("city")),
  "training.passRate.township": percent("training", "training", "能力测试合格率（乡镇级）", "Test pass rate (township level)", TRAINING_RATE_MIN_CASES, passed("township")),
  "training.passRate.village": percent("training", "training", "能力测试合格率（村级）", "Test pass rate (village level)", TRAINING_RATE_MIN_CASES, passed("village")),

  "cadres.reserve": count("cadres", "cadres", "后备干部", "Reserve cadres", { page: "/cadres", api: "/api/cadres" }),
  "cadres.graduatePlan": count("cadres", "cadres", "计划招录大学生", "Graduates to recruit", { page: "/cadres/graduates", api: "/api/cadres/graduates" }),
  "cadres.rotated": count("cadres", "cadres", "轮岗干部", "Cadres rotated", { page: "/cadres/moves", api: "/api/cadres/moves", query: { kind: "rotation" } }),
  "cadres.secondedReturned": count("cadres", "cadres", "清理借调人员", "Seconded staff returned", { page: "/cadres/moves", api: "/api/cadres/moves", query: { kind: "seconded_return" } }),
  "pairing.countyLeaders": count("people", "pairing", "包联县级领导", "County-level leaders pairing", people({ post: "county_leader" })),
  "pairing.townshipCadres": count("people", "pairing", "包联乡镇干部", "Township cadres pairing", people({ post: "township_cadre" })),
  "pairing.countyLeaderHouseholds": count("pairing", "pairing", "县级领导联系户", "Households paired with county leaders", pairingsBy("county_leader")),
  "pairing.townshipCadreHouseholds": count("pairing", "pairing", "乡镇干部联系户", "Households paired with township cadres", pairingsBy("township_cadre")),
  "pairing.conflictsResolved": count("pairing", "pairing", "化解矛盾隐患", "Conflicts and hazards resolved", { page: "/pairing/conflicts", api: "/api/pairing/conflicts", query: { figure: "resolved" } }),
  "pairing.visitCoverage": percent("pairing", "pairing", "联系户走访覆盖率", "Paired households visited", PAIRING_RATE_MIN_CASES, { page: "/pairing/coverage", api: "/api/pairing/coverage" }),
  "pairing.conflictsOnTimeRate": percent("pairing", "pairing", "矛盾隐患按期化解率", "Conflicts resolved on time", PAIRING_RATE_MIN_CASES, { page: "/pairing/conflicts", api: "/api/pairing/conflicts", query: { figure: "resolved" } }),
  "pairing.suggestionsAnsweredRate": percent("pairing", "pairing", "一线建议答复率", "Suggestions answered", PAIRING_RATE_MIN_CASES, { page: "/pairing/suggestions", api: "/api/pairing/suggestions" }),
  "service.organPartyOrgs": count("orgs", "service", "机关党组织", "City-organ party organisations", { page: "/party-orgs", api: "/api/party-orgs", query: { organ: "true" } }),
  "service.pairedCommunities": count("pairing", "service", "结对社区", "Communities paired with organs", { page: "/service/communities", api: "/api/service/communities" }),
  "service.membersReporting": count("pairing", "service", "报到党员", "Party members reporting to communities", { page: "/service/members", api: "/api/service/members" }),
  "service.volunteerTeams": count("pairing", "service", "志愿服务队", "Volunteer teams", { page: "/service/teams", api: "/api/service/teams" }),
  "service.hoursPerMember": { module: "pairing", group: "service", unit: "hours", label: { zh: "党员人均服务时长", en: "Service hours per member" }, drill: { page: "/service/members", api: "/api/service/members" } },

  "grid.workers": count("people", "grid", "专职网格员", "Full-time grid workers", people({ post: "grid_worker" })),
  "grid.grids": count("orgs", "grid", "网格", "Grids", nodesOf("grid")),
  "grid.microGrids": count("orgs", "grid", "微网格", "Micro-grids", nodesOf("micro_grid")),
  "grid.departments": count("orgs", "grid", "入格部门", "Departments in the grid", { page: "/departments", api: "/api/departments", query: { inGrid: "true" }, org: false, at: ["city"] }),
  "grid.functions": count("orgs", "grid", "入格职能", "Functions in the grid", { page: "/departments", api: "/api/departments", query: { inGrid: "true", view: "functions" }, org: false, at: ["city"] }),

  "events.total": count("events", "events", "事件总数", "Events", eventsBy({})),
  "events.open": count("events", "events", "办理中事件", "Events open", eventsBy({ drill: "open" })),
  "events.closed": count("events", "events", "已结案事件", "Events closed", eventsBy({ drill: "closed" })),
  "events.rejected": count("events", "events", "不予受理事件", "Events not accepted", eventsBy({ stage: "rejected" })),
  "events.stage.reported": count("events", "events", "阶段：待受理", "Stage: reported", eventsBy({ stage: "reported" })),
  "events.stage.dispatching": count("events", "events", "阶段：待派遣", "Stage: to dispatch", eventsBy({ stage: "dispatching" })),
  "events.stage.dispatched": count("events", "events", "阶段：已派遣", "Stage: dispatched", eventsBy({ stage: "dispatched" })),
  "events.stage.handling": count("events", "events", "阶段：处置中", "Stage: being handled", eventsBy({ stage: "handling" })),
  "events.stage.checking": count("events", "events", "阶段：待核查", "Stage: to check", eventsBy({ stage: "checking" })),
  "events.stage.closed": count("events", "events", "阶段：已结案", "Stage: closed", eventsBy({ stage: "closed" })),
  "events.stage.evaluated": count("events", "events", "阶段：已评价", "Stage: rated", eventsBy({ stage: "evaluated" })),
  "events.rate.onTimeDispatch": percent("events", "events", "按时派遣率", "On-time dispatch rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.accurateDispatch": percent("events", "events", "准确派遣率", "Accurate dispatch rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.handling": percent("events", "events", "处置率", "Handling rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.onTimeHandling": percent("events", "events", "按时处置率", "On-time handling rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.closure": percent("events", "events", "结案率", "Closure rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.onTimeClosure": percent("events", "events", "按期结案率", "On-time closure rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.rework": percent("events", "events", "返工率", "Rework rate", EVENT_RATE_MIN_CASES, eventStats),
  "events.rate.satisfaction": percent("events", "events", "满意率", "Satisfaction rate", EVENT_RATE_MIN_CASES, eventStats),

  "ledger.contracts": count("ledgers", "ledger", "清查村集体合同", "Collective contracts checked", ledgerBy("contracts", "contracts", { figure: "ledger.contracts" })),
  "ledger.problemContracts": count("ledgers", "ledger", "问题合同", "Contracts found problematic", ledgerBy("contracts", "contracts", { figure: "ledger.problemContracts" })),
  "ledger.rectifiedContracts": count("ledgers", "ledger", "已整改合同", "Contracts rectified", ledgerBy("contracts", "contracts", { figure: "ledger.rectifiedContracts" })),
  "ledger.debtResolved": yuan("ledgers", "ledger", "化解村级债务", "Village debt resolved", ledgerBy("debts", "debt-movements")),
  "ledger.incomeRaised": yuan("ledgers", "ledger", "村集体收入增加", "Collective income raised", { page: "/ledgers", api: "/api/ledger/ranking" }),
  "ledger.collectiveIncome": yuan("ledgers", "ledger", "村集体经济收入", "Village collective income", ledgerBy("income", "incomes", { figure: "ledger.collectiveIncome" })),
  "ledger.pairedEnterprises": count("ledgers", "ledger", "结对企业", "Enterprises paired with villages", ledgerBy("pairings", "pairings")),
  "ledger.pairedVillages": count("ledgers", "ledger", "结对村", "Villages paired with enterprises", ledgerBy("pairings", "pairings")),
  "ledger.cooperatives": count("ledgers", "ledger", "党支部领办合作社", "Cooperatives led by village branches", ledgerBy("cooperatives", "cooperatives", { ledByBranch: "true" })),

  "evaluation.scoredBodies": count("evaluation", "evaluation", "最新考评期参评对象", "Bodies scored in the latest published period", evaluationResults({})),
  "evaluation.grade.A": count("evaluation", "evaluation", "考评等次 A", "Grade A", evaluationResults({ grade: "A" })),
  "evaluation.grade.B": count("evaluation", "evaluation", "考评等次 B", "Grade B", evaluationResults({ grade: "B" })),
  "evaluation.grade.C": count("evaluation", "evaluation", "考评等次 C", "Grade C", evaluationResults({ grade: "C" })),
  "evaluation.grade.D": count("evaluation", "evaluation", "考评等次 D", "Grade D", evaluationResults({ grade: "D" })),
  "evaluation.grade.E": count("evaluation", "evaluation", "考评等次 E", "Grade E", evaluationResults({ grade: "E" })),

  "people.households": count("people", "people", "户数", "Households", { page: "/households", api: "/api/households" }),
  "people.partyMembers": count("people", "people", "党员", "Party members", people({ partyMember: "true" })),
} as const satisfies Record<string, FigureDefinition>;

export type FigureKey = keyof typeof figureRegistry;
export const figureKeys = Object.keys(figureRegistry) as FigureKey[];

/** A node's figures as answered: only registered keys; a rate below its sample is absent. */
export type FigureValues = Partial<Record<FigureKey, number>>;

/** The figures worked out from two counts: percentages, and the hours served per member. */
export type RateKey = { [K in FigureKey]: (typeof figureRegistry)[K]["unit"] extends "percent" | "hours" ? K : never }[FigureKey];

/** The two counts a rate is made of, as counted for one node; over several cities each is summed. */
export interface RateParts {
  part: number;
  whole: number;
}

/**
 * What a module's figure source returns for a subtree: a count or a sum of yuan as a number, a rate
 * as its parts, counted from the same aggregate as the rate's list. The rates are worked out from the
 * parts in one place (figureValuesOf), for a node and for the sum of cities alike.
 */
export type SourceFigures = { [K in FigureKey]?: K extends RateKey ? RateParts : number };

/** The parts of a node's rates. */
export type FigureParts = Partial<Record<RateKey, RateParts>>;

export const rateKeys = Object.keys(figureRegistry).filter((key) => {
  const unit = figureRegistry[key as FigureKey].unit;
  return unit === "percent" || unit === "hours";
}) as RateKey[];

export function isFigureKey(key: string): key is FigureKey {
  return Object.prototype.hasOwnProperty.call(figureRegistry, key);
}

export function figureDefinition(key: FigureKey): FigureDefinition {
  return figureRegistry[key];
}

/**
 * A rate with one decimal, or undefined when the denominator is below the figure's minimum sample: a
 * percentage, or hours per head, whose part is in minutes (as service is recorded), so that sums of
 * parts over cities stay whole numbers.
 */
export function figureRate(key: FigureKey, part: number, whole: number): number | undefined {
  const definition = figureDefinition(key);
  if (whole < Math.max(definition.minSample ?? 1, 1)) return undefined;
  return definition.unit === "hours" ? Math.round(part / 6 / whole) / 10 : Math.round((1000 * part) / whole) / 10;
}

/** A node's figures from what its sources returned: the counts as they are, each rate from its parts. */
export function figureValuesOf(figures: SourceFigures): FigureValues {
  const values: FigureValues = {};
  for (const key of figureKeys) {
    const figure = figures[key];
    if (figure === undefined) continue;
    if (typeof figure === "number") values[key] = figure;
    else {
      const rate = figureRate(key, figure.part, figure.whole);
      if (rate !== undefined) values[key] = rate;
    }
  }
  return values;
}

/** The page (a hash route of the web app) and API list behind a figure of one node, or null where no list exists. */
export function figureDrill(key: FigureKey, org: { id: number; kind: string }): { page: string; api: string | null } | null {
  const drill = figureDefinition(key).drill;
  if (!drill) return null;
  if (drill.at && !(drill.at as readonly string[]).includes(org.kind)) return null;
  // Built by hand: shared/ runs in the browser and on the server alike, with neither's globals.
  const params: [string, string][] = [...(drill.org !== false ? [["org", String(org.id)] as [string, string]] : []), ...Object.entries(drill.query ?? {})];
  const query = params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  const withQuery = (path: string) => (query ? `${path}?${query}` : path);
  return { page: withQuery(drill.page), api: drill.api ? withQuery(drill.api) : null };
}
