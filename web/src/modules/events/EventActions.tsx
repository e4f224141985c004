import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch } from "antd";
import { useState } from "react";
import { ratings } from "../../../../shared/schemas/events";
import { eventsApi, type EventDetailData } from "../../api/events";
import { orgsApi } from "../../api/orgs";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n, type MessageKey } from "../../i18n";
import { PhotoPicker } from "../field/PhotoPicker";
import { QueuedOffline, sendOrQueue } from "../field/send";

/** The workflow buttons, keyed by the event's `abilities` (what the server would allow this caller now). */
export type ActionName = "register" | "reject" | "dispatch" | "reroute" | "accept" | "refuse" | "feedback" | "close" | "sendBack" | "evaluate" | "summon";
export const actionOrder: readonly ActionName[] = ["register", "dispatch", "accept", "feedback", "close", "evaluate", "reroute", "reject", "refuse", "sendBack", "summon"];
const primary: ReadonlySet<ActionName> = new Set(["register", "dispatch", "accept", "feedback", "close", "evaluate"]);
const danger: ReadonlySet<ActionName> = new Set(["reject", "refuse", "sendBack"]);

type Values = Record<string, unknown>;

function DepartmentSelect(props: { value?: number[]; onChange?: (v: number[]) => void }) {
  const departments = useAsync((signal) => orgsApi.departments(signal), []);
  return (
    <Select
      mode="multiple"
      {...props}
      loading={departments.loading}
      showSearch={{ optionFilterProp: "label" }}
      options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
      data-testid="action-departments"
    />
  );
}

/**
 * Where a case goes on 立案: the catalogue's functions for its type first, then every other function of
 * the city's departments; cleared, a case several functions cover waits to be dispatched.
 */
function RegisterTarget({ event }: { event: EventDetailData }) {
  const i18n = useI18n();
  const departments = useAsync((signal) => orgsApi.departments(signal), []);
  const suggested = new Set(event.suggestions.map((s) => s.functionId));
  const others = (departments.data?.items ?? []).flatMap((d) => d.functions.filter((f) => !suggested.has(f.id)).map((f) => ({ value: f.id, label: `${d.name} · ${f.name}` })));
  const options = [
    { label: i18n.t("events.register.suggested"), options: event.suggestions.map((s) => ({ value: s.functionId, label: `${s.departmentName} · ${s.functionName}` })) },
    ...(others.length > 0 ? [{ label: i18n.t("events.register.others"), options: others }] : []),
  ];
  return (
    <Form.Item noStyle shouldUpdate={(a, b) => a.functionId !== b.functionId}>
      {({ getFieldValue }) => (
        <Form.Item
          name="functionId"
          label={i18n.t("events.register.target")}
          extra={<span data-testid="register-target-note">{getFieldValue("functionId") === undefined ? i18n.t("events.register.later") : i18n.t("events.register.goes")}</span>}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            loading={departments.loading}
            placeholder={i18n.t("events.register.later")}
            options={options}
            data-testid="register-function"
          />
        </Form.Item>
      )}
    </Form.Item>
  );
}

