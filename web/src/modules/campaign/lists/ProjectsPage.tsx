import { Button, Form, Select, type TableProps } from "antd";
import { useMemo } from "react";
import { campaignApi, type ProjectData, type ProjectParams } from "../../../api/campaign";
import { orgsApi } from "../../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import type { FilterTag } from "../../../components/FilterTags";
import { ListFilters, ListPage } from "../../../components/ListPage";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../../lib/query";
import { DeadlineText, LevelTag, LightBadge, ProgressBar, RefText, StatusTag, projectLevels, projectStatuses, useCampaign, type ProjectLevelName, type ProjectStatusName } from "../common";

type Filters = Omit<ProjectParams, "campaign"> & { page: number; pageSize: number };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The filters of the list as the link carries them (the same names as GET /api/campaign/projects). */
export function projectFiltersFromQuery(query: URLSearchParams): Filters {
  return {
    level: oneOf(projectLevels, query.get("level")),
    kind: oneOf(["required", "optional"] as const, query.get("kind")),
    status: oneOf(projectStatuses, query.get("status")),
    parent: positiveInt(query.get("parent")),
    taskForce: positiveInt(query.get("taskForce")),
    leader: positiveInt(query.get("leader")),
    unit: positiveInt(query.get("unit")),
    node: positiveInt(query.get("node")),
    topic: positiveInt(query.get("topic")),
    late: oneOf(["true", "false"] as const, query.get("late")),
    due: oneOf(["true", "false"] as const, query.get("due")),
    outcome: oneOf(["done", "on_time"] as const, query.get("outcome")),
    ...pageParams(query),
  };
}

/** The projects table: name, level, owner, deadline, progress, status and light. */
export function useProjectColumns(): NonNullable<TableProps<ProjectData>["columns"]> {
  const i18n = useI18n();
  return useMemo(
    () => [
      {
        key: "name",
        title: i18n.t("campaign.name"),
        render: (_: unknown, p: ProjectData) => (
          <a href={hrefTo(`/campaign/projects/${p.id}`)} style={{ wordBreak: "break-word", fontWeight: p.level === "program" ? 600 : undefined }} data-testid="project-link">
            {p.name}
          </a>
        ),
      },
      { key: "level", title: i18n.t("campaign.level"), width: 96, responsive: ["sm"], render: (_: unknown, p: ProjectData) => <LevelTag level={p.level} /> },
      { key: "unit", title: i18n.t("campaign.leadUnit"), width: 150, responsive: ["md"], render: (_: unknown, p: ProjectData) => <RefText value={p.leadUnit} /> },
      { key: "leader", title: i18n.t("campaign.leader"), width: 90, responsive: ["lg"], render: (_: unknown, p: ProjectData) => <RefText value={p.leader} /> },
      { key: "deadline", title: i18n.t("campaign.deadline"), width: 130, responsive: ["md"], render: (_: unknown, p: ProjectData) => <DeadlineText day={p.deadline} late={p.late} /> },
      { key: "progress", title: i18n.t("campaign.progress"), width: 150, render: (_: unknown, p: ProjectData) => <ProgressBar progress={p.progress} light={p.light} /> },
      { key: "status", title: i18n.t("campaign.status"), width: 86, responsive: ["sm"], render: (_: unknown, p: ProjectData) => <StatusTag status={p.status} /> },
      { key: "light", title: i18n.t("campaign.light"), width: 76, responsive: ["sm"], render: (_: unknown, p: ProjectData) => <LightBadge light={p.light} /> },
    ],
    [i18n],
  );
}

/**
 * 项目清单: the campaign's projects, filtered as the link says. Figures (工程 10, 领题项目 75) and
 * the rates' drill-downs (应完成, 已完成, 按期完成 of one unit or leader) open here, and the total
 * shown is the number they gave.
 */
