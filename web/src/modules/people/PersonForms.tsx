import { Alert, App, Form, Input, Modal, Radio, Switch, type ButtonProps } from "antd";
import { useState } from "react";
import { isValidIdNumber } from "../../../../shared/mask";
import { ApiError } from "../../api/client";
import { peopleApi, type CreatePersonInput, type PersonData, type UpdatePersonInput } from "../../api/people";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n, type I18n } from "../../i18n";

interface PersonForm {
  nodeId?: number | null;
  name?: string;
  gender?: "M" | "F";
  isPartyMember?: boolean;
  phone?: string;
  idNumber?: string;
  address?: string;
}

const fieldNames = ["nodeId", "name", "gender", "isPartyMember", "phone", "idNumber", "address"] as const;
const phonePattern = /^1\d{10}$/;
const idPattern = /^\d{17}[\dX]$/;

/**
 * The ID-number check of the form: the same as the server's (shared/mask.ts isValidIdNumber),
 * so that a wrong check digit is caught before sending. Returns the message, or null when valid.
 */
export function idNumberProblem(i18n: Pick<I18n, "t">, raw: string | undefined | null): string | null {
  const value = (raw ?? "").trim().toUpperCase();
  if (!value) return null;
  if (!idPattern.test(value)) return i18n.t("people.idNumberFormat");
  if (!isValidIdNumber(value)) return i18n.t("people.idNumberCheck");
  return null;
}

function useLabels(i18n: I18n): Record<(typeof fieldNames)[number] | "version" | "reason", string> {
  return {
    nodeId: i18n.t("people.node"),
    name: i18n.t("people.name"),
    gender: i18n.t("people.gender"),
    isPartyMember: i18n.t("people.partyMember"),
    phone: i18n.t("people.phone"),
    idNumber: i18n.t("people.idNumber"),
    address: i18n.t("people.address"),
    version: "version",
    reason: i18n.t("people.deleteReason"),
  };
}

/** Only a 400 whose every field error landed under a field needs no alert above the form. */
function alertFor(error: unknown, applied: boolean): unknown {
  return applied && error instanceof ApiError && error.status === 400 && error.fields.every((f) => (fieldNames as readonly string[]).includes(f.field.split(".")[0] ?? "")) ? null : error;
}

/**
 * Add or edit a person. Personal fields come masked from the server: on edit they start empty and
 * are sent only when typed in. Field errors from the server show under their fields; a 409 (someone
 * else saved first) offers to reload the record and keeps what was typed.
 */
