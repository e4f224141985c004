import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, type FormInstance } from "antd";
import { useState } from "react";
import type { NodeKind } from "../../../../shared/permissions";
import { channels } from "../../../../shared/schemas/evaluation";
import { evaluationApi, type ManualScoreData, type PeriodData } from "../../api/evaluation";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { FindingsImport } from "./FindingsImport";
import { positiveInt } from "../../lib/query";

const nodeKindsOf: Record<string, NodeKind[]> = { township: ["township", "street"], village: ["village", "community"] };

interface ScoreValues { itemId: number; bodyId: number; score: number; evidence: string }
interface FindingValues { channel: string; bodyId: number; foundOn: string; points: number; description: string; evidence: string }

/** The "1" scored by hand and the "3"/"X" found by supervision: a named assessor enters, a second person confirms. */
export default function AssessPage() {
  const i18n = useI18n();
  const { query } = useLocation();
  const periods = useAsync((signal) => evaluationApi.periods({ status: "draft" }, signal), []);
  const catalogues = useAsync((signal) => evaluationApi.catalogues(signal), []);
  const period: PeriodData | undefined = periods.data?.items.find((p) => p.id === positiveInt(query.get("period"))) ?? periods.data?.items[0];
  const scores = useAsync((signal) => (period ? evaluationApi.manualScores(period.id, signal) : Promise.resolve({ items: [] as ManualScoreData[] })), [period?.id]);
  const manualItems = catalogues.data?.items.find((c) => c.id === period?.catalogueId)?.items.filter((item) => item.source === "manual") ?? [];
  const kinds = nodeKindsOf[period?.bodyKind ?? ""] ?? [];
  // Departments, units, leaders and the city are not tree nodes to pick: the server lists those the caller scores.
  const listed = useAsync((signal) => (period && kinds.length === 0 ? evaluationApi.periodBodies(period.id, signal) : Promise.resolve({ items: [] })), [period?.id, kinds.length]);
  const bodyPicker =
    kinds.length > 0 ? (
      <OrgTreePicker selectableKinds={kinds} />
    ) : (
      <Select showSearch optionFilterProp="label" options={(listed.data?.items ?? []).map((body) => ({ value: body.id, label: body.name }))} />
    );
  const [scoreForm] = Form.useForm<ScoreValues>();
  const [findingForm] = Form.useForm<FindingValues>();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async <T extends object>(form: FormInstance<T>, fields: string[], action: () => Promise<unknown>, done: string) => {
    setError(null);
    setSaved(null);
    try {
      await action();
      form.resetFields();
      setSaved(done);
      scores.reload();
    } catch (failure) {
      if (!applyFieldErrors(form, failure, fields, i18n)) setError(failure);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="evaluation-assess">
      <ErrorAlert error={periods.error ?? catalogues.error ?? scores.error ?? listed.error ?? error} />
      {saved ? <Tag color="green">{saved}</Tag> : null}
      <Card size="small" title={i18n.t("evaluation.assess.manual")}>
        <Select
          style={{ minWidth: 260, marginBottom: 12 }}
          value={period?.id}
          placeholder={i18n.t("evaluation.noPeriods")}
          onChange={(id: number) => navigate(withQuery("/evaluation/assess", { period: id }))}
          options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.label} · ${p.catalogueName}` }))}
        />
        {period && manualItems.length > 0 ? (
          <Form<ScoreValues> form={scoreForm} layout="vertical" onFinish={(v) => void run(scoreForm, ["itemId", "bodyId", "score", "evidence"], () => evaluationApi.enterScore(period.id, { ...v, bodyKind: period.bodyKind }), i18n.t("evaluation.assess.saved"))}>
            <Form.Item name="itemId" label={i18n.t("evaluation.item")} rules={[{ required: true }]}>
              <Select options={manualItems.map((item) => ({ value: item.id, label: item.label }))} />
            </Form.Item>
            <Form.Item name="bodyId" label={i18n.t("evaluation.body")} rules={[{ required: true }]}>
              {bodyPicker}
            </Form.Item>
            <Form.Item name="score" label={i18n.t("evaluation.score")} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="evidence" label={i18n.t("evaluation.assess.evidence")} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{i18n.t("common.save")}</Button>
          </Form>
        ) : null}
        <Table<ManualScoreData>
          rowKey="id"
          size="small"
          style={{ marginTop: 12 }}
          dataSource={scores.data?.items ?? []}
          scroll={{ x: 560 }}
          columns={[
            { key: "item", title: i18n.t("evaluation.item"), render: (_: unknown, row) => manualItems.find((item) => item.id === row.itemId)?.label ?? row.itemId },
            { key: "body", title: i18n.t("evaluation.body"), dataIndex: "bodyName" },
            { key: "score", title: i18n.t("evaluation.score"), dataIndex: "score", align: "right" },
            { key: "by", title: i18n.t("evaluation.assess.assessor"), dataIndex: "assessorName" },
            {
              key: "confirm",
              title: i18n.t("evaluation.assess.confirmed"),
              render: (_: unknown, row) =>
                row.confirmedByName ?? <Button size="small" onClick={() => void run(scoreForm, [], () => evaluationApi.confirmScore(row.id, row.version), i18n.t("evaluation.assess.saved"))}>{i18n.t("evaluation.assess.confirm")}</Button>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={i18n.t("evaluation.assess.finding")}>
        <FindingsImport onImported={() => setSaved(i18n.t("evaluation.assess.saved"))} />
        {period ? (
          <Form<FindingValues> form={findingForm} layout="vertical" onFinish={(v) => void run(findingForm, ["channel", "bodyId", "foundOn", "points", "description", "evidence"], () => evaluationApi.recordFinding({ ...v, bodyKind: period.bodyKind }), i18n.t("evaluation.assess.saved"))}>
            <Form.Item name="channel" label={i18n.t("evaluation.assess.channel")} rules={[{ required: true }]}>
              <Select options={channels.map((channel) => ({ value: channel, label: i18n.t(`evaluation.channel.${channel}`) }))} />
            </Form.Item>
            <Form.Item name="bodyId" label={i18n.t("evaluation.body")} rules={[{ required: true }]}>
              {bodyPicker}
            </Form.Item>
            <Form.Item name="foundOn" label={i18n.t("evaluation.assess.foundOn")} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="points" label={i18n.t("evaluation.assess.points")} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="description" label={i18n.t("evaluation.assess.description")} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="evidence" label={i18n.t("evaluation.assess.evidence")} rules={[{ required: true }]}>
              <Input maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{i18n.t("common.save")}</Button>
          </Form>
        ) : null}
      </Card>
    </Space>
  );
}
