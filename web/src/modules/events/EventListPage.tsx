import { Button, Card, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { drillSets, eventStages, lights } from "../../../../shared/schemas/events";
import { eventsApi, type EventParams, type EventSummaryData } from "../../api/events";
import { orgsApi } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { ListTotal } from "../../components/ListTotal";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";
import { pageParams, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { LightTag, StageTag, UrgencyTag, oneOf } from "./common";

export function eventParamsFromQuery(query: URLSearchParams): EventParams {
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
  const auth = useAuth();
  const location = useLocation();
  const params = eventParamsFromQuery(location.query);
  const key = JSON.stringify(params);
  const list = useAsync((signal) => eventsApi.list(params, signal), [key]);
  const types = useAsync((signal) => eventsApi.types(signal), []);
  const departments = useAsync((signal) => orgsApi.departments(signal).catch(() => null), []);

  const go = (next: Partial<EventParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/events", { ...merged, pageSize: merged.pageSize === 20 ? undefined : merged.pageSize, page: merged.page === 1 ? undefined : merged.page }), { replace: true });
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
    <Card size="small" data-testid="events-list">
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} allowClear placeholder={i18n.t("events.field.org")} style={{ width: 220 }} aria-label={i18n.t("events.field.org")} />
        <Select
          allowClear
          placeholder={i18n.t("events.field.stage")}
          style={{ width: 130 }}
          value={params.stage}
          onChange={(stage) => go({ stage })}
          options={eventStages.map((s) => ({ value: s, label: i18n.t(`events.stage.${s}` as MessageKey) }))}
          data-testid="filter-stage"
        />
        <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder={i18n.t("events.field.type")} style={{ width: 170 }} value={params.type} onChange={(type) => go({ type })} options={typeOptions} />
        <Select allowClear showSearch={{ optionFilterProp: "label" }} placeholder={i18n.t("events.field.department")} style={{ width: 170 }} value={params.department} onChange={(department) => go({ department })} options={departmentOptions} />
        <Select
          allowClear
          placeholder={i18n.t("events.list.filterLight")}
          style={{ width: 110 }}
          value={params.light}
          onChange={(light) => go({ light })}
          options={lights.map((l) => ({ value: l, label: i18n.t(`events.light.${l}` as MessageKey) }))}
          data-testid="filter-light"
        />
        {auth.can("event.report") ? (
          <Button type="primary" onClick={() => navigate("/events/report")}>
            {i18n.t("events.nav.report")}
          </Button>
        ) : null}
        <ListTotal total={list.data?.total} loading={list.loading} />
      </Space>
      <FilterTags tags={tags} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<EventSummaryData>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: "max-content" }}
        data-testid="events-table"
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => go({ page, pageSize }),
        }}
      />
      {list.data && list.data.total === 0 ? <Typography.Text type="secondary">{i18n.t("common.noData")}</Typography.Text> : null}
    </Card>
  );
}
