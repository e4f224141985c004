import { Button, Form, Select, Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { drillSets, eventStages, lights } from "../../../../shared/schemas/events";
import { eventsApi, type EventParams, type EventSummaryData } from "../../api/events";
import { orgsApi } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useCanOpen } from "../../app/useCanOpen";
import { useAsync } from "../../app/useAsync";
import type { FilterTag } from "../../components/FilterTags";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { LightTag, StageTag, UrgencyTag, oneOf } from "./common";
import { EventCard } from "../field/EventCard";

export function eventParamsFromQuery(query: URLSearchParams): EventParams & { page: number; pageSize: number } {
  return {
    org: positiveInt(query.get("org")),
    stage: oneOf(eventStages, query.get("stage")),
    type: positiveInt(query.get("type")),
    department: positiveInt(query.get("department")),
    light: oneOf(lights, query.get("light")),
    drill: oneOf(drillSets, query.get("drill")),
    q: query.get("q") || undefined,
    ...pageParams(query),
  };
}

/** 事件列表: every case in the caller's reach, filtered by place, stage, type, department and light; figures drill down here. */
export default function EventListPage() {
  const i18n = useI18n();
  const canOpen = useCanOpen();
  const location = useLocation();
  const params = eventParamsFromQuery(location.query);
  const key = JSON.stringify(params);
  const list = useAsync((signal) => eventsApi.list(params, signal), [key]);
  const types = useAsync((signal) => eventsApi.types(signal), []);
  const departments = useAsync((signal) => orgsApi.departments(signal).catch(() => null), []);

  const go = (next: Partial<EventParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/events", { ...merged, ...pagingQuery(merged) }), { replace: true });
  };

  const typeOptions = useMemo(() => (types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })), [types.data]);
  const departmentOptions = useMemo(() => (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })), [departments.data]);

  const tags: FilterTag[] = [];
  const tag = (name: keyof EventParams, label: string, value: string) =>
    tags.push({ key: name, label: i18n.t("common.filterTag", { label, value }), onRemove: () => go({ [name]: undefined }) });
  if (params.drill) tag("drill", i18n.t("events.field.drill"), i18n.t(`events.drill.${params.drill}` as MessageKey));
  if (params.q) tag("q", i18n.t("events.field.keyword"), params.q);

  const columns: ColumnsType<EventSummaryData> = [
    {
      title: i18n.t("events.field.code"),
      dataIndex: "code",
      render: (code: string, row) => (
        <a href={hrefTo(`/events/${row.id}`)} data-testid="event-link" data-event-id={row.id}>
          {code}
        </a>
      ),
    },
    {
      title: i18n.t("events.field.type"),
      dataIndex: "typeName",
      render: (name: string, row) => (
        <Space size={2} wrap>
          <span>{name}</span>
          {row.urgency !== "normal" ? <UrgencyTag urgency={row.urgency} /> : null}
        </Space>
      ),
    },
    { title: i18n.t("events.field.description"), dataIndex: "description", ellipsis: true, responsive: ["md"] },
    { title: i18n.t("events.field.node"), dataIndex: "nodeName", responsive: ["lg"] },
    { title: i18n.t("events.field.stage"), dataIndex: "stage", render: (stage: EventSummaryData["stage"]) => <StageTag stage={stage} /> },
    {
      title: i18n.t("events.field.light"),
      key: "light",
      render: (_, row) => (
        <Space size={2} wrap>
          <LightTag light={row.timer?.light} />
          {row.escalationLevel > 0 ? <Tag color="magenta">↑{row.escalationLevel}</Tag> : null}
        </Space>
      ),
    },
    { title: i18n.t("events.field.department"), dataIndex: "departmentName", responsive: ["lg"], render: (v: string | null) => v ?? "—" },
    { title: i18n.t("events.field.dueAt"), key: "due", responsive: ["md"], render: (_, row) => (row.timer ? i18n.dateTime(row.timer.dueAt) : "—") },
    { title: i18n.t("events.field.reportedAt"), dataIndex: "reportedAt", responsive: ["md"], render: (v: string) => i18n.dateTime(v) },
  ];

  return (
    <ListPage<EventSummaryData>
      pageTestId="events-list"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("events.field.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} allowClear />
          </Form.Item>
          <Form.Item label={i18n.t("events.field.stage")}>
            <Select
              allowClear
              placeholder={i18n.t("common.all")}
              style={{ width: 130 }}
              value={params.stage}
              onChange={(stage) => go({ stage })}
              options={eventStages.map((s) => ({ value: s, label: i18n.t(`events.stage.${s}` as MessageKey) }))}
              data-testid="filter-stage"
            />
          </Form.Item>
          <Form.Item label={i18n.t("events.field.type")}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder={i18n.t("common.all")} style={{ width: 170 }} value={params.type} onChange={(type) => go({ type })} options={typeOptions} />
          </Form.Item>
          <Form.Item label={i18n.t("events.field.department")}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder={i18n.t("common.all")} style={{ width: 170 }} value={params.department} onChange={(department) => go({ department })} options={departmentOptions} />
          </Form.Item>
          <Form.Item label={i18n.t("events.list.filterLight")}>
            <Select
              allowClear
              placeholder={i18n.t("common.all")}
              style={{ width: 110 }}
              value={params.light}
              onChange={(light) => go({ light })}
              options={lights.map((l) => ({ value: l, label: i18n.t(`events.light.${l}` as MessageKey) }))}
              data-testid="filter-light"
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Space wrap size={8}>
          {canOpen("/events/report") ? (
            <Button type="primary" onClick={() => navigate("/events/report")}>
              {i18n.t("events.nav.report")}
            </Button>
          ) : null}
          <Button href={withQuery("/api/exports/events.xlsx", { ...params, page: undefined, pageSize: undefined })} data-testid="events-export-xlsx">
            {i18n.t("export.xlsx")}
          </Button>
        </Space>
      }
      tags={tags}
      list={list}
      columns={columns}
      card={(row) => <EventCard event={row} />}
      scrollX="max-content"
      testId="events-table"
      empty={i18n.t("common.noData")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
