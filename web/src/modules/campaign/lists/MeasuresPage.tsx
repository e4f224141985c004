import { Form, Select, type TableProps } from "antd";
import { useMemo } from "react";
import { campaignApi, type MeasureData } from "../../../api/campaign";
import { hrefTo, navigate, useLocation } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import type { FilterTag } from "../../../components/FilterTags";
import { ListFilters, ListPage } from "../../../components/ListPage";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../../lib/query";
import { ActionKindTag, RefText, useCampaign } from "../common";

/** 具体举措: the campaign's measures (the list behind campaign.measures), by item, project and kind. */
export default function MeasuresPage() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const location = useLocation();
  const kindParam = location.query.get("kind");
  const filters: { item?: number; project?: number; kind?: "required" | "optional"; page: number; pageSize: number } = {
    item: positiveInt(location.query.get("item")),
    project: positiveInt(location.query.get("project")),
    kind: kindParam === "required" || kindParam === "optional" ? kindParam : undefined,
    ...pageParams(location.query),
  };
  const key = JSON.stringify(filters);
  const list = useAsync((signal) => campaignApi.measures({ campaign: campaign.id, ...filters }, signal), [campaign.id, key]);
  const items = useAsync((signal) => campaignApi.items(campaign.id, undefined, signal), [campaign.id]);
  const itemNames = useMemo(() => new Map((items.data?.items ?? []).map((item) => [item.id, item.name])), [items.data]);

  const go = (next: Partial<typeof filters>) => {
    const merged = { ...filters, page: 1, ...next };
    navigate(
      href("/campaign/measures", {
        ...(location.query.get("campaign") ? { campaign: campaign.id } : {}),
        ...merged,
        ...pagingQuery(merged),
      }),
      { replace: true },
    );
  };

  const columns = useMemo<NonNullable<TableProps<MeasureData>["columns"]>>(
    () => [
      { key: "name", title: i18n.t("campaign.measure"), render: (_: unknown, m: MeasureData) => <span style={{ wordBreak: "break-word" }}>{m.name}</span> },
      { key: "item", title: i18n.t("campaign.item"), width: 130, responsive: ["md"], render: (_: unknown, m: MeasureData) => itemNames.get(m.itemId) ?? "" },
      { key: "kind", title: i18n.t("campaign.kind"), width: 96, render: (_: unknown, m: MeasureData) => <ActionKindTag kind={m.kind} /> },
      { key: "unit", title: i18n.t("campaign.leadUnit"), width: 150, responsive: ["sm"], render: (_: unknown, m: MeasureData) => <RefText value={m.leadUnit} /> },
      { key: "deadline", title: i18n.t("campaign.deadline"), width: 110, responsive: ["md"], render: (_: unknown, m: MeasureData) => m.deadline ?? "" },
      {
        key: "project",
        title: i18n.t("campaign.project"),
        width: 80,
        responsive: ["lg"],
        render: (_: unknown, m: MeasureData) => (m.projectId ? <a href={hrefTo(`/campaign/projects/${m.projectId}`)}>{i18n.t("common.view")}</a> : null),
      },
    ],
    [i18n, itemNames],
  );

  const tags: FilterTag[] = [];
  if (filters.item) tags.push({ key: "item", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.item"), value: itemNames.get(filters.item) ?? `#${filters.item}` }), onRemove: () => go({ item: undefined }) });
  if (filters.project) tags.push({ key: "project", label: i18n.t("common.filterTag", { label: i18n.t("campaign.project"), value: `#${filters.project}` }), onRemove: () => go({ project: undefined }) });
  if (filters.kind) tags.push({ key: "kind", label: i18n.t("common.filterTag", { label: i18n.t("campaign.filter.kind"), value: i18n.t(`campaign.kind.${filters.kind}`) }), onRemove: () => go({ kind: undefined }) });

  return (
    <ListPage<MeasureData>
      pageTestId="measures-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("campaign.filter.item")}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 200 }}
              value={filters.item}
              onChange={(item) => go({ item: item ?? undefined })}
              options={(items.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
              placeholder={i18n.t("campaign.filter.all")}
            />
          </Form.Item>
          <Form.Item label={i18n.t("campaign.filter.kind")}>
            <Select<"required" | "optional">
              allowClear
              style={{ width: 130 }}
              value={filters.kind}
              onChange={(kind) => go({ kind: kind ?? undefined })}
              options={(["required", "optional"] as const).map((kind) => ({ value: kind, label: i18n.t(`campaign.kind.${kind}`) }))}
              placeholder={i18n.t("campaign.filter.all")}
            />
          </Form.Item>
        </ListFilters>
      }
      tags={tags}
      onClearTags={tags.length > 0 ? () => go({ item: undefined, project: undefined, kind: undefined }) : undefined}
      list={list}
      columns={columns}
      testId="measures-table"
      empty={i18n.t("campaign.measures.empty")}
      paging={{ page: filters.page, pageSize: filters.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
