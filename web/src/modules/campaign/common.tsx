import { Progress, Space, Tag, Tooltip, Typography } from "antd";
import { createContext, useContext, type ReactNode } from "react";
import type { CampaignData, CampaignMeData, ProjectData } from "../../api/campaign";
import { useI18n, type I18n } from "../../i18n";
import { lightColors } from "./gantt";

export type Light = "green" | "yellow" | "red";
export type ProjectStatusName = ProjectData["status"];
export type ProjectLevelName = ProjectData["level"];
export type ClaimStatusName = "submitted" | "approved" | "returned" | "withdrawn";
export type ReportStatusName = "submitted" | "accepted" | "returned";
export type TopicStatusName = "draft" | "open" | "closed";

export const projectStatuses: readonly ProjectStatusName[] = ["not_started", "in_progress", "done", "suspended"];
export const projectLevels: readonly ProjectLevelName[] = ["program", "concrete", "topic"];
export const lights: readonly Light[] = ["green", "yellow", "red"];
export const claimStatuses: readonly ClaimStatusName[] = ["submitted", "returned", "approved", "withdrawn"];

// ---------------------------------------------------------------- the campaign being looked at

export interface CampaignContextValue {
  campaign: CampaignData;
  campaigns: readonly CampaignData[];
  me: CampaignMeData;
  /** "YYYY-MM-DD" in the city (Asia/Shanghai), for claim deadlines and the like. */
  today: string;
  /** A route inside the campaign section, carrying ?campaign= when the caller sees more than one. */
  href: (path: string, query?: Record<string, string | number | undefined | null>) => string;
}

const CampaignContext = createContext<CampaignContextValue | null>(null);
export const CampaignProvider = CampaignContext.Provider;

export function useCampaign(): CampaignContextValue {
  const value = useContext(CampaignContext);
  if (!value) throw new Error("useCampaign outside the campaign section");
  return value;
}

/** Today's date in the city, whatever the browser's zone. */
export function cityToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysUntil(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------- small pieces shown everywhere

const statusColors: Record<ProjectStatusName, string> = { not_started: "default", in_progress: "processing", done: "success", suspended: "warning" };

export function StatusTag({ status }: { status: ProjectStatusName }) {
  const i18n = useI18n();
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {i18n.t(`campaign.status.${status}`)}
    </Tag>
  );
}

/** A traffic light: a coloured dot and its word (never colour alone). */
export function LightBadge({ light, compact = false }: { light: Light; compact?: boolean }) {
  const i18n = useI18n();
  const dot = <span aria-hidden style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: lightColors[light], flex: "none" }} />;
  return (
    <Tooltip title={i18n.t(`campaign.lightHint.${light}`)}>
      <span data-light={light} style={{ display: "inline-flex", alignItems: "center", gap: 4, whiteSpace: "nowrap" }}>
        {dot}
        {compact ? <span className="zl-sr-only">{i18n.t(`campaign.light.${light}`)}</span> : i18n.t(`campaign.light.${light}`)}
      </span>
    </Tooltip>
  );
}

const levelColors: Record<ProjectLevelName, string> = { program: "red", concrete: "blue", topic: "purple" };

export function LevelTag({ level }: { level: ProjectLevelName }) {
  const i18n = useI18n();
  return (
    <Tag color={levelColors[level]} style={{ marginInlineEnd: 0 }}>
      {i18n.t(`campaign.level.${level}`)}
    </Tag>
  );
}

export function ActionKindTag({ kind }: { kind: "required" | "optional" }) {
  const i18n = useI18n();
  return (
    <Tag color={kind === "required" ? "volcano" : "cyan"} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {i18n.t(`campaign.kind.${kind}`)}
    </Tag>
  );
}

const claimColors: Record<ClaimStatusName, string> = { submitted: "processing", approved: "success", returned: "warning", withdrawn: "default" };

export function ClaimStatusTag({ status }: { status: ClaimStatusName }) {
  const i18n = useI18n();
  return (
    <Tag color={claimColors[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {i18n.t(`campaign.claim.status.${status}`)}
    </Tag>
  );
}

const reportColors: Record<ReportStatusName, string> = { submitted: "processing", accepted: "success", returned: "warning" };

export function ReportStatusTag({ status }: { status: ReportStatusName }) {
  const i18n = useI18n();
  return (
    <Tag color={reportColors[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {i18n.t(`campaign.report.status.${status}`)}
    </Tag>
  );
}

export function AudienceTag({ audience }: { audience: "leader" | "unit" }) {
  const i18n = useI18n();
  return (
    <Tag color={audience === "leader" ? "red" : "geekblue"} style={{ marginInlineEnd: 0 }}>
      {i18n.t(`campaign.audience.${audience}`)}
    </Tag>
  );
}

/** Progress as a thin bar coloured by the light, with the number. */
export function ProgressBar({ progress, light, width }: { progress: number; light?: Light; width?: number }) {
  return (
    <Progress
      percent={Math.round(progress * 10) / 10}
      size={width ? [width, 8] : "small"}
      strokeColor={light ? lightColors[light] : undefined}
      status="normal"
      format={(value) => `${value ?? 0}%`}
      style={{ margin: 0, minWidth: width ? undefined : 96 }}
    />
  );
}

export function RefText({ value }: { value: { name: string } | null | undefined }) {
  const i18n = useI18n();
  return value ? <span style={{ wordBreak: "break-word" }}>{value.name}</span> : <Typography.Text type="secondary">{i18n.t("campaign.none.value")}</Typography.Text>;
}

/** A deadline, in red with "逾期" when the work is late. */
export function DeadlineText({ day, late }: { day: string; late?: boolean }) {
  const i18n = useI18n();
  return (
    <Space size={4} wrap={false} style={{ whiteSpace: "nowrap" }}>
      <Typography.Text type={late ? "danger" : undefined}>{day}</Typography.Text>
      {late ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {i18n.t("campaign.late")}
        </Tag>
      ) : null}
    </Space>
  );
}

/** A section title with something on its right (a total, a button). */
export function SectionHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8, marginBottom: 8 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}

/** Punctuation that differs between the languages: "牵头单位：" / "Lead unit: ", "甲、乙" / "A, B". */
export function punctuation(i18n: Pick<I18n, "locale">) {
  const zh = i18n.locale === "zh";
  return {
    colon: zh ? "：" : ": ",
    list: zh ? "、" : ", ",
    paren: (inner: string) => (zh ? `（${inner}）` : ` (${inner})`),
    comma: zh ? "，" : ", ",
  };
}

/** Label helpers for filters and tags. */
export function statusLabel(i18n: I18n, status: ProjectStatusName): string {
  return i18n.t(`campaign.status.${status}`);
}
