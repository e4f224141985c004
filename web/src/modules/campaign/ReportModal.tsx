import { App, Form, Input, InputNumber, Modal, Select, Slider, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { campaignApi, type MilestoneData, type ProjectDetailData } from "../../api/campaign";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { punctuation } from "./common";
import { EvidencePicker, uploadAll, UploadFailures } from "./EvidenceUpload";

interface ReportForm {
  milestoneId?: number | "project";
  progress: number;
  text?: string;
}

/** The milestones a report may name: open ones of the current stage (压茬推进: later stages wait). */
export function reportableMilestones(project: ProjectDetailData): MilestoneData[] {
  return project.milestones.filter((m) => m.progress < 100 && m.stage <= project.currentStage);
}

/**
 * The lead unit reports progress: on a milestone of the current stage (or the whole project when it
 * has none), how far it got, what was done, with evidence. Evidence goes up after the report, file
 * by file; a file the server refuses is named, and can be added again from the report.
 */
export function ReportModal({ project, onClose, onSaved }: { project: ProjectDetailData; onClose: () => void; onSaved: () => void }) {
  const i18n = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ReportForm>();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = reportableMilestones(project);
  const waiting = project.milestones.filter((m) => m.progress < 100 && m.stage > project.currentStage);
  const hasMilestones = project.milestones.length > 0;
  const first = open[0];

  const submit = async () => {
    let values: ReportForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    setBusy(i18n.t("app.loading"));
    try {
      const report = await campaignApi.createReport({
        projectId: project.id,
        milestoneId: values.milestoneId === "project" || values.milestoneId === undefined ? null : values.milestoneId,
        progress: Math.round(values.progress),
        text: values.text?.trim() ?? "",
      });
      let failures: string[] = [];
      if (files.length > 0) {
        setBusy(i18n.t("campaign.report.uploading", { done: 0, total: files.length }));
        failures = (await uploadAll(i18n, report.id, files, (done) => setBusy(i18n.t("campaign.report.uploading", { done, total: files.length })))).failures;
      }
      message.success(i18n.t("campaign.report.submitted"));
      if (failures.length > 0) {
        modal.error({ title: i18n.t("error.title"), content: <UploadFailures texts={failures} /> });
      }
      onSaved();
    } catch (cause) {
      applyFieldErrors(form, cause, ["milestoneId", "progress", "text"], i18n);
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  const milestoneOptions = [
    ...open.map((m) => ({ value: m.id as number | "project", label: `${i18n.t("campaign.stageN", { stage: m.stage })} · ${m.name}${punctuation(i18n).paren(`${m.dueOn}${punctuation(i18n).comma}${m.progress}%`)}` })),
    ...waiting.map((m) => ({ value: m.id as number | "project", label: `${i18n.t("campaign.stageN", { stage: m.stage })} · ${m.name}`, disabled: true })),
    ...(hasMilestones ? [] : [{ value: "project" as const, label: i18n.t("campaign.report.wholeProject") }]),
  ];

  return (
    <Modal
      open
      width={640}
      title={i18n.t("campaign.report.newTitle", { name: project.name })}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("campaign.claim.submit")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: busy !== null, "data-testid": "report-submit" } as ButtonProps}
      cancelButtonProps={{ disabled: busy !== null }}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="report-form"
    >
      <ErrorAlert error={error} fieldLabels={{ milestoneId: i18n.t("campaign.report.milestone"), progress: i18n.t("campaign.report.progress"), text: i18n.t("campaign.report.text") }} />
      <Form<ReportForm>
        form={form}
        name="report"
        layout="vertical"
        initialValues={{ milestoneId: first?.id ?? (hasMilestones ? undefined : "project"), progress: Math.min(100, Math.round((first?.progress ?? project.progress) || 0)) }}
        autoComplete="off"
      >
        <Form.Item
          name="milestoneId"
          label={i18n.t("campaign.report.milestone")}
          extra={hasMilestones ? i18n.t("campaign.report.milestoneHint", { stage: project.currentStage }) : undefined}
          rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("campaign.report.milestone") }) }]}
        >
          <Select
            options={milestoneOptions}
            onChange={(value) => {
              const milestone = project.milestones.find((m) => m.id === value);
              if (milestone) form.setFieldValue("progress", Math.round(milestone.progress));
            }}
            data-testid="report-milestone"
          />
        </Form.Item>
        <Form.Item label={i18n.t("campaign.report.progress")} required>
          <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
            <Form.Item name="progress" noStyle>
              <Slider min={0} max={100} step={5} style={{ flex: 1 }} />
            </Form.Item>
            <Form.Item name="progress" noStyle rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 96 }} id="report_progress" data-testid="report-progress" />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="text" label={i18n.t("campaign.report.text")} rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("campaign.report.text") }) }, { max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} placeholder={i18n.t("campaign.report.textHint")} showCount />
        </Form.Item>
        <Form.Item label={i18n.t("campaign.report.evidence")}>
          <EvidencePicker files={files} onChange={setFiles} disabled={busy !== null} />
        </Form.Item>
      </Form>
      {busy ? <Typography.Text type="secondary">{busy}</Typography.Text> : null}
    </Modal>
  );
}
