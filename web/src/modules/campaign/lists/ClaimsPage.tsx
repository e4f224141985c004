import { Form, Grid, Segmented, Typography, type TableProps } from "antd";
import { useCallback, useMemo } from "react";
import { campaignApi, type ClaimData, type ClaimParams } from "../../../api/campaign";
import { hrefTo, navigate, useLocation } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import type { FilterTag } from "../../../components/FilterTags";
import { ListFilters, ListPage, ListTable } from "../../../components/ListPage";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../../lib/query";
import { ClaimActions } from "../ClaimParts";
import { claimProjectCount } from "../claimCount";
import { AudienceTag, ClaimStatusTag, RefText, claimStatuses, useCampaign, type ClaimStatusName } from "../common";

export type ClaimFilters = Omit<ClaimParams, "campaign"> & { page: number; pageSize: number };

export function claimFiltersFromQuery(query: URLSearchParams): ClaimFilters {
  const audience = query.get("audience");
  const status = query.get("status");
  return {
    topic: positiveInt(query.get("topic")),
    unit: positiveInt(query.get("unit")),
    audience: audience === "leader" || audience === "unit" ? audience : undefined,
    status: (claimStatuses as readonly string[]).includes(status ?? "") ? (status as ClaimStatusName) : undefined,
    ...pageParams(query),
  };
}

/** Claims' columns: the topic opens the claim; the steps the caller may take on each. */
function useClaimColumns(onChanged: () => void): NonNullable<TableProps<ClaimData>["columns"]> {
  const i18n = useI18n();
  const isMobile = !Grid.useBreakpoint().md;
  return useMemo<NonNullable<TableProps<ClaimData>["columns"]>>(
    () => [
      {
        key: "topic",
        title: i18n.t("campaign.claim.topic"),
        render: (_: unknown, c: ClaimData) => (
          <div style={{ minWidth: 0 }}>
            <a href={hrefTo(`/campaign/claims/${c.id}`)} style={{ wordBreak: "break-word", fontWeight: 500 }} data-testid="claim-link">
              {c.topicTitle}
            </a>
            <div style={{ marginTop: 2 }}>
              <AudienceTag audience={c.audience} />
            </div>
          </div>
        ),
      },
      {
        key: "claimant",
        title: i18n.t("campaign.claim.claimant"),
        width: 150,
        responsive: ["sm"],
        render: (_: unknown, c: ClaimData) => <RefText value={c.unit ?? c.claimant} />,
      },
      {
        key: "plan",
        title: i18n.t("campaign.claim.projects"),
        width: 90,
        responsive: ["lg"],
        align: "right",
        render: (_: unknown, c: ClaimData) => i18n.number(claimProjectCount(c)),
      },
      { key: "submittedAt", title: i18n.t("campaign.claim.submittedAt"), width: 170, responsive: ["md"], render: (_: unknown, c: ClaimData) => i18n.dateTime(c.submittedAt) },
      {
        key: "status",
        title: i18n.t("campaign.status"),
        width: 96,
        render: (_: unknown, c: ClaimData) => (
          <div>
            <ClaimStatusTag status={c.status} />
            {c.reviewNote && c.status === "returned" ? (
              <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, wordBreak: "break-word" }}>
                {c.reviewNote}
              </Typography.Text>
            ) : null}
          </div>
        ),
      },
      { key: "actions", title: i18n.t("common.actions"), width: isMobile ? 110 : 220, render: (_: unknown, c: ClaimData) => <ClaimActions claim={c} onChanged={onChanged} /> },
    ],
    [i18n, isMobile, onChanged],
  );
}

function useClaims(filters: ClaimFilters, reloadKey: number) {
  const { campaign } = useCampaign();
  return useAsync((signal) => campaignApi.claims({ campaign: campaign.id, ...filters }, signal), [campaign.id, JSON.stringify(filters), reloadKey]);
}

/** Claims (申报) with their status and the steps the caller may take on each, as the board shows them. */
export function ClaimsTable({ filters, onPage, reloadKey = 0, onChanged }: { filters: ClaimFilters; onPage: (page: number, pageSize: number) => void; reloadKey?: number; onChanged?: () => void }) {
  const i18n = useI18n();
  const list = useClaims(filters, reloadKey);
  const { reload } = list;
  const changed = useCallback(() => {
    reload();
    onChanged?.();
  }, [reload, onChanged]);
  const columns = useClaimColumns(changed);
  return <ListTable<ClaimData> list={list} columns={columns} testId="claims-table" empty={i18n.t("campaign.claims.empty")} paging={{ page: filters.page, pageSize: filters.pageSize, onChange: onPage }} />;
}

/** The list behind campaign.topicContents (approved unit claims), and any other claim filter a link carries. */
export default function ClaimsPage() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const location = useLocation();
  const filters = claimFiltersFromQuery(location.query);
  const list = useClaims(filters, 0);
  const columns = useClaimColumns(list.reload);
  const go = (next: Partial<ClaimFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    navigate(href("/campaign/claims", { ...(location.query.get("campaign") ? { campaign: campaign.id } : {}), ...merged, ...pagingQuery(merged) }), { replace: true });
  };
  const tags: FilterTag[] = [];
  if (filters.audience) tags.push({ key: "audience", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.audience"), value: i18n.t(`campaign.audience.${filters.audience}`) }), onRemove: () => go({ audience: undefined }) });
  if (filters.topic) tags.push({ key: "topic", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.topic"), value: `#${filters.topic}` }), onRemove: () => go({ topic: undefined }) });
  if (filters.unit) tags.push({ key: "unit", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.unit"), value: `#${filters.unit}` }), onRemove: () => go({ unit: undefined }) });
  return (
    <ListPage<ClaimData>
      pageTestId="claims-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("campaign.filter.status")}>
            <Segmented<ClaimStatusName | "all">
              value={filters.status ?? "all"}
              onChange={(status) => go({ status: status === "all" ? undefined : status })}
              options={[{ value: "all", label: i18n.t("campaign.filter.all") }, ...claimStatuses.map((status) => ({ value: status, label: i18n.t(`campaign.claim.status.${status}`) }))]}
              style={{ maxWidth: "100%", overflowX: "auto" }}
            />
          </Form.Item>
        </ListFilters>
      }
      tags={tags}
      onClearTags={tags.length > 0 ? () => go({ audience: undefined, topic: undefined, unit: undefined }) : undefined}
      list={list}
      columns={columns}
      testId="claims-table"
      empty={i18n.t("campaign.claims.empty")}
      paging={{ page: filters.page, pageSize: filters.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
