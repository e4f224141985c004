import { App, Button, Card, Empty, Table, type TableProps } from "antd";
import { useMemo } from "react";
import { accountsApi, type LoginLockData } from "../../api/accounts";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errors";
import { useI18n } from "../../i18n";

/** The locks running now (a name, a name from one address, an address); one can be ended early. */
export function LoginLocksCard() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const list = useAsync((signal) => accountsApi.loginLocks(signal), []);

  const columns = useMemo<NonNullable<TableProps<LoginLockData>["columns"]>>(() => {
    const clear = async (key: string) => {
      try {
        await accountsApi.clearLock(key);
        message.success(i18n.t("security.cleared"));
      } catch (error) {
        message.error(errorText(i18n, error));
      }
      list.reload();
    };
    return [
      { key: "kind", title: i18n.t("security.lockKey"), width: 200, render: (_: unknown, l: LoginLockData) => i18n.t(`security.lockKind.${l.kind}`) },
      { key: "key", title: "", render: (_: unknown, l: LoginLockData) => l.key.replace(/^(user|ip):/, "").replace(/\|$/, "").replace("|", " @ ") },
      { key: "until", title: i18n.t("security.lockedUntil"), width: 170, render: (_: unknown, l: LoginLockData) => i18n.dateTime(l.lockedUntil) },
      { key: "locks", dataIndex: "locks", title: i18n.t("security.lockCount"), width: 100 },
      {
        key: "actions",
        title: i18n.t("common.actions"),
        width: 90,
        render: (_: unknown, l: LoginLockData) => (
          <Button size="small" type="link" onClick={() => void clear(l.key)}>
            {i18n.t("security.clearLock")}
          </Button>
        ),
      },
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n]);

  return (
    <Card size="small" title={i18n.t("security.locks")} data-testid="login-locks">
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<LoginLockData>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 640 }}
        pagination={false}
        locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("security.noLocks")} /> }}
      />
    </Card>
  );
}
