import { Empty, Space, Table, Timeline, Typography } from "antd";
import type { AttachmentData, EscalationData, ProblemDetailData, TimelineEntryData } from "../../api/problems";
import { useI18n, type I18n } from "../../i18n";
import { actionLabel, dateOf, StatusTag } from "./labels";
import { AttachmentLink } from "./ProblemFiles";

const problemCode = (id: number) => `WT${String(id).padStart(6, "0")}`;
const clueCode = (id: number) => `XS${String(id).padStart(6, "0")}`;

/** Working days past a deadline; the first escalation comes before a whole working day has passed. */
export function overdueDays(i18n: I18n, days: number): string {
  return days < 1 ? i18n.t("problems.overdueUnderADay") : i18n.t("problems.workingDaysCount", { days });
}

/** What one timeline entry adds beyond its action: the measure, the progress, the deadline, the merge … */
export function entryDetail(i18n: I18n, entry: TimelineEntryData): string | null {
  const data = entry.data ?? {};
  const num = (key: string) => (typeof data[key] === "number" ? (data[key] as number) : null);
  const str = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : null);
  switch (entry.action) {
    case "assign": {
      const deadline = str("deadlineAt");
      return i18n.t("problems.timeline.assignDetail", {
        person: str("responsiblePerson") ?? "—",
        days: num("deadlineDays") ?? "—",
        deadline: deadline ? dateOf(i18n, deadline) : "—",
      });
    }
    case "progress":
      return num("progress") === null ? null : i18n.t("problems.timeline.progressDetail", { progress: num("progress") ?? 0 });
    case "merge":
      return num("intoId") === null ? null : i18n.t("problems.timeline.mergeDetail", { code: problemCode(num("intoId") ?? 0) });
    case "merged_in":
      return num("fromId") === null ? null : i18n.t("problems.timeline.mergedInDetail", { code: problemCode(num("fromId") ?? 0) });
    case "light": {
      const to = str("to");
      return to ? i18n.t("problems.timeline.lightDetail", { light: i18n.tMaybe(`problems.light.${to}`) ?? to }) : null;
    }
    case "escalate":
      return num("overdueWorkingDays") === null
        ? i18n.t("problems.timeline.escalateLevel", { level: num("level") ?? 0 })
        : i18n.t("problems.timeline.escalateDetail", { level: num("level") ?? 0, days: overdueDays(i18n, num("overdueWorkingDays") ?? 0) });
    case "register":
      return num("clueId") === null ? null : i18n.t("problems.timeline.fromClue", { code: clueCode(num("clueId") ?? 0) });
    default:
      return null;
  }
}

const timelineColors: Record<string, string> = { approve: "green", return: "red", escalate: "red", supervise: "orange", dismiss: "gray", delete: "gray", light: "gray" };

/** What happened to a problem, newest first, each step with its evidence. */
export function ProblemTimeline({ problem }: { problem: ProblemDetailData }) {
  const i18n = useI18n();
  const byEvent = new Map<number, AttachmentData[]>();
  for (const file of problem.attachments) if (file.eventId !== null) byEvent.set(file.eventId, [...(byEvent.get(file.eventId) ?? []), file]);
  const entries = [...problem.timeline].reverse();
  if (entries.length === 0) return <Empty description={i18n.t("problems.timeline.empty")} />;
  return (
    <Timeline
      data-testid="problem-timeline"
      items={entries.map((entry) => {
        const detail = entryDetail(i18n, entry);
        const files = byEvent.get(entry.id) ?? [];
        return {
          key: entry.id,
          color: timelineColors[entry.action] ?? "blue",
          content: (
            <div data-testid="timeline-entry" data-action={entry.action}>
              <Space size={6} wrap>
                <Typography.Text strong>{actionLabel(i18n, entry.action)}</Typography.Text>
                {entry.toStatus && entry.toStatus !== entry.fromStatus ? <StatusTag status={entry.toStatus} /> : null}
                <Typography.Text type="secondary">{i18n.dateTime(entry.at)}</Typography.Text>
                {entry.actorName ? <Typography.Text type="secondary">· {entry.actorName === "system" ? i18n.t("problems.timeline.system") : entry.actorName}</Typography.Text> : null}
              </Space>
              {detail ? <div style={{ color: "#555" }}>{detail}</div> : null}
              {entry.note ? <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{entry.note}</div> : null}
              {files.length > 0 ? (
                <Space size={[12, 4]} wrap style={{ marginTop: 4 }} data-testid="timeline-evidence">
                  <Typography.Text type="secondary">{i18n.t("problems.evidence")}:</Typography.Text>
                  {files.map((file) => (
                    <AttachmentLink key={file.id} file={file} />
                  ))}
                </Space>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

/** The levels a late problem was escalated to. */
export function Escalations({ items }: { items: readonly EscalationData[] }) {
  const i18n = useI18n();
  return (
    <Table<EscalationData>
      rowKey="level"
      size="small"
      dataSource={[...items]}
      pagination={false}
      scroll={{ x: 480 }}
      data-testid="escalations-table"
      locale={{ emptyText: <Empty description={i18n.t("problems.escalations.none")} /> }}
      columns={[
        { key: "level", title: i18n.t("problems.escalations.level"), width: 80, render: (_: unknown, e: EscalationData) => i18n.t("problems.escalatedLevel", { level: e.level }) },
        { key: "to", dataIndex: "toNodeName", title: i18n.t("problems.escalations.to") },
        { key: "days", title: i18n.t("problems.escalations.overdue"), width: 120, render: (_: unknown, e: EscalationData) => overdueDays(i18n, e.overdueWorkingDays) },
        { key: "at", title: i18n.t("problems.escalations.at"), width: 170, render: (_: unknown, e: EscalationData) => i18n.dateTime(e.at) },
      ]}
    />
  );
}
