import { Button, Card, Descriptions, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { evaluationApi, type ScorecardData } from "../../api/evaluation";
import { useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { GradeTag } from "./labels";
import { ScoreTrend } from "./ScoreTrend";

type Item = ScorecardData["items"][number];

/** The records behind one input of a score, as the owning module lists them (its code, title or description, status). */
function Records({ label, path, onClose }: { label: string; path: string; onClose: () => void }) {
  const i18n = useI18n();
  const records = useAsync((signal) => evaluationApi.drill(path, signal), [path]);
  const text = (row: Record<string, unknown>, key: string) => (typeof row[key] === "string" || typeof row[key] === "number" ? String(row[key]) : "");
  return (
    <Modal open title={records.data?.total !== undefined ? i18n.t("evaluation.recordsOf", { label, total: records.data.total }) : label} onCancel={onClose} footer={null} width={640}>
      <ErrorAlert error={records.error} onRetry={records.reload} />
      <List
        size="small"
        loading={records.loading}
        data-testid="drill-records"
        dataSource={records.data?.items ?? []}
        renderItem={(row) => (
          <List.Item extra={text(row, "stage") || text(row, "status")}>
            <Typography.Text strong>{text(row, "code")}</Typography.Text> {text(row, "title") || text(row, "description")}
          </List.Item>
        )}
      />
    </Modal>
  );
}

function AppealForm({ card, onFiled, onCancel }: { card: ScorecardData; onFiled: () => void; onCancel: () => void }) {
  const i18n = useI18n();
  const [form] = Form.useForm<{ itemId?: number; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: { itemId?: number; reason: string }) => {
    setError(null);
    try {
      await evaluationApi.appeal(card.period.id, { bodyKind: card.bodyKind, bodyId: card.bodyId, itemId: values.itemId, reason: values.reason });
      onFiled();
    } catch (failure) {
      if (!applyFieldErrors(form, failure, ["itemId", "reason"], i18n)) setError(failure);
    }
  };
  return (
    <Modal open title={i18n.t("evaluation.appeal")} onCancel={onCancel} onOk={() => form.submit()} okText={i18n.t("common.save")} cancelText={i18n.t("common.cancel")} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="appeal-form">
        <Form.Item name="itemId" label={i18n.t("evaluation.appeal.item")}>
          <Select allowClear options={card.items.map((item) => ({ value: item.itemId, label: item.label }))} />
        </Form.Item>
        <Form.Item name="reason" label={i18n.t("evaluation.appeal.reason")} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={1000} data-testid="appeal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A body's scorecard: each indicator with its weight as counted, its inputs, the records behind them, and the appeal. */
export default function ScorecardPage() {
  const i18n = useI18n();
  const { query } = useLocation();
  const periodId = positiveInt(query.get("period")) ?? 0;
  const bodyId = positiveInt(query.get("body")) ?? 0;
  const kind = query.get("kind") ?? "township";
  const card = useAsync((signal) => evaluationApi.scorecard(periodId, kind, bodyId, {}, signal), [periodId, kind, bodyId]);
  const [drill, setDrill] = useState<{ label: string; path: string } | null>(null);
  const [appealing, setAppealing] = useState(false);
  const [filed, setFiled] = useState(false);
  if (card.error) return <ErrorAlert error={card.error} onRetry={card.reload} />;
  const c = card.data;
  if (!c) return <Loading />;
  const inputs = (item: Item) =>
    item.source === "auto" ? (
      <Space wrap size={4}>
        <span>{item.numerator ?? "—"} / {item.denominator ?? "—"}</span>
        {item.drillNumerator ? <Button size="small" type="link" onClick={() => setDrill({ label: `${item.label} · ${i18n.t("evaluation.numerator")}`, path: item.drillNumerator! })} data-testid={`drill-part-${item.itemId}`}>{i18n.t("evaluation.numerator")}</Button> : null}
        {item.drill ? <Button size="small" type="link" onClick={() => setDrill({ label: `${item.label} · ${i18n.t("evaluation.denominator")}`, path: item.drill! })} data-testid={`drill-${item.itemId}`}>{i18n.t("evaluation.records")}</Button> : null}
      </Space>
    ) : item.value ?? "—";
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="scorecard">
      <Card
        size="small"
        title={c.bodyName}
        extra={c.canAppeal && !filed ? <Button onClick={() => setAppealing(true)} data-testid="appeal-open">{i18n.t("evaluation.appeal")}</Button> : filed ? <Tag color="blue">{i18n.t("evaluation.appeal.filed")}</Tag> : null}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={i18n.t("evaluation.period")}>{`${c.period.label} · ${i18n.t("evaluation.version", { version: c.resultVersion })}`}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("evaluation.score")}><span data-testid="scorecard-score">{c.score ?? i18n.t("evaluation.notScored")}</span></Descriptions.Item>
          <Descriptions.Item label={i18n.t("evaluation.grade")}><GradeTag grade={c.grade} /></Descriptions.Item>
          <Descriptions.Item label={i18n.t("evaluation.rank")}>{c.rank ?? "—"}</Descriptions.Item>
          {c.peerRank !== null && c.parentName ? <Descriptions.Item label={i18n.t("evaluation.peerRank")}>{`${c.parentName} ${c.peerRank}`}</Descriptions.Item> : null}
          {c.period.appealUntil ? <Descriptions.Item label={i18n.t("evaluation.appeal")}>{i18n.t("evaluation.appeal.until", { at: i18n.dateTime(c.period.appealUntil) })}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card size="small">
        <Table<Item>
          rowKey="itemId"
          size="small"
          pagination={false}
          dataSource={c.items}
          scroll={{ x: 640 }}
          data-testid="scorecard-items"
          columns={[
            { key: "label", title: i18n.t("evaluation.item"), render: (_: unknown, item) => <Space size={4}><Tag>{i18n.t(`evaluation.source.${item.source}`)}</Tag>{item.label}</Space> },
            { key: "weight", title: i18n.t("evaluation.weight"), align: "right", render: (_: unknown, item) => `${item.weight} → ${Math.round(item.effectiveWeight * 100) / 100}` },
            { key: "inputs", title: i18n.t("evaluation.inputs"), render: (_: unknown, item) => inputs(item) },
            {
              key: "score",
              title: i18n.t("evaluation.score"),
              render: (_: unknown, item) =>
                item.excluded ? <Typography.Text type="secondary">{`${i18n.t("evaluation.excluded")}：${item.excluded}`}</Typography.Text> : <Space size={4}>{item.score}{item.adjusted ? <Tag color="purple" title={item.adjusted}>{i18n.t("evaluation.adjusted")}</Tag> : null}</Space>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={i18n.t("evaluation.trend")}>
        <ScoreTrend trend={c.trend} />
        <List size="small" dataSource={c.trend} renderItem={(point) => <List.Item extra={<GradeTag grade={point.grade} />}>{`${point.label}：${point.score ?? "—"}`}</List.Item>} />
      </Card>
      <Card size="small" title={i18n.t("evaluation.versions")}>
        <List size="small" dataSource={c.versions} renderItem={(v) => <List.Item extra={v.actorName}>{`${i18n.t("evaluation.version", { version: v.resultVersion })}：${v.reason}`}</List.Item>} />
      </Card>
      {drill ? <Records label={drill.label} path={drill.path} onClose={() => setDrill(null)} /> : null}
      {appealing ? (
        <AppealForm
          card={c}
          onCancel={() => setAppealing(false)}
          onFiled={() => {
            setAppealing(false);
            setFiled(true);
          }}
        />
      ) : null}
    </Space>
  );
}
