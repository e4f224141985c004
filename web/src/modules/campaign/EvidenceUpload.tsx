import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Typography, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { campaignApi, type ReportData } from "../../api/campaign";
import { errorText } from "../../components/errors";
import { useI18n, type I18n } from "../../i18n";
import { punctuation } from "./common";
import { acceptAttribute, evidenceProblem, fileToBase64, formatBytes, uploadName, type EvidenceProblem } from "./evidence";

/** A report's evidence: files checked here before they are sent, sent one by one, and each failure named. */

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

/** The files that did not go up, each with its reason. */
export function UploadFailures({ texts }: { texts: readonly string[] }) {
  return (
    <ul style={{ paddingInlineStart: 16 }} data-testid="upload-failures">
      {texts.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}

/**
 * Picks evidence files: each is checked here (type and ≤ 10 MB) before anything is sent, and a
 * file that fails is named with the reason rather than silently dropped.
 */
export function EvidencePicker({ files, onChange, disabled }: { files: File[]; onChange: (files: File[]) => void; disabled?: boolean }) {
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
export async function uploadAll(i18n: I18n, reportId: number, files: File[], onProgress: (done: number) => void): Promise<{ report: ReportData | null; failures: string[] }> {
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

/** Adds evidence to a report still awaiting review (only its reporter may). */
export function AttachButton({ report, onChanged }: { report: ReportData; onChanged: (report: ReportData) => void }) {
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
            modal.error({ title: i18n.t("error.title"), content: <UploadFailures texts={problems} /> });
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
