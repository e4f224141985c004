import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Input, Space, Table, Tag, Tooltip, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { accountsApi, type AccountData, type RoleAssignmentData } from "../../api/accounts";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errors";
import { roleLabel, useI18n } from "../../i18n";
import { useAuth } from "../auth/AuthContext";
import { AccountModal, type AccountDialog } from "./AccountModals";

export default function AccountsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<AccountDialog | null>(null);
  const list = useAsync((signal) => accountsApi.list({ q: q || undefined, page, pageSize }, signal), [q, page, pageSize]);

  const canManage = auth.can("account.manage");
  const canRoles = auth.can("role.manage");
  const canSecurity = auth.can("security.manage");

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      list.reload();
    } catch (error) {
      message.error(errorText(i18n, error));
      list.reload();
    }
  };

  const revoke = (account: AccountData, assignment: RoleAssignmentData) =>
    modal.confirm({
      title: i18n.t("accounts.revoke"),
      content: i18n.t("accounts.revokeConfirm", { role: roleLabel(i18n, assignment.role), node: assignment.nodeName ?? "—" }),
      okText: i18n.t("common.ok"),
      cancelText: i18n.t("common.cancel"),
      okButtonProps: { danger: true },
      onOk: () => run(() => accountsApi.revokeRole(assignment.id), i18n.t("accounts.revoked")),
    });

  const toggleDisabled = (account: AccountData) => {
    const disabling = !account.disabled;
    const work = () => run(() => accountsApi.update(account.id, { version: account.version, disabled: disabling }), i18n.t(disabling ? "accounts.disabledOk" : "accounts.enabledOk"));
    if (!disabling) return void work();
    modal.confirm({
      title: i18n.t("accounts.disable"),
      content: i18n.t("accounts.disableConfirm", { name: account.displayName }),
      okText: i18n.t("common.ok"),
      cancelText: i18n.t("common.cancel"),
      okButtonProps: { danger: true },
      onOk: work,
    });
  };

  const columns = useMemo<NonNullable<TableProps<AccountData>["columns"]>>(
    () => [
      { key: "username", dataIndex: "username", title: i18n.t("accounts.username"), width: 140, fixed: "left" },
      { key: "displayName", dataIndex: "displayName", title: i18n.t("accounts.displayName"), width: 120, sorter: (a, b) => i18n.compare(a.displayName, b.displayName) },
      {
        key: "status",
        title: i18n.t("accounts.status"),
        width: 130,
        render: (_: unknown, a: AccountData) => (
          <Space size={2} wrap>
            {a.disabled ? <Tag>{i18n.t("accounts.disabled")}</Tag> : null}
            {a.locked ? <Tag color="orange">{i18n.t("accounts.locked")}</Tag> : null}
            {a.mustChangePassword ? <Tag color="blue">{i18n.t("accounts.mustChange")}</Tag> : null}
            {!a.disabled && !a.locked ? <Tag color="green">{i18n.t("accounts.active")}</Tag> : null}
          </Space>
        ),
      },
      {
        key: "roles",
        title: i18n.t("accounts.roles"),
        render: (_: unknown, a: AccountData) =>
          a.roles.length === 0 ? (
            <Tag variant="outlined">{i18n.t("accounts.noRoles")}</Tag>
          ) : (
            <Space size={[2, 4]} wrap>
              {a.roles.map((r) => (
                <Tooltip key={r.id} title={r.nodePath ?? undefined}>
                  <Tag
                    color="red"
                    closable={canRoles && a.abilities.grantRole}
                    onClose={(event) => {
                      event.preventDefault();
                      revoke(a, r);
                    }}
                  >
                    {roleLabel(i18n, r.role)}
                    {r.nodeName ? ` · ${r.nodeName}` : ""}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          ),
      },
      { key: "createdAt", dataIndex: "createdAt", title: i18n.t("accounts.createdAt"), width: 170, render: (_: unknown, a: AccountData) => i18n.dateTime(a.createdAt) },
      {
        key: "actions",
        title: i18n.t("common.actions"),
        width: 200,
        render: (_: unknown, a: AccountData) => {
          const buttons: React.ReactNode[] = [];
          if (canManage && a.abilities.update) {
            buttons.push(
              <Button key="edit" size="small" type="link" onClick={() => setDialog({ kind: "edit", account: a })}>
                {i18n.t("accounts.edit")}
              </Button>,
              <Button key="disable" size="small" type="link" danger={!a.disabled} onClick={() => toggleDisabled(a)}>
                {i18n.t(a.disabled ? "accounts.enable" : "accounts.disable")}
              </Button>,
            );
          }
          // An account with a system role or reveal rights gets a request a security administrator approves.
          const request = a.abilities.requestPasswordReset;
          if (canManage && (request || a.abilities.resetPassword))
            buttons.push(
              <Button key="reset" size="small" type="link" onClick={() => setDialog({ kind: "reset", account: a })}>
                {i18n.t(request ? "accounts.requestReset" : "accounts.resetPassword")}
              </Button>,
            );
          if (canRoles && a.abilities.grantRole)
            buttons.push(
              <Button key="grant" size="small" type="link" onClick={() => setDialog({ kind: "grant", account: a })}>
                {i18n.t("accounts.grantRole")}
              </Button>,
            );
          if (canSecurity && a.locked && a.abilities.unlock)
            buttons.push(
              <Button key="unlock" size="small" type="link" onClick={() => void run(() => accountsApi.unlock(a.id), i18n.t("accounts.unlockOk"))}>
                {i18n.t("accounts.unlock")}
              </Button>,
            );
          return (
            <Space size={0} wrap>
              {buttons}
            </Space>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, canManage, canRoles, canSecurity],
  );

  return (
    <Card size="small">
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
        <Input.Search
          placeholder={i18n.t("accounts.searchPlaceholder")}
          allowClear
          style={{ maxWidth: 320, flex: "1 1 200px" }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        <div style={{ flex: 1 }} />
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "create" })}>
            {i18n.t("accounts.create")}
          </Button>
        ) : null}
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AccountData>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1000 }}
        locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("accounts.empty")} /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => i18n.t("common.total", { total: i18n.number(total) }),
          onChange: (p, size) => {
            setPage(size !== pageSize ? 1 : p);
            setPageSize(size);
          },
          size: "small",
        }}
      />
      {dialog ? (
        <AccountModal
          dialog={dialog}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            list.reload();
          }}
        />
      ) : null}
    </Card>
  );
}
