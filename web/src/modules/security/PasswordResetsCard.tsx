import { App, Button, Card, Empty, Segmented, Space, Table, Tag, Typography, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { accountsApi, type PasswordResetData } from "../../api/accounts";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errors";
import { useI18n } from "../../i18n";

type Status = PasswordResetData["status"];
const statusColor: Record<Status, string> = { pending: "orange", applied: "green", rejected: "default" };

/** Password resets that need a second administrator: the system administrator follows them, the security administrator decides. */
export function PasswordResetsCard() {
  const i18n = useI18n();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<Status | "all">("pending");
  const [page, setPage] = useState(1);
  const list = useAsync((signal) => accountsApi.resets({ status: status === "all" ? undefined : status, page, pageSize: 20 }, signal), [status, page]);

  const decide = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (error) {
      message.error(errorText(i18n, error));
    }
    list.reload();
  };
  const approve = (reset: PasswordResetData) =>
    modal.confirm({
      title: i18n.t("security.approve"),
      content: i18n.t("security.approveConfirm", { name: reset.displayName }),
      okText: i18n.t("common.ok"),
      cancelText: i18n.t("common.cancel"),
      onOk: () => decide(() => accountsApi.approveReset(reset.id, reset.version), i18n.t("security.approved")),
    });

  const columns = useMemo<NonNullable<TableProps<PasswordResetData>["columns"]>>(
    () => [
      { key: "user", title: i18n.t("security.resetUser"), render: (_: unknown, r: PasswordResetData) => `${r.displayName}（${r.username}）` },
      { key: "status", title: i18n.t("security.resetStatus"), width: 90, render: (_: unknown, r: PasswordResetData) => <Tag color={statusColor[r.status]}>{i18n.t(`security.status.${r.status}`)}</Tag> },
      { key: "requestedBy", dataIndex: "requestedBy", title: i18n.t("security.requestedBy"), width: 120 },
      { key: "requestedAt", title: i18n.t("security.requestedAt"), width: 170, render: (_: unknown, r: PasswordResetData) => i18n.dateTime(r.requestedAt) },
      { key: "decidedBy", title: i18n.t("security.decidedBy"), width: 120, render: (_: unknown, r: PasswordResetData) => r.decidedBy ?? "—" },
      {
        key: "actions",
        title: i18n.t("common.actions"),
        width: 140,
        render: (_: unknown, r: PasswordResetData) => (
          <Space size={0}>
            {r.abilities.approve ? (
              <Button size="small" type="link" data-testid={`approve-reset-${r.id}`} onClick={() => approve(r)}>
                {i18n.t("security.approve")}
              </Button>
            ) : null}
            {r.abilities.reject ? (
              <Button size="small" type="link" danger onClick={() => void decide(() => accountsApi.rejectReset(r.id, r.version), i18n.t("security.rejected"))}>
                {i18n.t("security.reject")}
              </Button>
            ) : null}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n],
  );

  return (
    <Card size="small" title={i18n.t("security.resets")} data-testid="password-resets">
      <Typography.Paragraph type="secondary">{i18n.t("security.resetsHint")}</Typography.Paragraph>
      <Segmented<Status | "all">
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPage(1);
        }}
        options={[
          { value: "pending", label: i18n.t("security.status.pending") },
          { value: "applied", label: i18n.t("security.status.applied") },
          { value: "rejected", label: i18n.t("security.status.rejected") },
          { value: "all", label: i18n.t("common.all") },
        ]}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<PasswordResetData>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 760 }}
        locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("security.noResets")} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, size: "small", showSizeChanger: false }}
      />
    </Card>
  );
}
