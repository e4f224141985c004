import { DeleteOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { evaluationApi, type CatalogueData, type CatalogueInput } from "../../api/evaluation";
import { pickLanguage } from "../../components/errors";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";

type Line = CatalogueData["items"][number];
type IndicatorOption = { key: string; label: { zh: string; en: string }; bodyKinds: string[] };
/** A line being edited: new automatic lines have no id yet. */
type Draft = Omit<Line, "id" | "position"> & { key: string };

/** Node indicators measure a city too (as its root's subtree): the same list the server accepts. */
const measuredAs = (kind: string) => (kind === "city" ? "township" : kind);

/**
 * Editing a catalogue's lines and weights, or copying it as a new catalogue (a catalogue a period
 * already uses is fixed, since its results name its lines). The server's refusal of weights that do
 * not sum to 100 is shown under the total, on the form.
 */
export function CatalogueEditor({ catalogue, mode, indicators, onClose, onSaved }: { catalogue: CatalogueData; mode: "edit" | "copy"; indicators: readonly IndicatorOption[]; onClose: () => void; onSaved: () => void }) {
  const i18n = useI18n();
  const [name, setName] = useState(mode === "copy" ? `${catalogue.name}（新）` : catalogue.name);
  const [lines, setLines] = useState<Draft[]>(catalogue.items.map((line) => ({ ...line, key: String(line.id) })));
  const [adding, setAdding] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [weightsError, setWeightsError] = useState<string | null>(null);
  const total = lines.reduce((sum, line) => sum + (line.weight || 0), 0);
  const offered = indicators.filter((indicator) => indicator.bodyKinds.includes(measuredAs(catalogue.bodyKind)) && !lines.some((line) => line.indicatorKey === indicator.key));
  const labelOf = (indicator: IndicatorOption) => (i18n.locale.startsWith("en") ? indicator.label.en : indicator.label.zh);

  const setWeight = (key: string, weight: number | null) => setLines((current) => current.map((line) => (line.key === key ? { ...line, weight: weight ?? 0 } : line)));
  const add = () => {
    const indicator = indicators.find((candidate) => candidate.key === adding);
    if (!indicator) return;
    setLines((current) => [...current, { key: `new-${indicator.key}`, source: "auto", indicatorKey: indicator.key, channel: null, label: indicator.label.zh, weight: 0, minSample: 0 }]);
    setAdding(undefined);
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    setWeightsError(null);
    const body: CatalogueInput = {
      name,
      bodyKind: catalogue.bodyKind,
      periodKind: catalogue.periodKind,
      grading: catalogue.grading,
      thresholds: catalogue.thresholds,
      quotas: catalogue.quotas,
      appealDays: catalogue.appealDays,
      public: catalogue.public,
      // A new automatic line takes its indicator's minimum sample (minSample left out).
      items: lines.map((line) => ({ source: line.source, indicatorKey: line.indicatorKey ?? undefined, channel: line.channel ?? undefined, label: line.label, weight: line.weight, minSample: line.key.startsWith("new-") ? undefined : line.minSample })),
    };
    try {
      if (mode === "edit") await evaluationApi.updateCatalogue(catalogue.id, { ...body, version: catalogue.version });
      else await evaluationApi.createCatalogue(body);
      onSaved();
    } catch (cause) {
      const weights = cause instanceof ApiError ? cause.fields.find((field) => field.field === "items") : undefined;
      if (weights) setWeightsError(pickLanguage(i18n.locale, weights.message));
      const rest = cause instanceof ApiError ? cause.fields.filter((field) => field.field !== "items") : [];
      if (!weights || rest.length > 0) setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={mode === "edit" ? `${i18n.t("evaluation.catalogue.edit")}：${catalogue.name}` : i18n.t("evaluation.catalogue.copy")}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: saving, disabled: !name.trim() || lines.length === 0, "data-testid": "catalogue-save" } as never}
      okText={i18n.t("common.save")}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="catalogue-editor">
        <ErrorAlert error={error} />
        <Form layout="vertical">
          <Form.Item label={i18n.t("evaluation.catalogue.name")} required>
            <Input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} data-testid="catalogue-name" />
          </Form.Item>
          <Table<Draft>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={lines}
            scroll={{ x: 480 }}
            columns={[
              { key: "label", title: i18n.t("evaluation.item"), render: (_: unknown, line) => <Space size={4}><Tag>{i18n.t(`evaluation.source.${line.source}`)}</Tag>{line.label}</Space> },
              {
                key: "weight",
                title: i18n.t("evaluation.weight"),
                width: 120,
                render: (_: unknown, line, index) => <InputNumber min={0} max={100} precision={0} value={line.weight} onChange={(value) => setWeight(line.key, value)} data-testid={`weight-${index}`} aria-label={`${i18n.t("evaluation.weight")} ${line.label}`} />,
              },
              {
                key: "remove",
                width: 48,
                render: (_: unknown, line) => <Button type="text" icon={<DeleteOutlined />} aria-label={i18n.t("common.delete")} onClick={() => setLines((current) => current.filter((other) => other.key !== line.key))} />,
              },
            ]}
          />
          <Form.Item
            style={{ marginTop: 12 }}
            validateStatus={weightsError ? "error" : total === 100 ? "success" : "warning"}
            help={<span data-testid="catalogue-weights-help">{weightsError ?? i18n.t("evaluation.catalogue.weightTotal", { total })}</span>}
          >
            <Space wrap>
              <Select style={{ minWidth: 260 }} value={adding} onChange={setAdding} placeholder={i18n.t("evaluation.catalogue.indicators")} options={offered.map((indicator) => ({ value: indicator.key, label: labelOf(indicator) }))} />
              <Button onClick={add} disabled={!adding}>{i18n.t("evaluation.catalogue.add")}</Button>
            </Space>
          </Form.Item>
        </Form>
        {mode === "copy" ? <Typography.Text type="secondary">{i18n.t("evaluation.catalogue.inUse")}</Typography.Text> : null}
      </Space>
    </Modal>
  );
}
