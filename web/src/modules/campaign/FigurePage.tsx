import { Empty } from "antd";
import { useEffect } from "react";
import { campaignApi } from "../../api/campaign";
import { navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { useCampaign } from "./common";
import { routeForApiHref } from "./links";

/**
 * A campaign figure opened from the overview of the city (/campaign/figure?key=campaign.projects):
 * asks the campaign for its figures and goes, in place, to the list the API names for that key.
 */
export default function FigurePage() {
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
