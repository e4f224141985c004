import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, List, Typography } from "antd";
import { useRef, useState } from "react";
import type { AttachmentData, AttachmentInput } from "../../api/problems";
import { errorText } from "../../components/errors";
import { useI18n, type I18n } from "../../i18n";
import { checkFile, evidenceExtensions, fileToBase64, formatBytes, type FileProblem } from "./files";

export function fileProblemText(i18n: I18n, name: string, problem: FileProblem): string {
  switch (problem.kind) {
    case "empty":
      return i18n.t("problems.files.empty", { name });
    case "tooLarge":
      return i18n.t("problems.files.tooLarge", { name, size: formatBytes(problem.size) });
    case "type":
      return i18n.t("problems.files.type", { name, ext: problem.ext || "?" });
  }
}

export interface FileUploadProps {
  /** Sends one file (base64 JSON); resolves with what the server stored. */
  upload: (body: AttachmentInput) => Promise<AttachmentData>;
  /** Called with each stored file. */
  onUploaded: (attachment: AttachmentData) => void;
  label?: string;
  disabled?: boolean;
  testId?: string;
}

/**
 * Picks files and sends them one by one: a wrong type or a file over 10 MB is refused here, by name,
 * before it is read; what the server refuses (it checks the bytes) is listed the same way.
 */
export function FileUpload({ upload, onUploaded, label, disabled, testId = "file-upload" }: FileUploadProps) {
  const i18n = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const send = async (files: File[]) => {
    setBusy(true);
    const failed: string[] = [];
    for (const file of files) {
      const problem = checkFile(file, evidenceExtensions);
      if (problem) {
        failed.push(fileProblemText(i18n, file.name, problem));
        continue;
      }
      try {
        const stored = await upload({ fileName: file.name, contentBase64: await fileToBase64(file) });
        onUploaded(stored);
      } catch (error) {
        failed.push(`${file.name}: ${errorText(i18n, error)}`);
      }
    }
    setErrors(failed);
    setBusy(false);
  };

  return (
    <div>
      <input
        ref={input}
        type="file"
        multiple
        accept={evidenceExtensions.map((ext) => `.${ext}`).join(",")}
        style={{ display: "none" }}
        data-testid={`${testId}-input`}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = "";
          if (files.length > 0) void send(files);
        }}
      />
      <Button icon={<UploadOutlined />} loading={busy} disabled={disabled} onClick={() => input.current?.click()} data-testid={testId}>
        {label ?? i18n.t("problems.files.upload")}
      </Button>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {i18n.t("problems.files.rule")}
      </Typography.Text>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setErrors([])}
          style={{ marginTop: 8 }}
          title={i18n.t("problems.files.refused")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="upload-errors">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </div>
  );
}

/** Files picked as evidence for one step, with a way to leave one out again. */
export function EvidenceList({ files, onRemove }: { files: readonly AttachmentData[]; onRemove?: (id: number) => void }) {
  const i18n = useI18n();
  if (files.length === 0) return null;
  return (
    <List
      size="small"
      dataSource={[...files]}
      style={{ marginTop: 8 }}
      data-testid="evidence-list"
      renderItem={(file) => (
        <List.Item
          actions={
            onRemove
              ? [
                  <Button key="remove" type="link" size="small" onClick={() => onRemove(file.id)}>
                    {i18n.t("problems.files.remove")}
                  </Button>,
                ]
              : undefined
          }
        >
          <span>
            <PaperClipOutlined /> {file.fileName} <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text>
          </span>
        </List.Item>
      )}
    />
  );
}
