import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Slider, Space, Typography, Upload, type ButtonProps, type UploadFile } from "antd";
import { useState } from "react";
import { campaignApi, type MilestoneData, type ProjectDetailData, type ReportData } from "../../api/campaign";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorText } from "../../components/errors";
import { applyFieldErrors } from "../../components/forms";
import { useI18n, type I18n } from "../../i18n";
import { NoteModal } from "./actions";
import { punctuation, ReportStatusTag } from "./common";
import { acceptAttribute, evidenceProblem, fileToBase64, formatBytes, uploadName, type EvidenceProblem } from "./evidence";

function problemText(i18n: I18n, name: string, problem: NonNullable<EvidenceProblem>): string {
  switch (problem.kind) {
    case "type":
      return i18n.t("campaign.report.badType", { name, ext: problem.extension || "?" });
    case "size":
      return i18n.t("campaign.report.tooLarge", { name, size: formatBytes(problem.sizeBytes) });
    case "empty":
      return i18n.t("campaign.report.emptyFile", { name });
  }
}

/**
 * Picks evidence files: each is checked here (type and ≤ 10 MB) before anything is sent, and a
 * file that fails is named with the reason rather than silently dropped.
 */
function EvidencePicker({ files, onChange, disabled }: { files: File[]; onChange: (files: File[]) => void; disabled?: boolean }) {
  const i18n = useI18n();
  const [rejected, setRejected] = useState<string[]>([]);
  const list: UploadFile[] = files.map((file, index) => ({ uid: `${index}:${file.name}`, name: `${file.name} (${formatBytes(file.size)})`, status: "done" }));
  return (
    <div data-testid="evidence-picker">
      <Upload
        multiple
        accept={acceptAttribute}
        fileList={list}
        disabled={disabled}
        beforeUpload={(file, batch) => {
          // Called once per file of a batch: handle the whole batch on its first file.
          if (file !== batch[0]) return false;
          const good: File[] = [];
          const bad: string[] = [];
          for (const candidate of batch) {
            const problem = evidenceProblem(candidate);
            if (problem) bad.push(problemText(i18n, candidate.name, problem));
            else good.push(candidate);
          }
          setRejected(bad);
          if (good.length > 0) onChange([...files, ...good]);
          return false;
        }}
        onRemove={(item) => {
          onChange(files.filter((_, index) => `${index}:${files[index]?.name}` !== item.uid));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={disabled} data-testid="evidence-pick">
          {i18n.t("campaign.report.pickFiles")}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, marginTop: 4 }}>
        {i18n.t("campaign.report.evidenceHint")}
      </Typography.Text>
      {rejected.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="evidence-errors"
          title={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {rejected.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </div>
  );
}

/** Sends files one by one to a report; returns the messages of those that failed. */
async function uploadAll(i18n: I18n, reportId: number, files: File[], onProgress: (done: number) => void): Promise<{ report: ReportData | null; failures: string[] }> {
  const failures: string[] = [];
  let report: ReportData | null = null;
  for (const [index, file] of files.entries()) {
    try {
      report = await campaignApi.uploadAttachment(reportId, { fileName: uploadName(file.name), dataBase64: await fileToBase64(file) });
    } catch (error) {
      failures.push(i18n.t("campaign.report.uploadFailed", { name: file.name, reason: errorText(i18n, error) }));
    }
    onProgress(index + 1);
  }
  return { report, failures };
}

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
        modal.error({
          title: i18n.t("error.title"),
          content: (
            <ul style={{ paddingInlineStart: 16 }} data-testid="upload-failures">
              {failures.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ),
        });
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

/** Adds evidence to a report still awaiting review (only its reporter may). */
function AttachButton({ report, onChanged }: { report: ReportData; onChanged: (report: ReportData) => void }) {
  const i18n = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      multiple
      accept={acceptAttribute}
      showUploadList={false}
      beforeUpload={(file, batch) => {
        if (file !== batch[0]) return false;
        void (async () => {
          const bad: string[] = [];
          const good: File[] = [];
          for (const candidate of batch) {
            const problem = evidenceProblem(candidate);
            if (problem) bad.push(problemText(i18n, candidate.name, problem));
            else good.push(candidate);
          }
          setBusy(true);
          const { report: saved, failures } = await uploadAll(i18n, report.id, good, () => undefined);
          setBusy(false);
          if (saved) {
            onChanged(saved);
            message.success(i18n.t("campaign.report.attached", { name: good.map((f) => f.name).join(punctuation(i18n).list) }));
          }
          const problems = [...bad, ...failures];
          if (problems.length > 0)
            modal.error({
              title: i18n.t("error.title"),
              content: (
                <ul style={{ paddingInlineStart: 16 }} data-testid="upload-failures">
                  {problems.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ),
            });
        })();
        return false;
      }}
    >
      <Button size="small" icon={<PaperClipOutlined />} loading={busy} data-testid="report-attach">
        {i18n.t("campaign.report.attach")}
      </Button>
    </Upload>
  );
}

/** A project's progress reports, newest first, with their evidence and the office's review. */
export function ReportsList({ reports, milestones, onChanged }: { reports: readonly ReportData[]; milestones: readonly MilestoneData[]; onChanged: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [reviewing, setReviewing] = useState<{ report: ReportData; step: "accept" | "return" } | null>(null);
  if (reports.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("campaign.report.empty")} />;
  const milestoneName = (id: number | null) => (id === null ? i18n.t("campaign.report.wholeProject") : (milestones.find((m) => m.id === id)?.name ?? `#${id}`));

  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="reports">
      {reports.map((report) => (
        <Card key={report.id} size="small" type="inner" data-testid="report" data-report={report.id} data-status={report.status}>
          <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", justifyContent: "space-between" }}>
            <Space wrap size={6}>
              <ReportStatusTag status={report.status} />
              <Typography.Text strong>{milestoneName(report.milestoneId)}</Typography.Text>
              <Typography.Text>{i18n.t("campaign.report.progressTo", { progress: report.progress })}</Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {report.unit ? `${report.unit.name} · ` : ""}
              {i18n.t("campaign.report.submittedAt", { time: i18n.dateTime(report.submittedAt) })}
            </Typography.Text>
          </div>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "6px 0" }}>{report.text}</Typography.Paragraph>
          {report.attachments.length > 0 ? (
            <ul style={{ margin: "0 0 6px", paddingInlineStart: 18 }} data-testid="report-attachments">
              {report.attachments.map((a) => (
                <li key={a.id}>
                  <a href={campaignApi.attachmentUrl(a.id)} download={a.fileName}>
                    <PaperClipOutlined /> {a.fileName}
                  </a>{" "}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.contentType.split("/").pop()?.replace(/^vnd\.openxmlformats-officedocument\./, "")} · {formatBytes(a.sizeBytes)}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, marginBottom: 6 }}>
              {i18n.t("campaign.report.noEvidence")}
            </Typography.Text>
          )}
          {report.reviewNote ? (
            <Alert
              type={report.status === "returned" ? "warning" : "info"}
              showIcon
              title={i18n.t("campaign.report.reviewNote", { note: report.reviewNote })}
              style={{ marginBottom: 6 }}
              data-testid="report-review-note"
            />
          ) : null}
          {report.abilities.accept || report.abilities.return || report.abilities.attach ? (
            <Space wrap size={4}>
              {report.abilities.accept ? (
                <Button size="small" type="primary" onClick={() => setReviewing({ report, step: "accept" })} data-testid="report-accept">
                  {i18n.t("campaign.report.accept")}
                </Button>
              ) : null}
              {report.abilities.return ? (
                <Button size="small" danger onClick={() => setReviewing({ report, step: "return" })} data-testid="report-return">
                  {i18n.t("campaign.report.return")}
                </Button>
              ) : null}
              {report.abilities.attach ? <AttachButton report={report} onChanged={onChanged} /> : null}
            </Space>
          ) : null}
        </Card>
      ))}
      {reviewing ? (
        <NoteModal
          title={i18n.t(reviewing.step === "accept" ? "campaign.report.acceptTitle" : "campaign.report.returnTitle")}
          hint={reviewing.step === "accept" ? i18n.t("campaign.report.acceptHint") : undefined}
          okText={i18n.t(reviewing.step === "accept" ? "campaign.report.accept" : "campaign.report.return")}
          noteLabel={i18n.t("campaign.report.note")}
          noteRequired={reviewing.step === "return" ? i18n.t("campaign.report.noteRequired") : undefined}
          danger={reviewing.step === "return"}
          testId={`report-${reviewing.step}-dialog`}
          onClose={() => setReviewing(null)}
          onReload={async () => {
            setReviewing(null);
            onChanged();
          }}
          onSubmit={async (note) => {
            const { report, step } = reviewing;
            if (step === "accept") await campaignApi.acceptReport(report.id, { version: report.version, ...(note ? { note } : {}) });
            else await campaignApi.returnReport(report.id, { version: report.version, note });
            setReviewing(null);
            message.success(i18n.t(step === "accept" ? "campaign.report.accepted" : "campaign.report.returned"));
            onChanged();
          }}
        />
      ) : null}
    </Space>
  );
}
