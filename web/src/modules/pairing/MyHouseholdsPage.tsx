import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from "antd";
import { pairingApi } from "../../api/pairing";
import { navigate, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";

/** 我的联系户: the caller's households and villages on the phone, what is due this period first. */
export default function MyHouseholdsPage() {
  const i18n = useI18n();
  const mine = useAsync((signal) => pairingApi.mine(signal), []);
  if (mine.error) return <ErrorAlert error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Loading />;
  const { items, from, to, personId } = mine.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="my-households">
      <Typography.Text type="secondary">{i18n.t("pairing.mine.period", { from, to })}</Typography.Text>
      {personId === null ? <Alert type="info" showIcon title={i18n.t("pairing.mine.noPerson")} /> : null}
      {items.length === 0 ? (
        <Empty description={i18n.t("pairing.mine.empty")} />
      ) : (
        <List
          dataSource={items}
          renderItem={(item) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="my-household" data-household-id={item.householdId ?? undefined}>
              <div style={{ display: "flex", justifyContent: "space-between", gap: 8, alignItems: "center" }}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{item.householdCode ?? item.nodeName}</Typography.Text>
                  {item.target === "village" ? <Tag style={{ marginInlineStart: 8 }}>{i18n.t("pairing.mine.village")}</Tag> : null}
                  <div>
                    <Typography.Text type="secondary">
                      {item.nodeName}
                      {item.head ? ` · ${item.head}` : ""}
                    </Typography.Text>
                  </div>
                  <div>
                    <Tag color={item.due ? "orange" : "green"} data-testid="visit-state">
                      {item.due ? i18n.t("pairing.mine.due") : i18n.t("pairing.mine.done")}
                    </Tag>
                    <Typography.Text type="secondary">{item.lastVisitOn ? i18n.t("pairing.mine.last", { day: item.lastVisitOn }) : i18n.t("pairing.mine.never")}</Typography.Text>
                  </div>
                </div>
                <Button
                  type="primary"
                  data-testid="visit-button"
                  onClick={() => navigate(withQuery("/pairing/visit", item.householdId !== null ? { household: item.householdId } : { village: item.nodeId }))}
                >
                  {i18n.t("pairing.mine.visit")}
                </Button>
              </div>
            </Card>
          )}
        />
      )}
    </Space>
  );
}
