import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space, Typography } from "antd";
import { useState } from "react";
import { conflictKindLabels } from "../../../../shared/schemas/pairing";
import { pairingApi, type VisitInput } from "../../api/pairing";
import { hrefTo, navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { PlacePicker } from "../field/PlacePicker";
import { sendThroughOutbox } from "../field/send";

interface VisitForm {
  pairing: number;
  met: string;
  findings: string;
  raise: ("problem" | "suggestion" | "conflict")[];
  problem?: string;
  suggestion?: string;
  kind?: keyof typeof conflictKindLabels;
  summary?: string;
  parties?: string;
  riskLevel?: number;
}

const fieldNames = ["pairing", "met", "findings", "problem", "suggestion", "kind", "summary", "parties", "riskLevel"] as const;

/** 登记走访: on the phone, at the door. The device's location goes with it; what was found becomes records elsewhere. */
export default function VisitPage() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const location = useLocation();
  const mine = useAsync((signal) => pairingApi.mine(signal), []);
  const [form] = Form.useForm<VisitForm>();
  const raise = Form.useWatch("raise", form) ?? [];
  const { saving, error, submit } = useFormSubmit(form, fieldNames, i18n);
  const [position, setPosition] = useState<{ lon: number; lat: number } | null>(null);
  const [done, setDone] = useState<{ clueId: number | null; suggestionId: number | null; conflictId: number | null } | null>(null);

  if (mine.error) return <ErrorAlert error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Loading />;
  const items = mine.data.items;
  const household = positiveInt(location.query.get("household"));
  const village = positiveInt(location.query.get("village"));
  const preset = items.find((item) => (household !== undefined ? item.householdId === household : item.target === "village" && item.nodeId === village));

  const locate = () =>
    navigator.geolocation?.getCurrentPosition((pos) => setPosition({ lon: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) }));

  const send = (values: VisitForm) =>
    submit(async () => {
      const target = items.find((item) => item.pairingId === values.pairing)!;
      const personId = mine.data!.personId;
      const body: VisitInput = {
        ...(target.householdId !== null ? { householdId: target.householdId } : { villageId: target.nodeId }),
        met: values.met,
        findings: values.findings,
        ...(position ?? {}),
        raise: {
          ...(raise.includes("problem") ? { problem: { description: values.problem! } } : {}),
          ...(raise.includes("suggestion") ? { suggestion: { content: values.suggestion! } } : {}),
          // The one who found it answers for it until the township names another.
          ...(raise.includes("conflict") && personId !== null
            ? { conflict: { kind: values.kind!, summary: values.summary!, parties: values.parties!, riskLevel: values.riskLevel!, responsiblePersonId: personId } }
            : {}),
        },
      };
      // Kept on the device when the village has no network, sent once when it returns.
      const outcome = await sendThroughOutbox<Awaited<ReturnType<typeof pairingApi.visit>>>("/pairing/visits", body, i18n.t("field.visit.label"));
      if (outcome.status === "queued") {
        message.info(i18n.t("field.report.queued"));
        return setDone({ clueId: null, suggestionId: null, conflictId: null });
      }
      message.success(i18n.t("pairing.visit.saved"));
      setDone(outcome.answer);
    });

  if (done) {
    return (
      <Result
        status="success"
        title={i18n.t("pairing.visit.saved")}
        data-testid="visit-saved"
        extra={
          <Space orientation="vertical">
            {done.conflictId ? (
              <a href={hrefTo(`/pairing/conflicts/${done.conflictId}`)} data-testid="visit-conflict-link">
                {i18n.t("pairing.visit.linked", { what: i18n.t("pairing.nav.conflicts") })}
              </a>
            ) : null}
            <Button onClick={() => navigate("/pairing")}>{i18n.t("pairing.nav.mine")}</Button>
          </Space>
        }
      />
    );
  }

  const required = [{ required: true, whitespace: true }];
  return (
    <Card size="small" data-testid="visit-page">
      <Form form={form} layout="vertical" initialValues={{ pairing: preset?.pairingId, raise: [], riskLevel: 2 }} onFinish={send}>
        <Form.Item name="pairing" label={i18n.t("pairing.visit.household")} rules={[{ required: true }]}>
          <Select
            data-testid="visit-household"
            options={items.map((item) => ({ value: item.pairingId, label: `${item.householdCode ?? item.nodeName} · ${item.nodeName}` }))}
          />
        </Form.Item>
        <Form.Item name="met" label={i18n.t("pairing.visit.met")} rules={required}>
          <Input maxLength={200} data-testid="visit-met" />
        </Form.Item>
        <Form.Item name="findings" label={i18n.t("pairing.visit.findings")} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="visit-findings" />
        </Form.Item>
        <Form.Item>
          <Button onClick={locate} size="small">
            {i18n.t("pairing.visit.location")}
          </Button>{" "}
          {position ? (
            <Typography.Text type="secondary" data-testid="visit-place" data-place={`${position.lon},${position.lat}`}>
              {i18n.t("pairing.visit.located", { lon: position.lon, lat: position.lat })}
            </Typography.Text>
          ) : null}
          <PlacePicker place={position} onPlace={(lon, lat) => setPosition({ lon, lat })} testId="visit-map" />
        </Form.Item>
        <Form.Item name="raise" label={i18n.t("pairing.visit.raise")}>
          <Checkbox.Group
            style={{ display: "flex", flexDirection: "column", gap: 4 }}
            options={[
              { value: "problem", label: i18n.t("pairing.visit.raiseProblem") },
              { value: "suggestion", label: i18n.t("pairing.visit.raiseSuggestion") },
              { value: "conflict", label: <span data-testid="raise-conflict">{i18n.t("pairing.visit.raiseConflict")}</span> },
            ]}
          />
        </Form.Item>
        {raise.includes("problem") ? (
          <Form.Item name="problem" label={i18n.t("pairing.visit.problem")} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        {raise.includes("suggestion") ? (
          <Form.Item name="suggestion" label={i18n.t("pairing.visit.suggestion")} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        {raise.includes("conflict") ? (
          <>
            <Form.Item name="kind" label={i18n.t("pairing.conflict.kind")} rules={[{ required: true }]}>
              <Select data-testid="conflict-kind" options={Object.keys(conflictKindLabels).map((kind) => ({ value: kind, label: i18n.t(`pairing.kind.${kind}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="summary" label={i18n.t("pairing.conflict.summary")} rules={required}>
              <Input maxLength={500} data-testid="conflict-summary" />
            </Form.Item>
            <Form.Item name="parties" label={i18n.t("pairing.conflict.parties")} rules={required}>
              <Input maxLength={500} data-testid="conflict-parties" />
            </Form.Item>
            <Form.Item name="riskLevel" label={i18n.t("pairing.conflict.risk")} rules={[{ required: true }]}>
              <Radio.Group options={[1, 2, 3, 4].map((level) => ({ value: level, label: i18n.t(`pairing.risk.${level}` as MessageKey) }))} />
            </Form.Item>
          </>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {mine.data.personId === null ? <Alert type="info" showIcon title={i18n.t("pairing.mine.noPerson")} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="visit-submit">
          {i18n.t("pairing.visit.submit")}
        </Button>
      </Form>
    </Card>
  );
}