export default function ProjectsPage() {
  const i18n = useI18n();
  const { campaign, href } = useCampaign();
  const location = useLocation();
  const filters = projectFiltersFromQuery(location.query);
  const key = JSON.stringify(filters);
  const list = useAsync((signal) => campaignApi.projects({ campaign: campaign.id, ...filters }, signal), [campaign.id, key]);
  const taskForces = useAsync((signal) => (filters.taskForce ? campaignApi.taskForces(campaign.id, signal) : Promise.resolve(null)), [campaign.id, filters.taskForce]);
  const units = useAsync((signal) => (filters.unit ? orgsApi.units(signal).catch(() => null) : Promise.resolve(null)), [filters.unit]);
  const columns = useProjectColumns();

  const go = (next: Partial<Filters>) => {
    const merged = { ...filters, page: 1, ...next };
    navigate(
      href("/campaign/projects", {
        ...(location.query.get("campaign") ? { campaign: campaign.id } : {}),
        ...merged,
        ...pagingQuery(merged),
      }),
      { replace: true },
    );
  };

  const items = list.data?.items ?? [];
  const first = items[0];
  const tags: FilterTag[] = [];
  const add = (name: keyof Filters, label: string, value: string) => tags.push({ key: name, label: i18n.t("common.filterTag", { label, value }), onRemove: () => go({ [name]: undefined }) });
  if (filters.level) add("level", i18n.t("campaign.filter.level"), i18n.t(`campaign.level.${filters.level}`));
  if (filters.kind) add("kind", i18n.t("campaign.filter.kind"), i18n.t(`campaign.kind.${filters.kind}`));
  if (filters.status) add("status", i18n.t("campaign.filter.status"), i18n.t(`campaign.status.${filters.status}`));
  if (filters.unit) add("unit", i18n.t("campaign.filter.unit"), units.data?.items.find((u) => u.id === filters.unit)?.name ?? (first?.leadUnit?.id === filters.unit ? first.leadUnit.name : `#${filters.unit}`));
  if (filters.leader) add("leader", i18n.t("campaign.filter.leader"), first?.leader?.id === filters.leader ? first.leader.name : `#${filters.leader}`);
  if (filters.taskForce) add("taskForce", i18n.t("campaign.filter.taskForce"), taskForces.data?.items.find((t) => t.id === filters.taskForce)?.name ?? `#${filters.taskForce}`);
  if (filters.parent) add("parent", i18n.t("campaign.filter.parent"), `#${filters.parent}`);
  if (filters.topic) add("topic", i18n.t("campaign.filter.topic"), `#${filters.topic}`);
  if (filters.node) add("node", i18n.t("campaign.filter.node"), first?.node.name ?? `#${filters.node}`);
  if (filters.late) add("late", i18n.t("campaign.filter.late"), i18n.t(filters.late === "true" ? "common.yes" : "common.no"));
  if (filters.due === "true") tags.push({ key: "due", label: i18n.t("campaign.filter.due"), onRemove: () => go({ due: undefined, outcome: undefined }) });
  if (filters.outcome) add("outcome", i18n.t("campaign.filter.outcome"), i18n.t(`campaign.filter.outcome.${filters.outcome}`));

  return (
    <ListPage<ProjectData>
      pageTestId="projects-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("campaign.filter.level")}>
            <Select<ProjectLevelName>
              allowClear
              style={{ width: 130 }}
              value={filters.level}
              onChange={(level) => go({ level: level ?? undefined })}
              options={projectLevels.map((level) => ({ value: level, label: i18n.t(`campaign.level.${level}`) }))}
              placeholder={i18n.t("campaign.filter.all")}
              data-testid="projects-filter-level"
            />
          </Form.Item>
          <Form.Item label={i18n.t("campaign.filter.status")}>
            <Select<ProjectStatusName>
              allowClear
              style={{ width: 130 }}
              value={filters.status}
              onChange={(status) => go({ status: status ?? undefined })}
              options={projectStatuses.map((status) => ({ value: status, label: i18n.t(`campaign.status.${status}`) }))}
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
          <Form.Item label={i18n.t("campaign.filter.late")}>
            <Select<"true" | "false">
              allowClear
              style={{ width: 90 }}
              value={filters.late}
              onChange={(late) => go({ late: late ?? undefined })}
              options={[
                { value: "true", label: i18n.t("common.yes") },
                { value: "false", label: i18n.t("common.no") },
              ]}
              placeholder={i18n.t("campaign.filter.all")}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Button href={withQuery("/api/exports/projects.xlsx", { ...filters, campaign: campaign.id, page: undefined, pageSize: undefined })} data-testid="projects-export-xlsx">
          {i18n.t("export.xlsx")}
        </Button>
      }
      tags={tags}
      onClearTags={tags.length > 0 ? () => go(Object.fromEntries(tags.map((t) => [t.key, undefined]))) : undefined}
      list={list}
      columns={columns}
      testId="projects-table"
      empty={i18n.t("campaign.projects.empty")}
      paging={{ page: filters.page, pageSize: filters.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
