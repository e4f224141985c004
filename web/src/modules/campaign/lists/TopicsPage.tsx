import type { TableProps } from "antd";
import { useMemo } from "react";
import { campaignApi, type TopicData, type TopicParams } from "../../../api/campaign";
import { navigate, useLocation } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import type { FilterTag } from "../../../components/FilterTags";
import { ListPage } from "../../../components/ListPage";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery } from "../../../lib/query";
import { ActionKindTag, AudienceTag, useCampaign, type TopicStatusName } from "../common";
import { ClaimDeadline, TopicActions } from "../TopicParts";

type TopicFilters = Omit<TopicParams, "campaign"> & { page: number; pageSize: number };

function topicFiltersFromQuery(query: URLSearchParams): TopicFilters {
  const audience = query.get("audience");
  const kind = query.get("kind");
  const status = query.get("status");
  const listed = query.get("listed");
  return {
    audience: audience === "leader" || audience === "unit" ? audience : undefined,
    kind: kind === "required" || kind === "optional" ? kind : undefined,
    status: status === "draft" || status === "open" || status === "closed" ? status : undefined,
    listed: listed === "true" || listed === "false" ? listed : undefined,
    ...pageParams(query),
  };
}

/** 榜单题目: the list behind 规定动作 (38) and 自选动作 (7), and any other topic filter a link carries. */
export default function TopicsPage() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const location = useLocation();
  const filters = topicFiltersFromQuery(location.query);
  const key = JSON.stringify(filters);
  const list = useAsync((signal) => campaignApi.topics({ campaign: campaign.id, ...filters }, signal), [campaign.id, key]);
  const go = (next: Partial<TopicFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    navigate(
      href("/campaign/topics", {
        ...(location.query.get("campaign") ? { campaign: campaign.id } : {}),
        ...merged,
        ...pagingQuery(merged),
      }),
      { replace: true },
    );
  };

  const reload = list.reload;
  const columns = useMemo<NonNullable<TableProps<TopicData>["columns"]>>(
    () => [
      {
        key: "title",
        title: i18n.t("campaign.topic.title"),
        render: (_: unknown, t: TopicData) => (
          <div>
            <div style={{ fontWeight: 500, wordBreak: "break-word" }}>{t.title}</div>
            <ClaimDeadline topic={t} />
          </div>
        ),
      },
      { key: "audience", title: i18n.t("campaign.topic.audience"), width: 100, responsive: ["sm"], render: (_: unknown, t: TopicData) => <AudienceTag audience={t.audience} /> },
      { key: "kind", title: i18n.t("campaign.kind"), width: 96, responsive: ["sm"], render: (_: unknown, t: TopicData) => <ActionKindTag kind={t.kind} /> },
      { key: "status", title: i18n.t("campaign.status"), width: 80, render: (_: unknown, t: TopicData) => i18n.t(`campaign.topic.status.${t.status}`) },
      {
        key: "claims",
        title: i18n.t("campaign.board.claims"),
        width: 150,
        responsive: ["md"],
        render: (_: unknown, t: TopicData) => i18n.t("campaign.topic.claimsCount", { submitted: t.claims.submitted, approved: t.claims.approved }),
      },
      { key: "actions", title: i18n.t("common.actions"), width: 150, render: (_: unknown, t: TopicData) => <TopicActions topic={t} onChanged={reload} /> },
    ],
    [i18n, reload],
  );

  const tags: FilterTag[] = [];
  if (filters.audience) tags.push({ key: "audience", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.audience"), value: i18n.t(`campaign.audience.${filters.audience}`) }), onRemove: () => go({ audience: undefined }) });
  if (filters.kind) tags.push({ key: "kind", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.kind"), value: i18n.t(`campaign.kind.${filters.kind}`) }), onRemove: () => go({ kind: undefined }) });
  if (filters.status) tags.push({ key: "status", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.status"), value: i18n.t(`campaign.topic.status.${filters.status as TopicStatusName}`) }), onRemove: () => go({ status: undefined }) });
  if (filters.listed === "true") tags.push({ key: "listed", label: i18n.t("campaign.filter.listed"), onRemove: () => go({ listed: undefined }) });

  return (
    <ListPage<TopicData>
      pageTestId="topics-page"
      tags={tags}
      onClearTags={tags.length > 0 ? () => go({ audience: undefined, kind: undefined, status: undefined, listed: undefined }) : undefined}
      list={list}
      columns={columns}
      testId="topics-table"
      empty={i18n.t("campaign.topics.empty")}
      paging={{ page: filters.page, pageSize: filters.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
