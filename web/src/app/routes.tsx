import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  AccountBookOutlined,
  ExceptionOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  BellOutlined,
  ProjectOutlined,
  SafetyOutlined,
  ReadOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import { createNavigation, page, type PageSpec, type SectionDef } from "./navigation";
import { permissionNames, roles, systemRoles, type Permission } from "../../../shared/permissions";

/*
 * Every page of the signed-in app and the residents' side, once: its path, what it needs, its menu
 * entry, its section tab. The router, the side menu, the header title and the section tabs read
 * this table. Adding a page is one line here and its page file.
 */

const HomePage = lazy(() => import("../modules/home/HomePage"));
const ChangePasswordPage = lazy(() => import("../modules/auth/ChangePasswordPage").then((module) => ({ default: module.ChangePasswordPage })));
const OrgsPage = lazy(() => import("../modules/orgs/OrgsPage"));
const NodesPage = lazy(() => import("../modules/nodes/NodesPage"));
const PeoplePage = lazy(() => import("../modules/people/PeoplePage"));
const HouseholdsPage = lazy(() => import("../modules/households/HouseholdsPage"));
const DepartmentsPage = lazy(() => import("../modules/departments/DepartmentsPage"));
const UnitsPage = lazy(() => import("../modules/units/UnitsPage"));
const PartyOrgsPage = lazy(() => import("../modules/partyOrgs/PartyOrgsPage"));
const AccountsPage = lazy(() => import("../modules/accounts/AccountsPage"));
const AuditPage = lazy(() => import("../modules/audit/AuditPage"));
const SecurityPage = lazy(() => import("../modules/security/SecurityPage"));
const CalendarPage = lazy(() => import("../modules/calendar/CalendarPage"));
const PublicApp = lazy(() => import("../modules/public/PublicApp"));
const BigScreenPage = lazy(() => import("../modules/bigscreen/BigScreenPage"));
const ProvinceScreenPage = lazy(() => import("../modules/bigscreen/ProvinceScreenPage"));

const CampaignSection = lazy(() => import("../modules/campaign/CampaignSection"));
const CampaignOverviewPage = lazy(() => import("../modules/campaign/OverviewPage"));
const BoardPage = lazy(() => import("../modules/campaign/BoardPage"));
const BattleMapPage = lazy(() => import("../modules/campaign/BattleMapPage"));
const RatesPage = lazy(() => import("../modules/campaign/RatesPage"));
const ProjectsPage = lazy(() => import("../modules/campaign/lists/ProjectsPage"));
const ProjectPage = lazy(() => import("../modules/campaign/ProjectPage"));
const ClaimsPage = lazy(() => import("../modules/campaign/lists/ClaimsPage"));
const ClaimPage = lazy(() => import("../modules/campaign/ClaimPage"));
const TopicsPage = lazy(() => import("../modules/campaign/lists/TopicsPage"));
const MeasuresPage = lazy(() => import("../modules/campaign/lists/MeasuresPage"));
const TaskForcesPage = lazy(() => import("../modules/campaign/lists/TaskForcesPage"));
const TopicUnitsPage = lazy(() => import("../modules/campaign/lists/TopicUnitsPage"));
const DecompositionPage = lazy(() => import("../modules/campaign/lists/DecompositionPage"));
const CampaignFigurePage = lazy(() => import("../modules/campaign/FigurePage"));

const ProblemsOverviewPage = lazy(() => import("../modules/problems/OverviewPage"));
const ProblemListPage = lazy(() => import("../modules/problems/ProblemListPage"));
const NewProblemPage = lazy(() => import("../modules/problems/NewProblemPage"));
const ProblemPage = lazy(() => import("../modules/problems/ProblemPage"));
const CluesPage = lazy(() => import("../modules/problems/CluesPage"));
const SupervisionPage = lazy(() => import("../modules/problems/SupervisionPage"));
const ProblemStatsPage = lazy(() => import("../modules/problems/StatsPage"));
const ProblemListsPage = lazy(() => import("../modules/problems/lists/ProblemListsPage"));
const ProblemListDetailPage = lazy(() => import("../modules/problems/lists/ProblemListDetailPage"));
const CommonListsPage = lazy(() => import("../modules/problems/lists/CommonListsPage"));
const CommonListDetailPage = lazy(() => import("../modules/problems/lists/CommonListDetailPage"));
const NegativeListsPage = lazy(() => import("../modules/problems/lists/NegativeListsPage"));
const NegativeListDetailPage = lazy(() => import("../modules/problems/lists/NegativeListDetailPage"));
const ImportPage = lazy(() => import("../modules/problems/ImportPage"));

