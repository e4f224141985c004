import { PaperClipOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Space, Typography } from "antd";
import { useState } from "react";
import { campaignApi, type MilestoneData, type ReportData } from "../../api/campaign";
import { useI18n } from "../../i18n";
import { NoteModal } from "./actions";
import { ReportStatusTag } from "./common";
import { AttachButton } from "./EvidenceUpload";
import { formatBytes } from "./evidence";

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
