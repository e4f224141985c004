import { Empty, Result, Button } from "antd";
import { lazy, Suspense, useCallback, useEffect, useMemo } from "react";
import { ApiError } from "../../api/client";
import { campaignApi } from "../../api/campaign";
import { matchPath, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { CampaignNav, CampaignProvider, cityToday, useCampaign, type CampaignContextValue } from "./common";
import { routeForApiHref } from "./links";
import "./campaign.css";

const OverviewPage = lazy(() => import("./OverviewPage"));
const BoardPage = lazy(() => import("./BoardPage"));
const ClaimPage = lazy(() => import("./ClaimPage"));
const ProjectPage = lazy(() => import("./ProjectPage"));
const BattleMapPage = lazy(() => import("./BattleMapPage"));
const RatesPage = lazy(() => import("./RatesPage"));
const ProjectsPage = lazy(() => import("./lists/ProjectsPage"));
const MeasuresPage = lazy(() => import("./lists/MeasuresPage"));
const TaskForcesPage = lazy(() => import("./lists/TaskForcesPage"));
const TopicUnitsPage = lazy(() => import("./lists/TopicUnitsPage"));
const ClaimsPage = lazy(() => import("./lists/ClaimsPage"));
const TopicsPage = lazy(() => import("./lists/TopicsPage"));
const DecompositionPage = lazy(() => import("./lists/DecompositionPage"));

function NotFound() {
  const i18n = useI18n();
  return (
    <Result
      status="404"
      title={i18n.t("nav.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/campaign")}>
          {i18n.t("campaign.nav.overview")}
        </Button>
      }
    />
  );
}

/**
 * A campaign figure opened from the overview of the city (/campaign/figure?key=campaign.projects):
 * asks the campaign for its figures and goes, in place, to the list the API names for that key.
 */
function FigureRedirect() {
  const i18n = useI18n();
  const { campaign } = useCampaign();
  const location = useLocation();
  const key = location.query.get("key") ?? "";
  const figures = useAsync((signal) => campaignApi.figures(campaign.id, signal), [campaign.id]);
  const href = figures.data?.items.find((item) => item.key === key)?.href;
  const route = href ? routeForApiHref(href) : null;
  useEffect(() => {
    if (route) navigate(route, { replace: true });
  }, [route]);
  if (figures.error) return <PageError error={figures.error} onRetry={figures.reload} />;
  if (figures.data && !route) return <Empty description={i18n.t("campaign.empty")} style={{ marginTop: 40 }} />;
  return <Loading />;
}

/** The page for a path of the campaign section (the paths mirror the API's: see links.ts). */
function SectionPage({ path }: { path: string }) {
  const id = (pattern: string) => {
    const params = matchPath(pattern, path);
    return params ? (positiveInt(params.id) ?? -1) : null;
  };
  const projectId = id("/campaign/projects/:id");
  const claimId = id("/campaign/claims/:id");
  if (projectId !== null) return projectId > 0 ? <ProjectPage key={projectId} id={projectId} /> : <NotFound />;
  if (claimId !== null) return claimId > 0 ? <ClaimPage key={claimId} id={claimId} /> : <NotFound />;
  switch (path) {
    case "/campaign":
      return <OverviewPage />;
    case "/campaign/board":
      return <BoardPage />;
    case "/campaign/map":
      return <BattleMapPage />;
    case "/campaign/rates":
      return <RatesPage />;
    case "/campaign/projects":
      return <ProjectsPage />;
    case "/campaign/measures":
      return <MeasuresPage />;
    case "/campaign/task-forces":
      return <TaskForcesPage />;
    case "/campaign/topic-units":
      return <TopicUnitsPage />;
    case "/campaign/claims":
      return <ClaimsPage />;
    case "/campaign/topics":
      return <TopicsPage />;
    case "/campaign/aspects":
      return <DecompositionPage level="aspects" />;
    case "/campaign/items":
      return <DecompositionPage level="items" />;
    case "/campaign/figure":
      return <FigureRedirect />;
    default:
      return <NotFound />;
  }
}

/**
 * 专项行动: the campaign the caller looks at (?campaign=, else the first one they see), who they are
 * in it (/campaign/me), the section's tabs, and the page of the path. Mounted once for the whole
 * section, so moving between its pages does not load the campaign again.
 */
export default function CampaignSection() {
  const i18n = useI18n();
  const location = useLocation();
  const wanted = positiveInt(location.query.get("campaign"));
  const campaigns = useAsync((signal) => campaignApi.list(signal), []);
  const me = useAsync((signal) => campaignApi.me(signal), []);
  const list = campaigns.data?.items;
  const campaign = list ? (wanted === undefined ? list[0] : list.find((c) => c.id === wanted)) : undefined;
  const multiple = (list?.length ?? 0) > 1;
  const campaignId = campaign?.id;

  const href = useCallback(
    (path: string, query: Record<string, string | number | undefined | null> = {}) => withQuery(path, { ...(multiple ? { campaign: campaignId } : {}), ...query }),
    [multiple, campaignId],
  );
  const value = useMemo<CampaignContextValue | null>(
    () => (campaign && list && me.data ? { campaign, campaigns: list, me: me.data, today: cityToday(), href } : null),
    [campaign, list, me.data, href],
  );

  if (campaigns.error || me.error) return <PageError error={campaigns.error ?? me.error} onRetry={() => (campaigns.error ? campaigns.reload() : me.reload())} />;
  if (!list || !me.data) return <Loading />;
  if (list.length === 0) return <Empty description={i18n.t("campaign.none")} style={{ marginTop: 80 }} />;
  if (!value) return <PageError error={new ApiError({ status: 404, code: "not_found", message: "" })} />;
  return (
    <CampaignProvider value={value}>
      <div data-testid="campaign-section" data-campaign={value.campaign.id}>
        <CampaignNav />
        <Suspense fallback={<Loading />}>
          <SectionPage path={location.path} />
        </Suspense>
      </div>
    </CampaignProvider>
  );
}