const MyTrainingPage = lazy(() => import("../modules/training/MyTrainingPage"));
const TrainingPlansPage = lazy(() => import("../modules/training/PlansPage"));
const ClassroomsPage = lazy(() => import("../modules/training/ClassroomsPage"));
const TeachersPage = lazy(() => import("../modules/training/TeachersPage"));
const ExamPaperPage = lazy(() => import("../modules/training/ExamPaperPage"));
const CheckInPage = lazy(() => import("../modules/training/CheckInPage"));
const SessionsPage = lazy(() => import("../modules/training/SessionsPage"));
const SessionPage = lazy(() => import("../modules/training/SessionPage"));
const AttemptResultView = lazy(() => import("../modules/training/AttemptResultView"));
const PersonTimesPage = lazy(() => import("../modules/training/PersonTimesPage"));
const BankPage = lazy(() => import("../modules/training/BankPage"));
const ExamsPage = lazy(() => import("../modules/training/ExamsPage"));
const ExamResultsPage = lazy(() => import("../modules/training/ExamResultsPage"));
const ResultsPage = lazy(() => import("../modules/training/ResultsPage"));
const ReservePage = lazy(() => import("../modules/cadres/ReservePage"));
const CadrePage = lazy(() => import("../modules/cadres/CadrePage"));
const GraduatesPage = lazy(() => import("../modules/cadres/GraduatesPage"));
const MovesPage = lazy(() => import("../modules/cadres/MovesPage"));
const EvaluationBoardsPage = lazy(() => import("../modules/evaluation/BoardsPage"));
const EvaluationCataloguesPage = lazy(() => import("../modules/evaluation/CataloguesPage"));
const EvaluationAppealsPage = lazy(() => import("../modules/evaluation/AppealsPage"));
const EvaluationResultsPage = lazy(() => import("../modules/evaluation/ResultsPage"));
const ScorecardPage = lazy(() => import("../modules/evaluation/ScorecardPage"));
const AssessPage = lazy(() => import("../modules/evaluation/AssessPage"));

const EventListPage = lazy(() => import("../modules/events/EventListPage"));
const EventPage = lazy(() => import("../modules/events/EventPage"));
const ReportPage = lazy(() => import("../modules/events/ReportPage"));
const EventMapPage = lazy(() => import("../modules/events/EventMapPage"));
const StatsPage = lazy(() => import("../modules/events/StatsPage"));

const LedgerVillagesPage = lazy(() => import("../modules/ledgers/VillagesPage"));
const LedgerContractsPage = lazy(() => import("../modules/ledgers/ContractsPage"));
const LedgerContractPage = lazy(() => import("../modules/ledgers/ContractPage"));
const LedgerDebtsPage = lazy(() => import("../modules/ledgers/DebtsPage"));
const LedgerIncomePage = lazy(() => import("../modules/ledgers/IncomePage"));
const LedgerPairingsPage = lazy(() => import("../modules/ledgers/PairingsPage"));
const LedgerCooperativesPage = lazy(() => import("../modules/ledgers/CooperativesPage"));
const LedgerImportPage = lazy(() => import("../modules/ledgers/ImportPage"));

const NotificationSettingsPage = lazy(() => import("../modules/notifications/NotificationSettingsPage"));
const MyHouseholdsPage = lazy(() => import("../modules/pairing/MyHouseholdsPage"));
const VisitPage = lazy(() => import("../modules/pairing/VisitPage"));
const CoveragePage = lazy(() => import("../modules/pairing/CoveragePage"));
const ConflictsPage = lazy(() => import("../modules/pairing/ConflictsPage"));
const ConflictPage = lazy(() => import("../modules/pairing/ConflictPage"));
const SuggestionsPage = lazy(() => import("../modules/pairing/SuggestionsPage"));
const PairingsPage = lazy(() => import("../modules/pairing/PairingsPage"));
const ServicePage = lazy(() => import("../modules/pairing/ServicePage"));
const VisitsPage = lazy(() => import("../modules/pairing/VisitsPage"));
const PairingSettingsPage = lazy(() => import("../modules/pairing/SettingsPage"));
const MyServicePage = lazy(() => import("../modules/pairing/MyServicePage"));

/**
 * The permissions no system role (三员) holds. An account with one of them holds a role at a node of
 * the tree: a person of the city, who may report to a community as a party member. The system
 * administrators' accounts are no such person, so 我的服务 is not in their menu.
 */
