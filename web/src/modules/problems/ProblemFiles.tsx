import { PaperClipOutlined } from "@ant-design/icons";
import { Empty, Table, Tag } from "antd";
import { problemsApi, type AttachmentData, type ProblemDetailData } from "../../api/problems";
import { useI18n } from "../../i18n";
import { formatBytes } from "./files";
import { FileUpload } from "./FileUpload";

/** A file of a problem, downloaded under its own name. */
export function AttachmentLink({ file }: { file: AttachmentData }) {
  return (
    <a href={problemsApi.attachmentUrl(file.id)} download={file.fileName} data-testid="attachment-link">
      <PaperClipOutlined /> {file.fileName}
    </a>
  );
}

/** A problem's files (evidence marked), and an upload where its abilities allow. */
export function Attachments({ problem, onUploaded }: { problem: ProblemDetailData; onUploaded: () => void }) {
  const i18n = useI18n();
  return (
    <div>
      {problem.abilities.attach === true ? (
        <div style={{ marginBottom: 8 }}>
          <FileUpload upload={(body) => problemsApi.attach(problem.id, body)} onUploaded={onUploaded} testId="attachment-upload" />
        </div>
      ) : null}
      <Table<AttachmentData>
        rowKey="id"
        size="small"
        dataSource={problem.attachments}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: <Empty description={i18n.t("problems.files.none")} /> }}
        data-testid="attachments-table"
        columns={[
          { key: "name", title: i18n.t("problems.files.name"), render: (_: unknown, f: AttachmentData) => <AttachmentLink file={f} /> },
          { key: "type", title: i18n.t("problems.files.kind"), width: 90, render: (_: unknown, f: AttachmentData) => f.fileName.split(".").pop()?.toUpperCase() ?? f.mime },
          { key: "size", title: i18n.t("problems.files.size"), width: 90, render: (_: unknown, f: AttachmentData) => formatBytes(f.size) },
          { key: "evidence", title: i18n.t("problems.evidence"), width: 80, render: (_: unknown, f: AttachmentData) => (f.eventId !== null ? <Tag color="green">{i18n.t("common.yes")}</Tag> : "—") },
          { key: "at", title: i18n.t("problems.files.at"), width: 170, render: (_: unknown, f: AttachmentData) => i18n.dateTime(f.createdAt) },
        ]}
      />
    </div>
  );
}
