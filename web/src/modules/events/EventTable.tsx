import { Button, Form, Select, Space, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { eventStages, lights } from "../../../../shared/schemas/events";
import { eventsApi, type EventSummaryData } from "../../api/events";
import { orgsApi } from "../../api/orgs";
import { hrefTo, navigate, withQuery } from "../../app/router";
import { useCanOpen } from "../../app/useCanOpen";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";
import { LightTag, StageTag, UrgencyTag } from "./common";
import type { EventListView } from "./EventListPage";

/** 事件列表 on a wide screen: a table, filtered by place, stage, type, department and light (loaded only there: antd). */
export default function EventTable({ params, list, go, tags }: EventListView) {
  const i18n = useI18n();
  const canOpen = useCanOpen();
  const types = useAsync((signal) => eventsApi.types(signal), []);
  const departments = useAsync((signal) => orgsApi.departments(signal).catch(() => null), []);

  const typeOptions = useMemo(() => (types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })), [types.data]);
  const departmentOptions = useMemo(() => (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })), [departments.data]);

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
      scrollX="max-content"
      testId="events-table"
      empty={i18n.t("common.noData")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