const heldByPeople: readonly Permission[] = permissionNames.filter((permission) => !systemRoles.some((role) => (roles[role].permissions as readonly Permission[]).includes(permission)));

type Section = "campaign" | "problems" | "events" | "ledgers" | "pairing" | "service" | "training" | "cadres" | "evaluation";

const sections: Record<Section, SectionDef> = {
  /** 专项行动: its frame loads the campaign looked at and the caller's part in it. */
  campaign: { root: "/campaign", anyOf: ["campaign.read"], layout: CampaignSection },
  /** 问题清单 */
  problems: { root: "/problems", anyOf: ["problem.read"] },
  /** 网格事件 */
  events: { root: "/events", anyOf: ["event.read"] },
  /** 集体经济（清化收） */
  ledgers: { root: "/ledgers", anyOf: ["ledger.read"] },
  /** 包村联户 and the conflict register */
  pairing: { root: "/pairing", anyOf: ["pairing.read"] },
  /** 党员下沉 */
  service: { root: "/service/members", anyOf: ["service.read"] },
  /** 教育培训: plans, sessions, the bank, tests and results, for those who run training. */
  training: { root: "/training/sessions", anyOf: ["training.read"] },
  /** 后备干部: the organisation department's alone. */
  cadres: { root: "/cadres", anyOf: ["cadre.read"] },
  /** 考评排名 ("1+3X", 比一比): boards, scorecards, the catalogues and appeals. */
  evaluation: { root: "/evaluation", anyOf: ["evaluation.read"] },
};

/** The pages of one section. */
const inSection =
  (section: Section) =>
  <P extends string>(path: P, spec: PageSpec<P, Section>) =>
    page<Section, P>(path, { ...spec, section });
const campaign = inSection("campaign");
const problems = inSection("problems");
const events = inSection("events");
const ledgers = inSection("ledgers");
const pairing = inSection("pairing");
const service = inSection("service");
const training = inSection("training");
const cadres = inSection("cadres");
const evaluation = inSection("evaluation");

