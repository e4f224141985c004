import { Button, Card, Empty, Form, Input, Select, Table, Tag, Typography, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { accountsApi, type LoginAttemptData, type LoginAttemptParams } from "../../api/accounts";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";

type Outcome = LoginAttemptData["outcome"];
const outcomes: Outcome[] = ["success", "failed", "failed_locked", "locked"];
const outcomeColor: Record<Outcome, string> = { success: "green", failed: "orange", failed_locked: "red", locked: "volcano" };

interface Filters {
  username?: string;
  ip?: string;
  outcome?: Outcome;
}

/** Every sign-in attempt, newest first, by name, address and outcome: what the security administrator watches. */
export function LoginAttemptsCard() {
  const i18n = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<LoginAttemptParams>({});
  const [page, setPage] = useState(1);
  const list = useAsync((signal) => accountsApi.loginAttempts({ ...filters, page, pageSize: 50 }, signal), [JSON.stringify(filters), page]);

  const columns = useMemo<NonNullable<TableProps<LoginAttemptData>["columns"]>>(
    () => [
      { key: "at", title: i18n.t("security.attemptAt"), width: 170, render: (_: unknown, a: LoginAttemptData) => i18n.dateTime(a.at) },
      {
        key: "username",
        title: i18n.t("security.attemptUser"),
        render: (_: unknown, a: LoginAttemptData) => (
          <>
            {a.username}
            {a.accountExists ? null : <Typography.Text type="secondary">（{i18n.t("security.unknownUser")}）</Typography.Text>}
          </>
        ),
      },
      { key: "ip", title: i18n.t("security.attemptIp"), width: 150, render: (_: unknown, a: LoginAttemptData) => a.ip ?? "—" },
      {
        key: "outcome",
        title: i18n.t("security.attemptOutcome"),
        width: 120,
        render: (_: unknown, a: LoginAttemptData) => <Tag color={outcomeColor[a.outcome]}>{i18n.t(`security.outcome.${a.outcome}`)}</Tag>,
      },
    ],
    [i18n],
  );

  const apply = (values: Filters) => {
    setFilters({ username: values.username?.trim() || undefined, ip: values.ip?.trim() || undefined, outcome: values.outcome });
    setPage(1);
  };

  return (
    <Card size="small" title={i18n.t("security.attempts")} data-testid="login-attempts">
      <Form<Filters> form={form} layout="inline" onFinish={apply} style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item name="username">
          <Input placeholder={i18n.t("security.attemptUser")} allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="ip">
          <Input placeholder={i18n.t("security.attemptIp")} allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="outcome">
          <Select<Outcome> placeholder={i18n.t("security.attemptOutcome")} allowClear style={{ width: 150 }} options={outcomes.map((o) => ({ value: o, label: i18n.t(`security.outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {i18n.t("common.search")}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<LoginAttemptData>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 600 }}
        locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("security.noAttempts")} /> }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
          size: "small",
          showSizeChanger: false,
          showTotal: (total) => i18n.t("common.total", { total: i18n.number(total) }),
        }}
      />
    </Card>
  );
}
