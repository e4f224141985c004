import { Alert, App, Form, Input, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { heldWithoutNode, roleNames, roles, type RoleName } from "../../../../shared/permissions";
import { accountsApi, type AccountData } from "../../api/accounts";
import { orgsApi, type OrgNodeData } from "../../api/orgs";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { kindLabel, roleLabel, useI18n } from "../../i18n";

export type AccountDialog =
  | { kind: "create" }
  | { kind: "edit"; account: AccountData }
  | { kind: "reset"; account: AccountData }
  | { kind: "grant"; account: AccountData };

interface DialogForm {
  username?: string;
  displayName?: string;
  cityId?: number | "none";
  password?: string;
  role?: RoleName;
  nodeId?: number | null;
}

/** Create, edit, reset-password and grant-role dialogs of the accounts page. */
export function AccountModal({ dialog, onClose, onDone }: { dialog: AccountDialog; onClose: () => void; onDone: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DialogForm>();
  const [pickedNode, setPickedNode] = useState<OrgNodeData | null>(null);
  const role = Form.useWatch("role", form);
  const cities = useAsync(
    (signal) => (dialog.kind === "create" ? orgsApi.roots(signal) : Promise.resolve({ items: [], total: 0 })),
    [dialog.kind],
  );

  const labels: Record<string, string> = {
    username: i18n.t("accounts.username"),
    displayName: i18n.t("accounts.displayName"),
    cityId: i18n.t("accounts.city"),
    password: dialog.kind === "reset" ? i18n.t("password.new") : i18n.t("accounts.initialPassword"),
    role: i18n.t("accounts.role"),
    nodeId: i18n.t("accounts.node"),
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: i18n.t("common.required", { field }) });

  const name = dialog.kind === "create" ? "" : dialog.account.displayName;
  const title =
    dialog.kind === "create"
      ? i18n.t("accounts.createTitle")
      : dialog.kind === "edit"
        ? i18n.t("accounts.editTitle", { name })
        : dialog.kind === "reset"
          ? i18n.t("accounts.resetTitle", { name })
          : i18n.t("accounts.grantTitle", { name });

  const roleDef = role ? roles[role] : null;
  const heldAt = role && !heldWithoutNode(role) ? roles[role].heldAt : null;
  const kindMismatch = heldAt && pickedNode ? !(heldAt as readonly string[]).includes(pickedNode.kind) : false;

  const { saving, error, submit: send } = useFormSubmit(form, Object.keys(labels), i18n);
  const submit = () =>
    send(async (values) => {
      switch (dialog.kind) {
        case "create":
          await accountsApi.create({
            username: values.username?.trim() ?? "",
            displayName: values.displayName?.trim() ?? "",
            cityId: values.cityId === "none" || values.cityId === undefined ? null : values.cityId,
            password: values.password ?? "",
          });
          message.success(i18n.t("accounts.created"));
          break;
        case "edit":
          await accountsApi.update(dialog.account.id, { version: dialog.account.version, displayName: values.displayName?.trim() });
          message.success(i18n.t("common.saved"));
          break;
        case "reset":
          if ((await accountsApi.resetPassword(dialog.account.id, { version: dialog.account.version, password: values.password ?? "" })) === "pending") {
            message.success(i18n.t("accounts.resetRequested"));
          } else message.success(i18n.t("accounts.resetOk"));
          break;
        case "grant": {
          const chosen = values.role as RoleName;
          await accountsApi.grantRole(dialog.account.id, { role: chosen, nodeId: heldWithoutNode(chosen) ? null : (values.nodeId ?? null) });
          message.success(i18n.t("accounts.granted"));
          break;
        }
      }
      onDone();
    });

  const sortedRoles = [...roleNames].sort((a, b) => i18n.compare(roleLabel(i18n, a), roleLabel(i18n, b)));

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, disabled: kindMismatch }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} fieldLabels={labels} onReload={onDone} />
      <Form<DialogForm>
        form={form}
        layout="vertical"
        initialValues={dialog.kind === "edit" ? { displayName: dialog.account.displayName } : dialog.kind === "create" ? { cityId: "none" } : {}}
      >
        {dialog.kind === "create" ? (
          <Form.Item name="username" label={labels.username} rules={[required(labels.username as string), { pattern: /^[a-z0-9_.-]{3,32}$/, message: i18n.t("accounts.usernameRule") }]}>
            <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
        ) : null}
        {dialog.kind === "create" || dialog.kind === "edit" ? (
          <Form.Item name="displayName" label={labels.displayName} rules={[required(labels.displayName as string), { max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        ) : null}
        {dialog.kind === "create" ? (
          <Form.Item name="cityId" label={labels.cityId}>
            <Select
              loading={cities.loading}
              options={[
                { value: "none", label: i18n.t("accounts.systemAccount") },
                ...(cities.data?.items ?? []).filter((n) => n.kind === "city").map((n) => ({ value: n.cityId, label: n.name })),
              ]}
            />
          </Form.Item>
        ) : null}
        {dialog.kind === "create" || dialog.kind === "reset" ? (
          <>
            {dialog.kind === "reset" ? (
              <Alert type="info" showIcon title={i18n.t(dialog.account.abilities.requestPasswordReset ? "accounts.requestHint" : "accounts.resetHint")} style={{ marginBottom: 12 }} />
            ) : null}
            <Form.Item name="password" label={labels.password} rules={[{ required: true, message: i18n.t("common.required", { field: labels.password as string }) }]} extra={i18n.t("password.hint")}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        ) : null}
        {dialog.kind === "grant" ? (
          <>
            <Form.Item name="role" label={labels.role} rules={[{ required: true, message: i18n.t("common.required", { field: labels.role as string }) }]}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                options={sortedRoles.map((r) => ({ value: r, label: roleLabel(i18n, r) }))}
                onChange={() => {
                  form.setFieldValue("nodeId", null);
                  setPickedNode(null);
                }}
              />
            </Form.Item>
            {role && heldWithoutNode(role) ? (
              <Typography.Paragraph type="secondary">{i18n.t(roles[role].system ? "accounts.systemRoleNoNode" : "accounts.provinceRoleNoNode")}</Typography.Paragraph>
            ) : roleDef ? (
              <Form.Item
                name="nodeId"
                label={labels.nodeId}
                extra={heldAt ? i18n.t("accounts.nodeKinds", { kinds: heldAt.map((k) => kindLabel(i18n, k)).join("、") }) : undefined}
                rules={[{ required: true, message: i18n.t("common.required", { field: labels.nodeId as string }) }]}
                validateStatus={kindMismatch ? "error" : undefined}
                help={kindMismatch ? i18n.t("accounts.nodeKindMismatch") : undefined}
              >
                <OrgTreePicker selectableKinds={heldAt ?? undefined} onChange={(_id, node) => setPickedNode(node)} />
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
