import { Form, Input, InputNumber, Select, Switch } from "antd";
import { ratings } from "../../../../shared/schemas/events";
import type { EventDetailData } from "../../api/events";
import { orgsApi } from "../../api/orgs";
import { useAsync } from "../../app/useAsync";
import { useI18n, type MessageKey } from "../../i18n";
import { PhotoPicker } from "../field/PhotoPicker";
import type { ActionName } from "./EventActions";

// The fields each workflow action asks for, and where 立案 will send the case.
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

export function ActionFields({ action, event }: { action: ActionName | "answer" | "rate"; event: EventDetailData }) {
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
    case "resubmit":
      return (
        <Form.Item name="note" label={i18n.t("events.field.resubmitNote")} rules={required("events.field.resubmitNote")}>
          <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
        </Form.Item>
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