function ActionFields({ action, event }: { action: ActionName | "answer" | "rate"; event: EventDetailData }) {
  const i18n = useI18n();
  const required = (field: MessageKey) => [{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t(field) }) }];
  const note = (
    <Form.Item name="note" label={i18n.t("events.field.note")}>
      <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
    </Form.Item>
  );
  switch (action) {
    case "register":
      return (
        <>
          <RegisterTarget event={event} />
          {note}
        </>
      );
    case "accept":
    case "close":
      return note;
    case "dispatch":
    case "reroute":
      return (
        <>
          <Form.Item name="functionId" label={i18n.t("events.field.function")} rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("events.field.function") }) }]}>
            <Select
              data-testid="action-function"
              options={event.suggestions.map((s) => ({ value: s.functionId, label: `${s.departmentName} · ${s.functionName}` }))}
            />
          </Form.Item>
          {note}
        </>
      );
    case "reject":
      return (
        <>
          <Form.Item name="reason" label={i18n.t("events.field.reason")} rules={[{ required: true }]}>
            <Select options={(["invalid", "duplicate"] as const).map((r) => ({ value: r, label: i18n.t(`events.reject.${r}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.reason !== b.reason}>
            {({ getFieldValue }) =>
              getFieldValue("reason") === "duplicate" && event.duplicates.length > 0 ? (
                <Form.Item name="duplicateOfId" label={i18n.t("events.detail.duplicates")}>
                  <Select options={event.duplicates.map((d) => ({ value: d.id, label: d.code }))} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="note" label={i18n.t("events.field.note")} rules={required("events.field.note")}>
            <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
          </Form.Item>
        </>
      );
    case "refuse":
    case "sendBack":
      return (
        <Form.Item name="reason" label={i18n.t("events.field.reason")} rules={required("events.field.reason")}>
          <Input.TextArea rows={2} maxLength={500} data-testid="action-reason" />
        </Form.Item>
      );
    case "feedback":
      return (
        <>
          <Form.Item name="result" label={i18n.t("events.field.result")} rules={required("events.field.result")}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-result" />
          </Form.Item>
          <Form.Item name="photos" label={i18n.t("field.track.after")}>
            <PhotoPicker testId="action-photos" />
          </Form.Item>
        </>
      );
    case "evaluate":
      return (
        <>
          <Form.Item name="rating" label={i18n.t("events.field.rating")} rules={[{ required: true }]}>
            <Select data-testid="action-rating" options={ratings.map((r) => ({ value: r, label: i18n.t(`events.rating.${r}`) }))} />
          </Form.Item>
          <Form.Item name="comment" label={i18n.t("events.field.comment")}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    case "summon":
      return (
        <>
          <Form.Item name="departmentIds" label={i18n.t("events.summon.departments")} rules={[{ required: true, type: "array", min: 1 }]}>
            <DepartmentSelect />
          </Form.Item>
          <Form.Item name="note" label={i18n.t("events.field.note")} rules={required("events.field.note")}>
            <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
          </Form.Item>
        </>
      );
    case "answer":
      return (
        <Form.Item name="note" label={i18n.t("events.field.note")} rules={required("events.field.note")}>
          <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
        </Form.Item>
      );
    case "rate":
      return (
        <>
          <Form.Item name="attended" label={i18n.t("events.summon.attended")} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="rating" label={i18n.t("events.summon.rating")} rules={[{ required: true }]}>
            <InputNumber min={1} max={5} precision={0} />
          </Form.Item>
          {note}
        </>
      );
  }
}

const initialValues = (action: ActionName | "answer" | "rate", event: EventDetailData): Values => {
  // One function covers the type: 立案 sends it there unless the registrar picks another.
  if (action === "register") return { functionId: event.suggestions.length === 1 ? event.suggestions[0]!.functionId : undefined };
  if (action === "dispatch") return { functionId: event.suggestions[0]?.functionId };
  if (action === "reroute") return { functionId: event.suggestions.find((s) => s.functionId !== event.functionId)?.functionId };
  if (action === "reject") return { reason: event.duplicates.length > 0 ? "duplicate" : "invalid", duplicateOfId: event.duplicates[0]?.id };
  if (action === "rate") return { attended: true, rating: 5 };
  if (action === "evaluate") return { rating: "satisfied" };
  return {};
};

function run(action: ActionName, event: EventDetailData, v: Values, outboxLabel: string): Promise<EventDetailData> {
  const version = event.version;
  const text = (name: string) => (typeof v[name] === "string" ? (v[name] as string).trim() : undefined);
  switch (action) {
    case "register":
      return eventsApi.step(event.id, "register", { version, functionId: typeof v.functionId === "number" ? v.functionId : undefined, note: text("note") || undefined });
    case "reject":
      return eventsApi.step(event.id, "reject", {
        version,
        reason: v.reason as "invalid" | "duplicate",
        duplicateOfId: v.reason === "duplicate" ? (v.duplicateOfId as number | undefined) : undefined,
        note: text("note") ?? "",
      });
    case "dispatch":
    case "reroute":
      // The server reroutes a dispatched or handled case through the same dispatch step.
      return eventsApi.step(event.id, "dispatch", { version, functionId: v.functionId as number, note: text("note") || undefined });
    case "accept":
      return eventsApi.step(event.id, "accept", { version, note: text("note") || undefined });
    case "refuse":
      return eventsApi.step(event.id, "refuse", { version, reason: text("reason") ?? "" });
    case "feedback": {
      // Handlers feed back from the site: kept on the device when offline; a 409 later shows as a conflict.
      const photos = Array.isArray(v.photos) && v.photos.length > 0 ? (v.photos as string[]) : undefined;
      return sendOrQueue<EventDetailData>(`/events/${event.id}/feedback`, { version, result: text("result") ?? "", photos }, outboxLabel);
    }
    case "close":
      return eventsApi.step(event.id, "close", { version, note: text("note") || undefined });
    case "sendBack":
      return eventsApi.step(event.id, "send-back", { version, reason: text("reason") ?? "" });
    case "evaluate":
      return eventsApi.step(event.id, "evaluate", { version, rating: v.rating as (typeof ratings)[number], comment: text("comment") || undefined });
    case "summon":
      return eventsApi.step(event.id, "summons", { version, departmentIds: v.departmentIds as number[], note: text("note") ?? "" });
  }
}

interface Pending {
  action: ActionName | "answer" | "rate";
  label: string;
  submit: (values: Values) => Promise<EventDetailData>;
}

function ActionModal({ pending, event, onClose, onDone, onReload }: { pending: Pending | null; event: EventDetailData; onClose: () => void; onDone: (next: EventDetailData) => void; onReload: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if (!pending) return null;
  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const next = await pending.submit(values);
      message.success(i18n.t("events.action.done", { action: pending.label }));
      onDone(next);
    } catch (cause) {
      if (cause instanceof QueuedOffline) {
        message.info(i18n.t("field.report.queued"));
        return onDone(event);
      }
      setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={pending.label}
      onCancel={onClose}
      okText={pending.label}
      cancelText={i18n.t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "action-confirm" } as never}
      destroyOnHidden
      data-testid="action-modal"
    >
      <ErrorAlert error={error} onReload={onReload} />
      <Form form={form} layout="vertical" initialValues={initialValues(pending.action, event)} onFinish={submit} preserve={false}>
        <ActionFields action={pending.action} event={event} />
      </Form>
    </Modal>
  );
}

export function useEventActions(event: EventDetailData, onChange: (next: EventDetailData) => void, reload: () => void) {
  const i18n = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const open = (action: ActionName) => {
    const label = i18n.t(`events.action.${action}` as MessageKey);
    setPending({ action, label, submit: (values) => run(action, event, values, i18n.t("field.feedback.label", { code: event.code })) });
  };
  const openSummons = (summonsId: number, version: number, kind: "answer" | "rate") => {
    const label = i18n.t(`events.action.${kind}`);
    setPending({
      action: kind,
      label,
      submit: (v) =>
        kind === "answer"
          ? eventsApi.answerSummons(summonsId, { version, note: String(v.note ?? "").trim() })
          : eventsApi.rateSummons(summonsId, { version, attended: Boolean(v.attended), rating: Number(v.rating), note: typeof v.note === "string" && v.note.trim() ? v.note.trim() : undefined }),
    });
  };
  const buttons = (
    <Space wrap data-testid="event-actions">
      {actionOrder
        .filter((action) => event.abilities[action])
        .map((action) => (
          <Button key={action} type={primary.has(action) ? "primary" : "default"} danger={danger.has(action)} onClick={() => open(action)} data-testid={`action-${action}`}>
            {i18n.t(`events.action.${action}` as MessageKey)}
          </Button>
        ))}
    </Space>
  );
  const modal = (
    <ActionModal
      key={pending ? `${pending.action}-${event.version}` : "none"}
      pending={pending}
      event={event}
      onClose={() => setPending(null)}
      onReload={() => {
        setPending(null);
        reload();
      }}
      onDone={(next) => {
        setPending(null);
        onChange(next);
      }}
    />
  );
  return { buttons, modal, openSummons };
}