export const navigation = createNavigation<Section>({
  sections,
  routes: [
    page("/", { page: HomePage, anyOf: ["figures.read"], phone: true, menu: { label: "nav.home", icon: <DashboardOutlined />, order: 10 } }),

    campaign("/campaign", { page: CampaignOverviewPage, menu: { label: "nav.campaign", icon: <ProjectOutlined />, order: 20 }, tab: { label: "campaign.nav.overview", order: 10, id: "overview" } }),
    campaign("/campaign/board", { page: BoardPage, tab: { label: "campaign.nav.board", order: 20, id: "board" } }),
    campaign("/campaign/map", { page: BattleMapPage, tab: { label: "campaign.nav.map", order: 30, id: "map" } }),
    campaign("/campaign/rates", { page: RatesPage, tab: { label: "campaign.nav.rates", order: 40, id: "rates" } }),
    campaign("/campaign/projects", { page: ProjectsPage, tab: { label: "campaign.nav.projects", order: 50, id: "projects" } }),
    campaign("/campaign/projects/:id", { render: ({ id }) => <ProjectPage key={id} id={id} />, under: "/campaign/projects" }),
    campaign("/campaign/claims", { page: ClaimsPage, under: "/campaign/board" }),
    campaign("/campaign/claims/:id", { render: ({ id }) => <ClaimPage key={id} id={id} />, under: "/campaign/board" }),
    campaign("/campaign/topics", { page: TopicsPage, under: "/campaign/board" }),
    campaign("/campaign/measures", { page: MeasuresPage, under: "/campaign" }),
    campaign("/campaign/task-forces", { page: TaskForcesPage, under: "/campaign" }),
    campaign("/campaign/topic-units", { page: TopicUnitsPage, under: "/campaign" }),
    campaign("/campaign/aspects", { render: () => <DecompositionPage level="aspects" />, under: "/campaign" }),
    campaign("/campaign/items", { render: () => <DecompositionPage level="items" />, under: "/campaign" }),
    campaign("/campaign/figure", { page: CampaignFigurePage, under: "/campaign" }),

    page("/orgs", { render: () => <OrgsPage selectedId={null} />, anyOf: ["org.read"], menu: { label: "nav.orgs", icon: <ApartmentOutlined />, order: 30 } }),
    page("/orgs/:id", { render: ({ id }) => <OrgsPage selectedId={id} />, anyOf: ["org.read"], under: "/orgs" }),
    page("/nodes", { page: NodesPage, anyOf: ["org.read"], under: "/orgs", title: "nav.nodes" }),
    page("/people", { page: PeoplePage, anyOf: ["person.read"], menu: { label: "nav.people", icon: <TeamOutlined />, order: 40 } }),
    page("/households", { page: HouseholdsPage, anyOf: ["person.read"], menu: { label: "nav.households", icon: <HomeOutlined />, order: 50 } }),
    page("/departments", { page: DepartmentsPage, anyOf: ["org.read"], menu: { label: "nav.departments", icon: <ClusterOutlined />, order: 60 } }),
    page("/units", { page: UnitsPage, anyOf: ["org.read"], menu: { label: "nav.units", icon: <BankOutlined />, order: 70 } }),
    page("/party-orgs", { page: PartyOrgsPage, anyOf: ["org.read"], menu: { label: "nav.partyOrgs", icon: <FlagOutlined />, order: 80 } }),

    problems("/problems/overview", { page: ProblemsOverviewPage, anyOf: ["figures.read"], tab: { label: "problems.nav.overview", order: 10, id: "overview" } }),
    problems("/problems", { page: ProblemListPage, menu: { label: "nav.problems", icon: <ExceptionOutlined />, order: 90 }, tab: { label: "problems.nav.problems", order: 20, id: "list" } }),
    problems("/problems/new", { page: NewProblemPage, anyOf: ["problem.report"], under: "/problems" }),
    problems("/problems/:id", { render: ({ id }) => <ProblemPage key={id} id={id} />, under: "/problems" }),
    problems("/problems/clues", { page: CluesPage, tab: { label: "problems.nav.clues", order: 30, id: "clues" } }),
    problems("/problems/supervision", { page: SupervisionPage, anyOf: ["problem.supervise"], tab: { label: "problems.nav.supervision", order: 40, id: "supervision" } }),
    problems("/problems/stats", { page: ProblemStatsPage, tab: { label: "problems.nav.stats", order: 45, id: "stats" } }),
    problems("/problems/lists", { page: ProblemListsPage, tab: { label: "problems.nav.lists", order: 50, id: "lists" } }),
    problems("/problems/lists/:id", { render: ({ id }) => <ProblemListDetailPage key={id} id={id} />, under: "/problems/lists" }),
    problems("/problems/common", { page: CommonListsPage, tab: { label: "problems.nav.common", order: 60, id: "common" } }),
    problems("/problems/common/:id", { render: ({ id }) => <CommonListDetailPage key={id} id={id} />, under: "/problems/common" }),
    problems("/problems/negative", { page: NegativeListsPage, tab: { label: "problems.nav.negative", order: 70, id: "negative" } }),
    problems("/problems/negative/:id", { render: ({ id }) => <NegativeListDetailPage key={id} id={id} />, under: "/problems/negative" }),
    problems("/problems/import", { page: ImportPage, anyOf: ["problem.report"], tab: { label: "problems.nav.import", order: 80, id: "import" } }),

    events("/events", { page: EventListPage, phone: true, menu: { label: "nav.events", icon: <AlertOutlined />, order: 100 }, tab: { label: "events.nav.list", order: 10, id: "list" } }),
    events("/events/report", { page: ReportPage, anyOf: ["event.report"], phone: true, tab: { label: "events.nav.report", order: 20, id: "report" } }),
    events("/events/map", { page: EventMapPage, tab: { label: "events.nav.map", order: 30, id: "map" } }),
    events("/events/stats", { render: () => <StatsPage view="nodes" />, tab: { label: "events.nav.stats", order: 40, id: "stats" } }),
    events("/events/departments", { render: () => <StatsPage view="departments" />, tab: { label: "events.nav.departments", order: 50, id: "departments" } }),
    events("/events/:id", { render: ({ id }) => <EventPage key={id} id={id} />, phone: true, under: "/events" }),

    ledgers("/ledgers", { page: LedgerVillagesPage, menu: { label: "nav.ledgers", icon: <AccountBookOutlined />, order: 105 }, tab: { label: "ledgers.nav.villages", order: 10, id: "villages" } }),
    ledgers("/ledgers/contracts", { page: LedgerContractsPage, tab: { label: "ledgers.nav.contracts", order: 20, id: "contracts" } }),
    ledgers("/ledgers/contracts/:id", { render: ({ id }) => <LedgerContractPage key={id} id={id} />, under: "/ledgers/contracts" }),
    ledgers("/ledgers/debts", { page: LedgerDebtsPage, tab: { label: "ledgers.nav.debts", order: 30, id: "debts" } }),
    ledgers("/ledgers/income", { page: LedgerIncomePage, tab: { label: "ledgers.nav.income", order: 40, id: "income" } }),
    ledgers("/ledgers/pairings", { page: LedgerPairingsPage, tab: { label: "ledgers.nav.pairings", order: 50, id: "pairings" } }),
    ledgers("/ledgers/cooperatives", { page: LedgerCooperativesPage, tab: { label: "ledgers.nav.cooperatives", order: 60, id: "cooperatives" } }),
    ledgers("/ledgers/import", { page: LedgerImportPage, anyOf: ["ledger.manage"], tab: { label: "ledgers.nav.import", order: 70, id: "import" } }),
    pairing("/pairing", { page: MyHouseholdsPage, menu: { label: "nav.pairing", icon: <HeartOutlined />, order: 104 }, tab: { label: "pairing.nav.mine", order: 10, id: "mine" } }),
    pairing("/pairing/visit", { page: VisitPage, anyOf: ["pairing.visit"], phone: true, under: "/pairing", title: "pairing.nav.visit" }),
    pairing("/pairing/coverage", { page: CoveragePage, tab: { label: "pairing.nav.coverage", order: 20, id: "coverage" } }),
    pairing("/pairing/conflicts", { page: ConflictsPage, tab: { label: "pairing.nav.conflicts", order: 30, id: "conflicts" } }),
    pairing("/pairing/conflicts/:id", { render: ({ id }) => <ConflictPage key={id} id={id} />, under: "/pairing/conflicts" }),
    pairing("/pairing/suggestions", { page: SuggestionsPage, tab: { label: "pairing.nav.suggestions", order: 40, id: "suggestions" } }),
    pairing("/pairing/pairings", { page: PairingsPage, tab: { label: "pairing.nav.pairings", order: 50, id: "pairings" } }),
    pairing("/pairing/visits", { page: VisitsPage, tab: { label: "pairing.nav.visits", order: 15, id: "visits" } }),
    pairing("/pairing/settings", { page: PairingSettingsPage, anyOf: ["pairing.manage"], tab: { label: "pairing.nav.settings", order: 60, id: "settings" } }),
    // A party member's own side: any account whose person reports to a community (the page says so when it does not).
    page("/my-service", { page: MyServicePage, anyOf: heldByPeople, menu: { label: "nav.myService", icon: <SolutionOutlined />, order: 107 } }),
    service("/service/members", { render: () => <ServicePage view="members" />, menu: { label: "nav.service", icon: <SolutionOutlined />, order: 106 }, tab: { label: "service.nav.members", order: 10, id: "members" } }),
    service("/service/communities", { render: () => <ServicePage view="communities" />, tab: { label: "service.nav.communities", order: 20, id: "communities" } }),
    service("/service/teams", { render: () => <ServicePage view="teams" />, tab: { label: "service.nav.teams", order: 30, id: "teams" } }),
    service("/service/deeds", { render: () => <ServicePage view="deeds" />, tab: { label: "service.nav.deeds", order: 40, id: "deeds" } }),
    service("/service/calls", { render: () => <ServicePage view="calls" />, tab: { label: "service.nav.calls", order: 50, id: "calls" } }),
    training("/training/sessions", { page: SessionsPage, menu: { label: "nav.training", icon: <ReadOutlined />, order: 105 }, tab: { label: "training.nav.sessions", order: 10, id: "sessions" } }),
    training("/training/person-times", { page: PersonTimesPage, tab: { label: "training.nav.personTimes", order: 20, id: "person-times" } }),
    training("/training/exams", { page: ExamsPage, tab: { label: "training.nav.exams", order: 30, id: "exams" } }),
    training("/training/exams/:id", { render: ({ id }) => <ExamResultsPage key={id} id={id} />, under: "/training/exams", title: "training.nav.exam" }),
    training("/training/results", { page: ResultsPage, tab: { label: "training.nav.results", order: 40, id: "results" } }),
    training("/training/bank", { page: BankPage, anyOf: ["training.manage"], tab: { label: "training.nav.bank", order: 50, id: "bank" } }),
    training("/training/plans", { page: TrainingPlansPage, tab: { label: "training.nav.plans", order: 15, id: "plans" } }),
    training("/training/classrooms", { page: ClassroomsPage, tab: { label: "training.nav.classrooms", order: 60, id: "classrooms" } }),
    training("/training/teachers", { page: TeachersPage, tab: { label: "training.nav.teachers", order: 70, id: "teachers" } }),
    training("/training/sessions/:id", { render: ({ id }) => <SessionPage key={id} id={id} />, under: "/training/sessions", title: "training.nav.session" }),
    training("/training/attempts/:id", { render: ({ id }) => <AttemptResultView key={id} id={id} />, under: "/training/results", title: "training.nav.exam" }),
    // The attendee's side lies apart from the training section, which only those who read training open.
    page("/my-training", { page: MyTrainingPage, anyOf: ["training.attend"], menu: { label: "nav.myTraining", icon: <SolutionOutlined />, order: 104 } }),
    page("/my-training/sessions/:id", { render: ({ id }) => <SessionPage key={id} id={id} />, anyOf: ["training.attend"], under: "/my-training", title: "training.nav.session" }),
    page("/my-training/attempts/:id", { render: ({ id }) => <ExamPaperPage key={id} id={id} />, anyOf: ["training.attend"], under: "/my-training", title: "training.nav.paper" }),
    page("/my-training/check-in/:id", { render: ({ id }) => <CheckInPage key={id} id={id} />, anyOf: ["training.attend"], under: "/my-training", title: "training.nav.checkIn" }),

    cadres("/cadres", { page: ReservePage, menu: { label: "nav.cadres", icon: <IdcardOutlined />, order: 106 }, tab: { label: "cadres.nav.reserve", order: 10, id: "reserve" } }),
    cadres("/cadres/graduates", { page: GraduatesPage, tab: { label: "cadres.nav.graduates", order: 20, id: "graduates" } }),
    cadres("/cadres/moves", { page: MovesPage, tab: { label: "cadres.nav.moves", order: 30, id: "moves" } }),
    cadres("/cadres/:id", { render: ({ id }) => <CadrePage key={id} id={id} />, under: "/cadres", title: "cadres.nav.profile" }),

    page("/calendar", { page: CalendarPage, anyOf: ["calendar.manage"], menu: { label: "nav.calendar", icon: <CalendarOutlined />, order: 110 } }),
    page("/accounts", { page: AccountsPage, anyOf: ["account.read", "role.read"], menu: { label: "nav.accounts", icon: <UserSwitchOutlined />, order: 120 } }),
    page("/security", { page: SecurityPage, anyOf: ["security.manage", "account.manage"], menu: { label: "nav.security", icon: <SafetyOutlined />, order: 125 } }),
    page("/audit", { page: AuditPage, anyOf: ["audit.read"], menu: { label: "nav.audit", icon: <AuditOutlined />, order: 130 } }),
    page("/password", { page: ChangePasswordPage, menu: { label: "nav.password", icon: <KeyOutlined />, order: 140 } }),
    page("/notifications", { page: NotificationSettingsPage, anyOf: heldByPeople, title: "notify.settings.title", menu: { label: "nav.notifications", icon: <BellOutlined />, order: 135 } }),

    evaluation("/evaluation", { page: EvaluationBoardsPage, menu: { label: "nav.evaluation", icon: <TrophyOutlined />, order: 108 }, tab: { label: "evaluation.nav.boards", order: 10, id: "boards" } }),
    evaluation("/evaluation/catalogues", { page: EvaluationCataloguesPage, tab: { label: "evaluation.nav.catalogues", order: 20, id: "catalogues" } }),
    evaluation("/evaluation/appeals", { page: EvaluationAppealsPage, tab: { label: "evaluation.nav.appeals", order: 30, id: "appeals" } }),
    evaluation("/evaluation/assess", { page: AssessPage, anyOf: ["evaluation.assess"], tab: { label: "evaluation.nav.assess", order: 25, id: "assess" } }),
    evaluation("/evaluation/results", { page: EvaluationResultsPage, under: "/evaluation", title: "evaluation.nav.results" }),
    evaluation("/evaluation/scorecard", { page: ScorecardPage, under: "/evaluation", title: "evaluation.nav.scorecard" }),
    page("/public/*", { page: PublicApp, public: true }),
    page("/bigscreen/province", { page: ProvinceScreenPage, anyOf: ["figures.read"], bare: true, under: "/bigscreen" }),
    page("/bigscreen", { page: BigScreenPage, anyOf: ["figures.read"], bare: true, menu: { label: "bigscreen.open", icon: <FundProjectionScreenOutlined />, order: 15 } }),
  ],
});
