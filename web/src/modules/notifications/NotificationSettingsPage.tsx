import { App, Button, Card, Checkbox, Segmented, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { notificationKinds, type NotificationKind } from "../../../../shared/schemas/notifications";
import { notificationsApi, type OutboxEntryData } from "../../api/notifications";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useAuth } from "../auth/AuthContext";
import { useI18n, type MessageKey } from "../../i18n";

/** Each person's choice of the kinds they hear of, in the bell and the morning digest. */
function MyKinds() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const loaded = useAsync((signal) => notificationsApi.preferences(signal), []);
  const [enabled, setEnabled] = useState<NotificationKind[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded.data) setEnabled(loaded.data.kinds.filter((row) => row.enabled).map((row) => row.kind));
  }, [loaded.data]);
  const kinds = loaded.data?.kinds.map((row) => row.kind) ?? [];
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = await notificationsApi.setPreferences(notificationKinds.filter((kind) => kinds.includes(kind) && !enabled.includes(kind)));
      setEnabled(next.kinds.filter((row) => row.enabled).map((row) => row.kind));
      message.success(i18n.t("notify.settings.saved"));
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={i18n.t("notify.settings.mine")} loading={loaded.loading} data-testid="notify-kinds">
      <ErrorAlert error={loaded.error ?? error} onReload={loaded.reload} />
      <Typography.Paragraph type="secondary">{i18n.t("notify.settings.mineHelp")}</Typography.Paragraph>
      <Checkbox.Group value={enabled} onChange={(value) => setEnabled(value as NotificationKind[])} style={{ width: "100%" }}>
        <Space wrap size={[16, 8]}>
          {kinds.map((kind) => (
            <Checkbox key={kind} value={kind} data-testid={`notify-kind-${kind}`}>
              {i18n.t(`notify.kind.${kind}` as MessageKey)}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <div style={{ marginTop: 16 }}>
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="notify-kinds-save">
          {i18n.t("common.save")}
        </Button>
      </div>
    </Card>
  );
}

const statusColors = { pending: "gold", delivered: "green", failed: "red" } as const;

/** What the group robot was sent, is retrying (with its backoff) and gave up on: for the city's administrator. */
function RobotOutbox() {
  const i18n = useI18n();
  const [status, setStatus] = useState<"all" | OutboxEntryData["status"]>("all");
  const outbox = useAsync((signal) => notificationsApi.outbox(status === "all" ? undefined : status, signal), [status]);
  return (
    <Card title={i18n.t("notify.outbox.title")} data-testid="notify-outbox">
      <ErrorAlert error={outbox.error} onReload={outbox.reload} />
      <Segmented
        value={status}
        onChange={(value) => setStatus(value as typeof status)}
        options={(["all", "pending", "failed", "delivered"] as const).map((value) => ({ value, label: i18n.t(`notify.outbox.${value}`) }))}
        style={{ marginBottom: 12 }}
      />
      <Table<OutboxEntryData>
        rowKey="id"
        size="small"
        loading={outbox.loading}
        dataSource={outbox.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        onRow={(row) => ({ "data-testid": "outbox-row", "data-status": row.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: "status", title: i18n.t("notify.outbox.status"), render: (_, row) => <Tag color={statusColors[row.status]}>{i18n.t(`notify.outbox.${row.status}`)}</Tag> },
          { key: "attempts", title: i18n.t("notify.outbox.attempts"), dataIndex: "attempts" },
          { key: "next", title: i18n.t("notify.outbox.next"), render: (_, row) => (row.status === "pending" ? i18n.dateTime(row.nextAttemptAt) : "—") },
          { key: "error", title: i18n.t("notify.outbox.error"), render: (_, row) => row.lastError ?? "—" },
          { key: "created", title: i18n.t("notify.outbox.created"), render: (_, row) => i18n.dateTime(row.createdAt) },
          { key: "preview", title: i18n.t("notify.outbox.preview"), render: (_, row) => <Typography.Text ellipsis style={{ maxWidth: 320 }}>{row.preview}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

/** 通知设置: one's kinds, and for the administrator the robot's outbox. */
export default function NotificationSettingsPage() {
  const auth = useAuth();
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="notify-settings">
      <MyKinds />
      {auth.can("campaign.manage") && <RobotOutbox />}
    </Space>
  );
}
