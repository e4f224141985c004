import { Alert, App, Form, Modal, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { problemsApi, type AttachmentData, type ProblemDetailData } from "../../api/problems";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { useI18n, type MessageKey } from "../../i18n";
import { ActionFields, problemIdFrom, type ActionFieldLabels, type ActionForm } from "./ProblemActionFields";

export type ProblemAction = "assign" | "start" | "progress" | "submit" | "approve" | "return" | "dismiss" | "merge" | "supervise" | "delete";

/** The actions in the order the page offers them; each shows only when the problem's abilities allow it. */
export const problemActionOrder: readonly ProblemAction[] = ["assign", "start", "progress", "submit", "approve", "return", "supervise", "merge", "dismiss", "delete"];

export const actionTitles: Record<ProblemAction, MessageKey> = {
  assign: "problems.action.assign",
  start: "problems.action.start",
  progress: "problems.action.progress",
  submit: "problems.action.submit",
  approve: "problems.action.approve",
  return: "problems.action.return",
  dismiss: "problems.action.dismiss",
  merge: "problems.action.merge",
  supervise: "problems.action.supervise",
  delete: "problems.action.delete",
};

const fieldNames = ["responsibleNodeId", "responsiblePerson", "measure", "deadlineDays", "note", "reason", "progress", "intoId", "attachmentIds"] as const;

export interface ProblemActionModalProps {
  action: ProblemAction;
  problem: ProblemDetailData;
  onClose: () => void;
  /** After a successful action (the page reloads the problem). */
  onDone: (action: ProblemAction) => void;
}

/** One action on a problem, with the fields it needs; the server's refusal is shown in the dialog. */
export function ProblemActionModal({ action, problem, onClose, onDone }: ProblemActionModalProps) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const [evidence, setEvidence] = useState<AttachmentData[]>([]);
  const labels: ActionFieldLabels = {
    responsibleNodeId: i18n.t("problems.responsibleNode"),
    responsiblePerson: i18n.t("problems.responsiblePerson"),
    measure: i18n.t("problems.measure"),
    deadlineDays: i18n.t("problems.deadlineDays"),
    note: i18n.t("problems.note"),
    reason: i18n.t("common.reason"),
    progress: i18n.t("problems.progress"),
    intoId: i18n.t("problems.merge.into"),
    attachmentIds: i18n.t("problems.evidence"),
  };
  const withEvidence = action === "progress" || action === "submit";
  const attachmentIds = evidence.map((file) => file.id);

  const { saving, error, submit: send } = useFormSubmit(form, fieldNames, i18n);
  const submit = () =>
    send(async (values) => {
      const version = problem.version;
      const note = values.note?.trim() ?? "";
      const reason = values.reason?.trim() ?? "";
      switch (action) {
        case "assign":
          await problemsApi.step(problem.id, "assign", {
            version,
            responsibleNodeId: values.responsibleNodeId as number,
            responsiblePerson: values.responsiblePerson?.trim() ?? "",
            measure: values.measure?.trim() ?? "",
            deadlineDays: values.deadlineDays as number,
          });
          break;
        case "start":
          await problemsApi.step(problem.id, "start", { version, ...(note ? { note } : {}) });
          break;
        case "progress":
          await problemsApi.step(problem.id, "progress", { version, progress: values.progress ?? problem.progress, note, ...(attachmentIds.length ? { attachmentIds } : {}) });
          break;
        case "submit":
          await problemsApi.step(problem.id, "submit", { version, note, ...(attachmentIds.length ? { attachmentIds } : {}) });
          break;
        case "approve":
          await problemsApi.step(problem.id, "approve", { version, ...(note ? { note } : {}) });
          break;
        case "return":
          await problemsApi.step(problem.id, "return", { version, reason });
          break;
        case "dismiss":
          await problemsApi.step(problem.id, "dismiss", { version, reason });
          break;
        case "merge":
          await problemsApi.step(problem.id, "merge", { version, intoId: problemIdFrom(values.intoId) as number });
          break;
        case "supervise":
          await problemsApi.supervise(problem.id, note);
          break;
        case "delete":
          await problemsApi.remove(problem.id, { version, reason });
          break;
      }
      message.success(i18n.t("problems.action.done", { action: i18n.t(actionTitles[action]) }));
      onDone(action);
    });

  const isRectifierRefusal = error instanceof ApiError && error.code === "checker_is_rectifier";
  const danger = action === "delete" || action === "dismiss" || action === "return";

  return (
    <Modal
      open
      title={`${i18n.t(actionTitles[action])} · ${problem.code}`}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t(actionTitles[action])}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, danger, "data-testid": "problem-action-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid={`problem-action-${action}`}
      width={action === "assign" || withEvidence ? 620 : 520}
    >
      {isRectifierRefusal ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="checker-is-rectifier"
          style={{ marginBottom: 16 }}
          title={i18n.t("problems.check.rectifierTitle")}
          description={i18n.t("problems.check.rectifierHint")}
        />
      ) : (
        <ErrorAlert error={error} fieldLabels={labels} onReload={() => onDone(action)} />
      )}
      {action === "approve" || action === "return" ? (
        <Typography.Paragraph type="secondary">{i18n.t("problems.check.independent")}</Typography.Paragraph>
      ) : null}
      {action === "delete" ? <Alert type="warning" showIcon title={i18n.t("problems.delete.warning")} style={{ marginBottom: 12 }} /> : null}
      <Form<ActionForm>
        form={form}
        layout="vertical"
        name={`problemAction_${action}`}
        initialValues={{ responsibleNodeId: problem.responsibleNodeId ?? problem.nodeId, deadlineDays: problem.deadlineDays ?? 15, progress: problem.progress, responsiblePerson: problem.responsiblePerson ?? "", measure: problem.measure ?? "" }}
        onFinish={submit}
        autoComplete="off"
      >
        <ActionFields action={action} problem={problem} form={form} labels={labels} evidence={evidence} onEvidence={setEvidence} />
      </Form>
    </Modal>
  );
}
