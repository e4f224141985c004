import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Timeline, Typography } from "antd";
import { useState } from "react";
import { conflictResultLabels } from "../../../../shared/schemas/pairing";
import { pairingApi, type ConflictDetailData } from "../../api/pairing";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useAuth } from "../auth/AuthContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { ConflictStatusTag, RiskTag } from "./common";

type Action = "mediation" | "follow_up" | "result";
interface ActionForm {
  note: string;
  outcome?: string;
  result?: keyof typeof conflictResultLabels;
}

/** One register entry: what it is, who answers for it, the mediation and follow-ups, its result; the actions its state allows. */
export default function ConflictPage({ id }: { id: number }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const auth = useAuth();
  const detail = useAsync((signal) => pairingApi.conflict(id, signal), [id]);
  const [action, setAction] = useState<Action | null>(null);
  const [parties, setParties] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<ActionForm>();
  const can = auth.can;

  if (detail.error) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  const entry: ConflictDetailData | undefined = detail.data;
  if (!entry) return <Loading />;
  const manage = can("conflict.manage") && entry.status !== "closed";

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      setAction(null);
      form.resetFields();
      detail.reload();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const values = await form.validateFields();
    await run(() =>
      action === "result"
        ? pairingApi.result(id, { version: entry.version, result: values.result!, note: values.note })
        : pairingApi.step(id, { version: entry.version, kind: action!, note: values.note, outcome: values.outcome }),
    );
  };
  const reveal = async () => {
    try {
      setParties((await pairingApi.reveal(id)).parties);
    } catch (cause) {
      message.error(String((cause as Error).message));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="conflict-page">
      <Card size="small" title={entry.summary} extra={<ConflictStatusTag status={entry.status} overdue={entry.overdue} />}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={i18n.t("pairing.field.node")}>{entry.nodeName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.kind")}>{i18n.t(`pairing.kind.${entry.kind}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.risk")}>
            <RiskTag level={entry.riskLevel} />
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.source")}>
            {i18n.t(`pairing.source.${entry.source}` as MessageKey)}
            {entry.eventId ? (
              <>
                {" · "}
                <a href={hrefTo(`/events/${entry.eventId}`)}>{i18n.t("pairing.conflict.fromEvent")}</a>
              </>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.parties")}>
            <span data-testid="conflict-parties">{parties ?? entry.parties}</span>{" "}
            {parties === null && can("person.reveal") ? (
              <Button size="small" type="link" onClick={reveal}>
                {i18n.t("pairing.conflict.reveal")}
              </Button>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.responsible")}>{entry.responsibleName ?? i18n.t("pairing.conflict.unassigned")}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.reported")}>{entry.reportedOn}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("pairing.conflict.deadline")}>{entry.deadline}</Descriptions.Item>
          {entry.result ? <Descriptions.Item label={i18n.t("pairing.conflict.result")}>{i18n.t(`pairing.result.${entry.result}` as MessageKey)}</Descriptions.Item> : null}
          {entry.resolvedOn ? <Descriptions.Item label={i18n.t("pairing.conflict.resolvedOn")}>{entry.resolvedOn}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={i18n.t("pairing.conflict.steps")}
        extra={
          manage ? (
            <Space wrap>
              {entry.status === "open" ? <Button onClick={() => setAction("mediation")}>{i18n.t("pairing.conflict.addStep")}</Button> : <Button onClick={() => setAction("follow_up")}>{i18n.t("pairing.conflict.addFollowUp")}</Button>}
              {entry.status === "open" ? (
                <Button type="primary" onClick={() => setAction("result")}>
                  {i18n.t("pairing.conflict.recordResult")}
                </Button>
              ) : (
                <Button type="primary" loading={busy} onClick={() => run(() => pairingApi.close(id, entry.version))}>
                  {i18n.t("pairing.conflict.close")}
                </Button>
              )}
            </Space>
          ) : null
        }
      >
        {error ? <ErrorAlert error={error} /> : null}
        {entry.steps.length === 0 ? (
          <Empty description={i18n.t("pairing.conflict.noSteps")} />
        ) : (
          <Timeline
            items={entry.steps.map((step) => ({
              key: step.id,
              content: (
                <div>
                  <Typography.Text strong>{step.happenedOn}</Typography.Text> {step.kind === "mediation" ? i18n.t("pairing.conflict.addStep") : i18n.t("pairing.conflict.addFollowUp")}
                  <div>{step.note}</div>
                  {step.outcome ? <Typography.Text type="secondary">{step.outcome}</Typography.Text> : null}
                </div>
              ),
            }))}
          />
        )}
      </Card>
      <Modal open={action !== null} onCancel={() => setAction(null)} onOk={save} confirmLoading={busy} title={action === "result" ? i18n.t("pairing.conflict.recordResult") : i18n.t("pairing.conflict.steps")}>
        <Form form={form} layout="vertical">
          {action === "result" ? (
            <Form.Item name="result" label={i18n.t("pairing.conflict.result")} rules={[{ required: true }]}>
              <Select options={Object.keys(conflictResultLabels).map((result) => ({ value: result, label: i18n.t(`pairing.result.${result}` as MessageKey) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={i18n.t("pairing.conflict.note")} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          {action !== "result" ? (
            <Form.Item name="outcome" label={i18n.t("pairing.conflict.outcome")}>
              <Input maxLength={500} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Space>
  );
}