export function PersonFormModal(props: { person?: PersonData; defaultNodeId?: number | null; onClose: () => void; onSaved: (person: PersonData) => void }) {
  const { onClose, onSaved, defaultNodeId } = props;
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonForm>();
  const [person, setPerson] = useState<PersonData | undefined>(props.person);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const labels = useLabels(i18n);
  const editing = person !== undefined;

  const reload = async () => {
    if (!person) return;
    try {
      const fresh = await peopleApi.get(person.id);
      setPerson(fresh);
      setError(null);
      message.info(i18n.t("people.reloaded"));
    } catch (cause) {
      setError(cause);
    }
  };

  const submit = async () => {
    let values: PersonForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const text = (v: string | undefined) => v?.trim() || undefined;
    setSaving(true);
    setError(null);
    try {
      let saved: PersonData;
      if (!person) {
        const body: CreatePersonInput = {
          nodeId: values.nodeId as number,
          name: values.name?.trim() ?? "",
          gender: values.gender ?? "M",
          isPartyMember: values.isPartyMember ?? false,
          ...(text(values.phone) ? { phone: text(values.phone) } : {}),
          ...(text(values.idNumber) ? { idNumber: text(values.idNumber)?.toUpperCase() } : {}),
          ...(text(values.address) ? { address: text(values.address) } : {}),
        };
        saved = await peopleApi.create(body);
        message.success(i18n.t("people.created"));
      } else {
        const body: UpdatePersonInput = { version: person.version };
        if (values.nodeId && values.nodeId !== person.nodeId) body.nodeId = values.nodeId;
        if (values.name?.trim() && values.name.trim() !== person.name) body.name = values.name.trim();
        if (values.gender && values.gender !== person.gender) body.gender = values.gender;
        if (values.isPartyMember !== undefined && values.isPartyMember !== person.isPartyMember) body.isPartyMember = values.isPartyMember;
        if (text(values.phone)) body.phone = text(values.phone);
        if (text(values.idNumber)) body.idNumber = text(values.idNumber)?.toUpperCase();
        if (text(values.address)) body.address = text(values.address);
        if (Object.keys(body).length === 1) {
          onClose();
          return;
        }
        saved = await peopleApi.update(person.id, body);
        message.success(i18n.t("people.updated"));
      }
      onSaved(saved);
    } catch (cause) {
      const applied = applyFieldErrors(form, cause, fieldNames, i18n);
      setError(alertFor(cause, applied));
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: i18n.t("common.required", { field }) });
  const keep = (value: string | null) => (editing && value ? i18n.t("people.keepMasked", { value }) : undefined);

  return (
    <Modal
      open
      title={person ? i18n.t("people.editTitle", { name: person.name }) : i18n.t("people.createTitle")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "person-save" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="person-form"
    >
      <ErrorAlert error={error} fieldLabels={labels} onReload={person ? reload : undefined} />
      <Form<PersonForm>
        form={form}
        name="person"
        layout="vertical"
        initialValues={
          person
            ? { nodeId: person.nodeId, name: person.name, gender: person.gender, isPartyMember: person.isPartyMember }
            : { nodeId: defaultNodeId ?? null, gender: "M", isPartyMember: false }
        }
        onFinish={submit}
        autoComplete="off"
      >
        <Form.Item name="nodeId" label={labels.nodeId} rules={[{ required: true, message: i18n.t("common.required", { field: labels.nodeId }) }]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="name" label={labels.name} rules={[required(labels.name), { max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <div style={{ display: "flex", gap: 24, flexWrap: "wrap" }}>
          <Form.Item name="gender" label={labels.gender} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: "M", label: i18n.t("people.gender.M") },
                { value: "F", label: i18n.t("people.gender.F") },
              ]}
            />
          </Form.Item>
          <Form.Item name="isPartyMember" label={labels.isPartyMember} valuePropName="checked">
            <Switch checkedChildren={i18n.t("common.yes")} unCheckedChildren={i18n.t("common.no")} />
          </Form.Item>
        </div>
        <Form.Item
          name="phone"
          label={labels.phone}
          extra={keep(person?.phone ?? null)}
          rules={[{ pattern: phonePattern, message: i18n.t("people.phoneFormat") }]}
        >
          <Input inputMode="numeric" maxLength={11} placeholder={person?.phone ?? undefined} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={labels.idNumber}
          extra={keep(person?.idNumber ?? null)}
          normalize={(value: string | undefined) => value?.toUpperCase()}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = idNumberProblem(i18n, value);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input maxLength={18} placeholder={person?.idNumber ?? undefined} style={{ fontFamily: "monospace" }} />
        </Form.Item>
        <Form.Item name="address" label={labels.address} extra={keep(person?.address ?? null)} rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder={person?.address ?? undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Soft delete with a reason: the person leaves the lists, the record and its audit stay. */
export function PersonDeleteModal(props: { person: PersonData; onClose: () => void; onDeleted: () => void }) {
  const { onClose, onDeleted } = props;
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [person, setPerson] = useState(props.person);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const labels = useLabels(i18n);

  const submit = async () => {
    let values: { reason?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await peopleApi.remove(person.id, { version: person.version, reason: values.reason?.trim() ?? "" });
      message.success(i18n.t("people.deleted"));
      onDeleted();
    } catch (cause) {
      const applied = applyFieldErrors(form, cause, ["reason"], i18n);
      setError(applied ? null : cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={i18n.t("people.deleteTitle", { name: person.name })}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.delete")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ danger: true, loading: saving, "data-testid": "person-delete-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="person-delete"
    >
      <ErrorAlert
        error={error}
        fieldLabels={labels}
        onReload={async () => {
          try {
            setPerson(await peopleApi.get(person.id));
            setError(null);
          } catch (cause) {
            setError(cause);
          }
        }}
      />
      <Alert type="warning" showIcon title={i18n.t("people.deleteWarning")} style={{ marginBottom: 12 }} />
      <Form form={form} name="personDelete" layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={labels.reason} rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: labels.reason }) }, { max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
