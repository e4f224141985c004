import { Empty, Select } from "antd";
import { Suspense, useCallback, useMemo, type ReactNode } from "react";
import { ApiError } from "../../api/client";
import { campaignApi } from "../../api/campaign";
import { navigate, useLocation, withQuery } from "../../app/router";
import { SectionTabs } from "../../app/SectionTabs";
import { useAsync } from "../../app/useAsync";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { CampaignProvider, cityToday, type CampaignContextValue } from "./common";
import "./campaign.css";

/**
 * 专项行动: the campaign the caller looks at (?campaign=, else the first one they see), who they are
 * in it (/campaign/me), the section's tabs with a campaign picker, and the page of the path. Stays
 * mounted for the whole section, so moving between its pages does not load the campaign again.
 */
export default function CampaignSection({ children }: { children: ReactNode }) {
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
  const picker = multiple ? (
    <Select
      aria-label={i18n.t("campaign.pick")}
      value={value.campaign.id}
      onChange={(id) => navigate(withQuery(location.path, { ...Object.fromEntries(location.query), campaign: id, page: undefined }))}
      options={list.map((c) => ({ value: c.id, label: c.name }))}
      style={{ minWidth: 200, maxWidth: "100%" }}
    />
  ) : null;
  return (
    <CampaignProvider value={value}>
      <div data-testid="campaign-section" data-campaign={value.campaign.id}>
        <SectionTabs section="campaign" extra={picker} hrefFor={(path) => href(path)} />
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </div>
    </CampaignProvider>
  );
}
