import { App, Button, Card, Empty, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { serviceApi, type CallData } from "../../api/pairing";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";

/** 我的服务: the calls that reach the community a party member reports to, and a sign-up of their own for a shift with room. */
export default function MyServicePage() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const calls = useAsync((signal) => serviceApi.myCalls(signal), []);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const signUp = async (shiftId: number) => {
    setBusy(shiftId);
    setError(null);
    try {
      await serviceApi.signUpMine(shiftId);
      message.success(i18n.t("service.mine.signedUp"));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
      calls.reload();
    }
  };
  // No report to a community: the server answers 404, which here is simply nothing to sign up for.
  const noReport = calls.error instanceof ApiError && calls.error.status === 404;
  const shiftItem = (shift: CallData["shifts"][number]) => {
    const full = shift.signedUp >= shift.capacity;
    return (
      <List.Item
        key={shift.id}
        data-testid="my-shift"
        actions={[
          shift.mine ? (
            <Tag color="green" key="mine">{i18n.t("service.mine.joined")}</Tag>
          ) : (
            <Button key="join" type="primary" size="small" disabled={full} loading={busy === shift.id} onClick={() => void signUp(shift.id)} data-testid="shift-signup">
              {full ? i18n.t("service.mine.full") : i18n.t("service.mine.signUp")}
            </Button>
          ),
        ]}
      >
        <Space direction="vertical" size={0}>
          <span>{`${shift.day} ${shift.slot}`}</span>
          <Typography.Text type="secondary">{i18n.t("service.mine.places", { taken: shift.signedUp, capacity: shift.capacity })}</Typography.Text>
        </Space>
      </List.Item>
    );
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="my-service-page">
      {noReport ? null : <ErrorAlert error={calls.error} onReload={calls.reload} />}
      <ErrorAlert error={error} />
      {noReport || calls.data?.items.length === 0 ? <Empty description={i18n.t(noReport ? "service.mine.noReport" : "service.calls.empty")} /> : null}
      {calls.data?.items.map((call) => (
        <Card key={call.id} size="small" title={call.title} extra={<Tag>{call.kind}</Tag>} data-testid="my-call">
          <Typography.Text type="secondary">{call.nodeName}</Typography.Text>
          <List size="small" dataSource={call.shifts} renderItem={shiftItem} />
        </Card>
      ))}
    </Space>
  );
}
