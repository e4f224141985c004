import { Button, Result, Tabs } from "antd";
import { lazy, Suspense } from "react";
import type { Permission } from "../../../../shared/permissions";
import { matchPath, navigate, useLocation } from "../../app/router";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";

const ProblemListPage = lazy(() => import("./ProblemListPage"));
const ProblemPage = lazy(() => import("./ProblemPage"));
const NewProblemPage = lazy(() => import("./NewProblemPage"));
const OverviewPage = lazy(() => import("./OverviewPage"));
const CluesPage = lazy(() => import("./CluesPage"));
const SupervisionPage = lazy(() => import("./SupervisionPage"));
const ImportPage = lazy(() => import("./ImportPage"));
const ProblemListsPage = lazy(() => import("./lists/ProblemListsPage"));
const ProblemListDetailPage = lazy(() => import("./lists/ProblemListDetailPage"));
const CommonListsPage = lazy(() => import("./lists/CommonListsPage"));
const CommonListDetailPage = lazy(() => import("./lists/CommonListDetailPage"));
const NegativeListsPage = lazy(() => import("./lists/NegativeListsPage"));
const NegativeListDetailPage = lazy(() => import("./lists/NegativeListDetailPage"));

interface SectionTab {
  key: string;
  label: MessageKey;
  /** Shown when the caller holds any of these. */
  anyOf: readonly Permission[];
}

const tabs: readonly SectionTab[] = [
  { key: "/problems/overview", label: "problems.nav.overview", anyOf: ["figures.read"] },
  { key: "/problems", label: "problems.nav.problems", anyOf: ["problem.read"] },
  { key: "/problems/clues", label: "problems.nav.clues", anyOf: ["problem.read"] },
  { key: "/problems/supervision", label: "problems.nav.supervision", anyOf: ["problem.supervise"] },
  { key: "/problems/lists", label: "problems.nav.lists", anyOf: ["problem.read"] },
  { key: "/problems/common", label: "problems.nav.common", anyOf: ["problem.read"] },
  { key: "/problems/negative", label: "problems.nav.negative", anyOf: ["problem.read"] },
  { key: "/problems/import", label: "problems.nav.import", anyOf: ["problem.report"] },
];

/** Which tab a path belongs to: a problem's own page and the new-problem form to the problem list. */
export function tabOf(path: string): string {
  const part = path.split("/")[2] ?? "";
  const known = ["overview", "clues", "supervision", "lists", "common", "negative", "import"];
  return known.includes(part) ? `/problems/${part}` : "/problems";
}

function NotFound() {
  const i18n = useI18n();
  return (
    <Result
      status="404"
      title={i18n.t("nav.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/problems")}>
          {i18n.t("problems.nav.problems")}
        </Button>
      }
    />
  );
}

function Forbidden() {
  const i18n = useI18n();
  return <Result status="403" title={i18n.t("nav.forbidden")} />;
}

function SectionPage({ path }: { path: string }) {
  const auth = useAuth();
  const idOf = (pattern: string): number | null => {
    const params = matchPath(pattern, path);
    return params ? (positiveInt(params.id) ?? -1) : null;
  };
  const guard = (permission: Permission, page: React.ReactNode) => (auth.can(permission) ? page : <Forbidden />);
  switch (path) {
    case "/problems":
      return <ProblemListPage />;
    case "/problems/new":
      return guard("problem.report", <NewProblemPage />);
    case "/problems/overview":
      return guard("figures.read", <OverviewPage />);
    case "/problems/clues":
      return <CluesPage />;
    case "/problems/supervision":
      return guard("problem.supervise", <SupervisionPage />);
    case "/problems/import":
      return guard("problem.report", <ImportPage />);
    case "/problems/lists":
      return <ProblemListsPage />;
    case "/problems/common":
      return <CommonListsPage />;
    case "/problems/negative":
      return <NegativeListsPage />;
  }
  const listId = idOf("/problems/lists/:id");
  if (listId !== null) return listId > 0 ? <ProblemListDetailPage key={listId} id={listId} /> : <NotFound />;
  const commonId = idOf("/problems/common/:id");
  if (commonId !== null) return commonId > 0 ? <CommonListDetailPage key={commonId} id={commonId} /> : <NotFound />;
  const negativeId = idOf("/problems/negative/:id");
  if (negativeId !== null) return negativeId > 0 ? <NegativeListDetailPage key={negativeId} id={negativeId} /> : <NotFound />;
  const problemId = idOf("/problems/:id");
  if (problemId !== null) return problemId > 0 ? <ProblemPage key={problemId} id={problemId} /> : <NotFound />;
  return <NotFound />;
}

/** 问题清单: the section's tabs (by permission) and the page of the path. */
export default function ProblemsSection() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const visible = tabs.filter((tab) => tab.anyOf.some(auth.can));
  return (
    <div data-testid="problems-section">
      <Tabs
        activeKey={tabOf(location.path)}
        onChange={(key) => navigate(key)}
        items={visible.map((tab) => ({ key: tab.key, label: <span data-testid={`problems-tab-${tab.key.split("/")[2] ?? "list"}`}>{i18n.t(tab.label)}</span> }))}
        size="small"
        style={{ marginBottom: 4 }}
      />
      <Suspense fallback={<Loading />}>
        <SectionPage path={location.path} />
      </Suspense>
    </div>
  );
}
