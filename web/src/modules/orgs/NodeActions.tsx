import { Alert, App, Form, Input, Modal, Select } from "antd";
import { useMemo } from "react";
import { childKinds, nodeKinds, type NodeKind } from "../../../../shared/permissions";
import { orgsApi, type OrgNodeData, type OrgNodeDetailData } from "../../api/orgs";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { kindLabel, useI18n } from "../../i18n";

export type NodeAction = "rename" | "addChild" | "move" | "retire";

interface ActionForm {
  name?: string;
  code?: string;
  kind?: NodeKind;
  parentId?: number | null;
  reason?: string;
}

const codePattern = /^[A-Za-z0-9_-]+$/;

/** The kinds of node that may hold a node of this kind: the possible new parents of a move. */
function parentKindsOf(kind: NodeKind): NodeKind[] {
  return nodeKinds.filter((k) => childKinds[k].includes(kind));
}

/** Edit, add below, move and retire, each a small form in a modal; a 409 says to reload. */
export function NodeActionModal(props: {
  action: NodeAction;
  node: OrgNodeDetailData;
  onClose: () => void;
  onDone: (node: OrgNodeData) => void;
  onReload: () => void;
}) {
  const { action, node, onClose, onDone, onReload } = props;
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const allowedChildren = childKinds[node.kind];
  const parentKinds = useMemo(() => parentKindsOf(node.kind), [node.kind]);

  const labels: Record<string, string> = {
    name: i18n.t("orgs.name"),
    code: i18n.t("orgs.code"),
    kind: i18n.t("orgs.kind"),
    parentId: i18n.t("orgs.newParent"),
    reason: i18n.t("orgs.retireReason"),
  };

  const titles: Record<NodeAction, string> = {
    rename: i18n.t("orgs.renameTitle"),
    addChild: i18n.t("orgs.addChildTitle", { name: node.name }),
    move: i18n.t("orgs.moveTitle", { name: node.name }),
    retire: i18n.t("orgs.retireTitle", { name: node.name }),
  };

  const { saving, error, submit: send } = useFormSubmit(form, Object.keys(labels), i18n);
  const submit = () =>
    send(async (values) => {
      let result: OrgNodeData;
      switch (action) {
        case "rename": {
          const name = values.name?.trim();
          const code = values.code?.trim();
          result = await orgsApi.update(node.id, {
            version: node.version,
            ...(name && name !== node.name ? { name } : {}),
            ...(code && code !== node.code ? { code } : {}),
          });
          message.success(i18n.t("orgs.renamed"));
          break;
        }
        case "addChild":
          result = await orgsApi.create({
            parentId: node.id,
            kind: values.kind ?? (allowedChildren[0] as NodeKind),
            code: values.code?.trim() ?? "",
            name: values.name?.trim() ?? "",
          });
          message.success(i18n.t("orgs.created"));
          break;
        case "move":
          result = await orgsApi.move(node.id, { version: node.version, parentId: values.parentId as number });
          message.success(i18n.t("orgs.moved"));
          break;
        case "retire":
          result = await orgsApi.retire(node.id, { version: node.version, reason: values.reason?.trim() ?? "" });
          message.success(i18n.t("orgs.retiredOk"));
          break;
      }
      onDone(result);
    });

  const required = (field: string) => ({ required: true, whitespace: true, message: i18n.t("common.required", { field }) });

  return (
    <Modal
      open
      title={titles[action]}
      onCancel={onClose}
      onOk={submit}
      okText={action === "retire" ? i18n.t("orgs.retire") : i18n.t("common.save")}
      okButtonProps={{ danger: action === "retire", loading: saving }}
      cancelText={i18n.t("common.cancel")}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} fieldLabels={labels} onReload={onReload} />
      <Form<ActionForm>
        form={form}
        layout="vertical"
        initialValues={
          action === "rename" ? { name: node.name, code: node.code } : action === "addChild" ? { kind: allowedChildren[0] } : {}
        }
        onFinish={submit}
      >
        {action === "rename" || action === "addChild" ? (
          <>
            {action === "addChild" ? (
              <Form.Item name="kind" label={labels.kind} rules={[{ required: true }]}>
                <Select options={allowedChildren.map((k) => ({ value: k, label: kindLabel(i18n, k) }))} />
              </Form.Item>
            ) : null}
            <Form.Item name="name" label={labels.name} rules={[required(labels.name as string), { max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item
              name="code"
              label={labels.code}
              rules={[required(labels.code as string), { max: 32 }, { pattern: codePattern, message: i18n.t("orgs.codeRule") }]}
            >
              <Input maxLength={32} />
            </Form.Item>
          </>
        ) : null}
        {action === "move" ? (
          <Form.Item name="parentId" label={labels.parentId} rules={[{ required: true, message: i18n.t("common.required", { field: labels.parentId as string }) }]}>
            <OrgTreePicker selectableKinds={parentKinds} disabledIds={[node.id, ...(node.parentId ? [node.parentId] : [])]} />
          </Form.Item>
        ) : null}
        {action === "retire" ? (
          <>
            <Alert type="warning" showIcon title={i18n.t("orgs.retireWarning")} style={{ marginBottom: 12 }} />
            <Form.Item name="reason" label={labels.reason} rules={[required(labels.reason as string), { max: 200 }]}>
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
