import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, type ButtonProps } from "antd";
import type { NodeKind } from "../../../shared/permissions";
import { useState } from "react";
import { useI18n, type MessageKey } from "../i18n";
import { yuanTextToFen } from "../lib/money";
import { ErrorAlert } from "./ErrorAlert";
import { useFormSubmit } from "./forms";
import { OrgTreePicker } from "./OrgTreePicker";
import { PersonPicker } from "./PersonPicker";

/**
 * One field of a record's form, named as the server's body names it (so a 400's field lands
 * under it). Money is typed in yuan and sent in fen; dates as YYYY-MM-DD; the rules mirror the zod schema.
 */
export type FieldSpec =
  | { name: string; label: MessageKey; kind: "village" }
  | { name: string; label: MessageKey; kind: "node"; kinds?: readonly NodeKind[] }
  | { name: string; label: MessageKey; kind: "person"; required?: boolean }
  | { name: string; label: MessageKey; kind: "people" }
  | { name: string; label: MessageKey; kind: "choices"; options: readonly { value: string; label: string }[] }
  | { name: string; label: MessageKey; kind: "textarea"; required?: boolean; max: number }
  | { name: string; label: MessageKey; kind: "text"; required?: boolean; max: number }
  | { name: string; label: MessageKey; kind: "money"; positive?: boolean }
  | { name: string; label: MessageKey; kind: "date"; required?: boolean }
  | { name: string; label: MessageKey; kind: "int"; min: number; max: number }
  | { name: string; label: MessageKey; kind: "bool" }
  | { name: string; label: MessageKey; kind: "choice"; options: readonly { value: string; label: string }[] };

type Values = Record<string, unknown>;

/** A button that opens a modal form for one new record, sends it and reports the saved record. */
export function RecordFormButton({ title, button, testId, fields, initial, send, onSaved, small }: {
  title: MessageKey;
  small?: boolean;
  button: MessageKey;
  testId: string;
  fields: readonly FieldSpec[];
  initial?: Values;
  send: (body: Values) => Promise<unknown>;
  onSaved: () => void;
}) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { saving, error, setError, submit } = useFormSubmit(form, fields.map((field) => field.name), i18n);
  const labels = Object.fromEntries(fields.map((field) => [field.name, i18n.t(field.label)]));
  const close = () => {
    setOpen(false);
    setError(null);
    form.resetFields();
  };
  const save = () =>
    submit(async (values) => {
      const body: Values = {};
      for (const field of fields) {
        const value = values[field.name];
        if (value === undefined || value === null || value === "") continue;
        body[field.name] = field.kind === "money" ? yuanTextToFen(String(value)) : field.kind === "text" || field.kind === "textarea" ? String(value).trim() : value;
      }
      await send(body);
      close();
      onSaved();
    });
  const money = (positive: boolean) => ({
    validator: async (_: unknown, value?: string) => {
      if (value === undefined || value === "") return;
      const fen = yuanTextToFen(String(value));
      if (fen === null || (positive && fen <= 0)) throw new Error(i18n.t(positive ? "ledgers.form.positiveMoney" : "ledgers.contract.moneyRule"));
    },
  });
  const required = { required: true, message: i18n.t("ledgers.form.required") };
  const input = (field: FieldSpec) => {
    switch (field.kind) {
      case "village":
        return <OrgTreePicker allowClear={false} selectableKinds={["village", "community"]} />;
      case "node":
        return <OrgTreePicker allowClear={false} selectableKinds={field.kinds} />;
      case "person":
        return <PersonPicker />;
      case "people":
        return <PersonPicker multiple />;
      case "choices":
        return <Select mode="multiple" options={[...field.options]} />;
      case "textarea":
        return <Input.TextArea maxLength={field.max} autoSize={{ minRows: 2, maxRows: 6 }} />;
      case "text":
        return <Input maxLength={field.max} />;
      case "money":
        return <Input inputMode="decimal" suffix={i18n.t("ledgers.form.yuan")} />;
      case "date":
        return <Input placeholder="YYYY-MM-DD" />;
      case "int":
        return <InputNumber min={field.min} max={field.max} precision={0} style={{ width: "100%" }} />;
      case "bool":
        return <Checkbox />;
      case "choice":
        return <Select options={[...field.options]} />;
    }
  };
  const rules = (field: FieldSpec) => {
    switch (field.kind) {
      case "text":
      case "textarea":
        return field.required === false ? [] : [{ ...required, whitespace: true }];
      case "person":
        return field.required === false ? [] : [required];
      case "money":
        return [required, money(field.positive === true)];
      case "date": {
        const day = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" };
        return field.required === false ? [day] : [required, day];
      }
      case "bool":
        return [];
      default:
        return [required];
    }
  };
  return (
    <>
      <Button type={small ? "default" : "primary"} size={small ? "small" : "middle"} onClick={() => setOpen(true)} data-testid={`${testId}-new`}>
        {i18n.t(button)}
      </Button>
      <Modal
        open={open}
        title={i18n.t(title)}
        onCancel={close}
        onOk={() => void save()}
        okText={i18n.t("common.save")}
        cancelText={i18n.t("common.cancel")}
        okButtonProps={{ loading: saving, "data-testid": `${testId}-save` } as ButtonProps}
        destroyOnHidden
      >
        <ErrorAlert error={error} fieldLabels={labels} />
        <Form<Values> form={form} name={testId} layout="vertical" initialValues={initial} data-testid={`${testId}-form`}>
          {fields.map((field) => (
            <Form.Item key={field.name} name={field.name} label={labels[field.name]} rules={rules(field)} valuePropName={field.kind === "bool" ? "checked" : "value"}>
              {input(field)}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
