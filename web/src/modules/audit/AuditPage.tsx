import { DownloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Empty, Form, Input, Result, Space, Table, Tag, Typography, type TableProps, Grid } from "antd";
import { useMemo, useState } from "react";
import { auditApi, type AuditEntryData, type AuditParams, type VerifyResultData } from "../../api/audit";
import { CheckpointsButton } from "./CheckpointsButton";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useCsvExport } from "../../components/useCsvExport";
import { collectCursor } from "../../lib/csv";
import { actionLabel, useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";

interface FilterForm {
  action?: string;
  entity?: string;
  actor?: string;
}

const PAGE = 50;

/** A day picked in the UI is a day in Asia/Shanghai. */
function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}
function dayEnd(day: string): string {
  return `${day}T23:59:59.999+08:00`;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 240, overflow: "auto", fontSize: 12, background: "#fafafa", padding: 8, whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** 审计日志: filter, page backwards by id (beforeId), and verify the hash chain. */
export default function AuditPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const [form] = Form.useForm<FilterForm>();
  const isMobile = !Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<AuditParams>({});
  const [range, setRange] = useState<[string, string] | null>(null);
  /** cursors[i] is the beforeId of page i (undefined for the newest page). */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyResultData | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const pageIndex = cursors.length - 1;
  const beforeId = cursors[pageIndex];
  const params: AuditParams = {
    ...filters,
    from: range ? dayStart(range[0]) : undefined,
    to: range ? dayEnd(range[1]) : undefined,
    beforeId,
    limit: PAGE,
  };
  const key = JSON.stringify(params);
  const list = useAsync((signal) => auditApi.list(params, signal), [key]);
  const exporter = useCsvExport();

  /** Every entry of the current filters (not only this page), newest first, up to the cap. */
  const runExport = () => {
    const { beforeId: _page, limit: _limit, ...filtersOnly } = params;
    const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
    return exporter.run<AuditEntryData>({
      fileBase: i18n.t("audit.exportName"),
      header: ["#", i18n.t("audit.at"), i18n.t("audit.actor"), i18n.t("audit.action"), "action", i18n.t("audit.entity"), i18n.t("audit.entityId"), i18n.t("audit.node"), i18n.t("audit.ip"), i18n.t("audit.before"), i18n.t("audit.after"), i18n.t("audit.hash")],
      row: (e) => [
        e.id,
        i18n.dateTime(e.at),
        e.actorUsername ?? (e.actorUserId !== null ? `#${e.actorUserId}` : i18n.t("audit.system")),
        actionLabel(i18n, e.action),
        e.action,
        e.entity,
        e.entityId,
        e.nodeId,
        e.ip,
        json(e.before),
        json(e.after),
        e.hash,
      ],
      collect: (onProgress) =>
        collectCursor<AuditEntryData, number>(
          async (cursor, limit, signal) => {
            const page = await auditApi.list({ ...filtersOnly, beforeId: cursor, limit }, signal);
            return { items: page.items, next: page.nextBeforeId };
          },
          { limit: 200, onProgress: (loaded) => onProgress(loaded) },
        ),
    });
  };

  const applyFilters = (values: FilterForm) => {
    setFilters({ action: values.action?.trim() || undefined, entity: values.entity?.trim() || undefined, actor: values.actor?.trim() || undefined });
    setCursors([undefined]);
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await auditApi.verify());
      list.reload(); // the verification itself is now in the log
    } catch (error) {
      setVerifyError(error);
    } finally {
      setVerifying(false);
    }
  };

  const columns = useMemo<NonNullable<TableProps<AuditEntryData>["columns"]>>(
    () => [
      { key: "id", dataIndex: "id", title: "#", width: 80 },
      { key: "at", dataIndex: "at", title: i18n.t("audit.at"), width: 170, render: (_: unknown, e: AuditEntryData) => i18n.dateTime(e.at) },
      {
        key: "actor",
        title: i18n.t("audit.actor"),
        width: 130,
        render: (_: unknown, e: AuditEntryData) => e.actorUsername ?? (e.actorUserId !== null ? `#${e.actorUserId}` : <Typography.Text type="secondary">{i18n.t("audit.system")}</Typography.Text>),
      },
      { key: "action", dataIndex: "action", title: i18n.t("audit.action"), width: 160, render: (_: unknown, e: AuditEntryData) => <Tag color="geekblue" title={e.action}>{actionLabel(i18n, e.action)}</Tag> },
      {
        key: "entity",
        title: i18n.t("audit.entityId"),
        width: 160,
        render: (_: unknown, e: AuditEntryData) => (
          <span>
            {e.entity}
            {e.entityId ? <Typography.Text type="secondary"> #{e.entityId}</Typography.Text> : null}
          </span>
        ),
      },
      { key: "node", dataIndex: "nodeId", title: i18n.t("audit.node"), width: 80, render: (_: unknown, e: AuditEntryData) => e.nodeId ?? "—" },
      { key: "ip", dataIndex: "ip", title: i18n.t("audit.ip"), width: 130, render: (_: unknown, e: AuditEntryData) => e.ip ?? "—" },
      {
        key: "hash",
        dataIndex: "hash",
        title: i18n.t("audit.hash"),
        width: 140,
        render: (_: unknown, e: AuditEntryData) =>
          e.hash ? (
            <Typography.Text code copyable={{ text: e.hash }} style={{ fontSize: 12 }}>
              {e.hash.slice(0, 10)}
            </Typography.Text>
          ) : (
            "—"
          ),
      },
    ],
    [i18n],
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Form<FilterForm> form={form} layout={isMobile ? "vertical" : "inline"} onFinish={applyFilters} style={{ rowGap: 8 }}>
          <Form.Item name="action" label={i18n.t("audit.action")}>
            <Input allowClear style={{ width: isMobile ? "100%" : 150 }} placeholder="auth.login" />
          </Form.Item>
          <Form.Item name="entity" label={i18n.t("audit.entity")}>
            <Input allowClear style={{ width: isMobile ? "100%" : 130 }} />
          </Form.Item>
          <Form.Item name="actor" label={i18n.t("audit.actor")}>
            <Input allowClear style={{ width: isMobile ? "100%" : 130 }} />
          </Form.Item>
          <Form.Item label={i18n.t("audit.range")}>
            <DatePicker.RangePicker
              format="YYYY-MM-DD"
              style={{ width: isMobile ? "100%" : undefined }}
              onChange={(_dates, strings) => {
                const [from, to] = strings;
                setRange(from && to ? [from, to] : null);
                setCursors([undefined]);
              }}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {i18n.t("common.search")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  applyFilters({});
                }}
              >
                {i18n.t("common.reset")}
              </Button>
            </Space>
          </Form.Item>
          <div style={{ flex: 1 }} />
          <Form.Item>
            <Button icon={<DownloadOutlined />} loading={exporter.exporting} onClick={() => void runExport()} data-testid="audit-export">
              {i18n.t("export.button")}
            </Button>
          </Form.Item>
          {auth.can("audit.verify") ? (
            <Form.Item>
              <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={runVerify} data-testid="audit-verify">
                {i18n.t("audit.verify")}
              </Button>
            </Form.Item>
          ) : null}
          {auth.can("audit.verify") ? (
            <Form.Item>
              <CheckpointsButton />
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      {verifyError ? <ErrorAlert error={verifyError} onRetry={runVerify} /> : null}
      {verify ? (
        <Card size="small" data-testid="audit-verify-result">
          <Result
            status={verify.ok ? "success" : "error"}
            title={i18n.t(verify.ok ? "audit.verifyTitleOk" : "audit.verifyTitleBroken")}
            subTitle={
              verify.firstBroken
                ? i18n.t("audit.verifyBroken", { id: verify.firstBroken.id, reason: verify.firstBroken.reason })
                : verify.missing[0]
                  ? i18n.t("audit.verifyMissing", { from: verify.missing[0].sealedUpTo + 1, to: verify.missing[0].checkpointSeq })
                  : i18n.t("audit.verifyOk", { checked: i18n.number(verify.checked), chains: i18n.number(verify.chains) })
            }
            style={{ padding: 12 }}
          />
        </Card>
      ) : null}
      <Card size="small">
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<AuditEntryData>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1030 }}
          locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("audit.empty")} /> }}
          expandable={{
            expandedRowRender: (e) => (
              <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(240px, 1fr))", gap: 12 }}>
                <div>
                  <Typography.Text strong>{i18n.t("audit.before")}</Typography.Text>
                  <Json value={e.before} />
                </div>
                <div>
                  <Typography.Text strong>{i18n.t("audit.after")}</Typography.Text>
                  <Json value={e.after} />
                </div>
              </div>
            ),
          }}
        />
        <div style={{ display: "flex", justifyContent: "flex-end", alignItems: "center", gap: 8, marginTop: 12, flexWrap: "wrap" }}>
          <Typography.Text type="secondary">{i18n.t("audit.page", { page: pageIndex + 1 })}</Typography.Text>
          <Button size="small" disabled={pageIndex === 0} onClick={() => setCursors([undefined])}>
            {i18n.t("common.first")}
          </Button>
          <Button size="small" disabled={pageIndex === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {i18n.t("common.previous")}
          </Button>
          <Button
            size="small"
            disabled={!list.data?.nextBeforeId || list.loading}
            onClick={() => {
              const next = list.data?.nextBeforeId;
              if (next) setCursors((c) => [...c, next]);
            }}
            data-testid="audit-next"
          >
            {i18n.t("common.next")}
          </Button>
        </div>
      </Card>
    </Space>
  );
}
