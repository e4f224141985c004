import { DownloadOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import type { ColumnsType } from "antd/es/table";
import { conflictKindLabels, conflictSourceLabels, conflictStatusLabels } from "../../../../shared/schemas/pairing";
import { pairingApi, type ConflictData, type ConflictParams } from "../../api/pairing";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import type { FilterTag } from "../../components/FilterTags";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type MessageKey } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { ConflictStatusTag, RiskTag, oneOf } from "./common";
import { NewConflictModal } from "./NewConflictModal";

const kinds = Object.keys(conflictKindLabels) as (keyof typeof conflictKindLabels)[];
const sources = Object.keys(conflictSourceLabels) as (keyof typeof conflictSourceLabels)[];
const statuses = Object.keys(conflictStatusLabels) as (keyof typeof conflictStatusLabels)[];

/** 矛盾隐患台账: the register of the caller's area, filtered by place, status, kind, source, risk and words; exported as CSV. */
export default function ConflictsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const [adding, setAdding] = useState(false);
  const location = useLocation();
  const query = location.query;
  const risk = positiveInt(query.get("riskLevel"));
  const params: ConflictParams & { page: number; pageSize: number } = {
    org: positiveInt(query.get("org")),
    status: oneOf(statuses, query.get("status")),
    kind: oneOf(kinds, query.get("kind")),
    source: oneOf(sources, query.get("source")),
    riskLevel: risk !== undefined && risk <= 4 ? risk : undefined,
    q: query.get("q") || undefined,
    figure: query.get("figure") === "resolved" ? "resolved" : undefined,
    event: positiveInt(query.get("event")),
    ...pageParams(query),
  };
  const key = JSON.stringify(params);
  const list = useAsync((signal) => pairingApi.conflicts(params, signal), [key]);
  const go = (next: Partial<ConflictParams>) => {
    const merged = { ...params, page: 1, ...next };
    navigate(withQuery("/pairing/conflicts", { ...merged, ...pagingQuery(merged) }), { replace: true });
  };
  const { page: _page, pageSize: _size, ...filters } = params;
  const exportHref = withQuery("/api/pairing/conflicts/export", filters);

  const tags: FilterTag[] = [];
  if (params.figure) tags.push({ key: "figure", label: i18n.t("pairing.status.resolved"), onRemove: () => go({ figure: undefined }) });
  if (params.event) tags.push({ key: "event", label: i18n.t("pairing.conflict.fromEvent"), onRemove: () => go({ event: undefined }) });
  if (params.q) tags.push({ key: "q", label: i18n.t("common.filterTag", { label: i18n.t("pairing.conflict.keyword"), value: params.q }), onRemove: () => go({ q: undefined }) });

  const columns: ColumnsType<ConflictData> = [
    {
      key: "summary",
      title: i18n.t("pairing.conflict.summary"),
      render: (_: unknown, row) => (
        <a href={hrefTo(`/pairing/conflicts/${row.id}`)} data-testid="conflict-link">
          {row.summary}
        </a>
      ),
    },
    { key: "node", dataIndex: "nodeName", title: i18n.t("pairing.field.node"), responsive: ["md"] },
    { key: "kind", title: i18n.t("pairing.conflict.kind"), render: (_: unknown, row) => i18n.t(`pairing.kind.${row.kind}` as MessageKey), responsive: ["md"] },
    { key: "parties", dataIndex: "parties", title: i18n.t("pairing.conflict.parties"), responsive: ["lg"] },
    { key: "risk", title: i18n.t("pairing.conflict.risk"), render: (_: unknown, row) => <RiskTag level={row.riskLevel} /> },
    { key: "responsible", title: i18n.t("pairing.conflict.responsible"), render: (_: unknown, row) => row.responsibleName ?? <Typography.Text type="warning">{i18n.t("pairing.conflict.unassigned")}</Typography.Text>, responsive: ["md"] },
    { key: "deadline", dataIndex: "deadline", title: i18n.t("pairing.conflict.deadline"), responsive: ["md"] },
    { key: "status", title: i18n.t("pairing.conflict.status"), render: (_: unknown, row) => <ConflictStatusTag status={row.status} overdue={row.overdue} /> },
  ];

  const option = (prefix: string) => (value: string) => ({ value, label: i18n.t(`${prefix}.${value}` as MessageKey) });
  return (
    <ListPage<ConflictData>
      pageTestId="conflicts-page"
      filters={
        <ListFilters<{ q?: string }> onSearch={(values) => go({ q: values.q || undefined })} onReset={() => go({ q: undefined, status: undefined, kind: undefined, source: undefined, riskLevel: undefined })}>
          <Form.Item label={i18n.t("pairing.field.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.conflict.status")}>
            <Select allowClear value={params.status} onChange={(status) => go({ status })} options={statuses.map(option("pairing.status"))} style={{ minWidth: 120 }} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.conflict.kind")}>
            <Select allowClear value={params.kind} onChange={(kind) => go({ kind })} options={kinds.map(option("pairing.kind"))} style={{ minWidth: 120 }} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.conflict.source")}>
            <Select allowClear value={params.source} onChange={(source) => go({ source })} options={sources.map(option("pairing.source"))} style={{ minWidth: 120 }} />
          </Form.Item>
          <Form.Item label={i18n.t("pairing.conflict.risk")}>
            <Select allowClear value={params.riskLevel} onChange={(riskLevel) => go({ riskLevel })} options={[1, 2, 3, 4].map((level) => ({ value: level, label: i18n.t(`pairing.risk.${level}` as MessageKey) }))} style={{ minWidth: 120 }} />
          </Form.Item>
          <Form.Item name="q" label={i18n.t("pairing.conflict.keyword")} initialValue={params.q}>
            <Input allowClear />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Space wrap>
          {auth.can("conflict.manage") ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="conflict-new">
              {i18n.t("pairing.visit.raiseConflict")}
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} href={exportHref} data-testid="conflicts-export">
            {i18n.t("export.button")}
          </Button>
        </Space>
      }
      tags={tags}
      list={list}
      columns={columns}
      testId="conflicts-table"
      empty={i18n.t("pairing.conflict.empty")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize } as Partial<ConflictParams>) }}
    >
      <NewConflictModal open={adding} onClose={() => setAdding(false)} />
    </ListPage>
  );
}
