import { Tag, Tooltip } from "antd";
import type { Category, Channel, Light, ProblemStatus, Source } from "../../../../shared/schemas/problems";
import { categoryLabels, channelLabels, lightLabels, sourceLabels, statusLabels } from "../../../../shared/schemas/problems";
import { useI18n, type I18n } from "../../i18n";

/**
 * The problems module's vocabularies in the UI language. The Chinese labels are the ones offices use
 * (and the spreadsheet import reads): shared/schemas/problems.ts; the dictionary holds both languages.
 */
export const statusOptions = Object.keys(statusLabels) as ProblemStatus[];
export const channelOptions = Object.keys(channelLabels) as Channel[];
export const sourceOptions = Object.keys(sourceLabels) as Source[];
export const categoryOptions = Object.keys(categoryLabels) as Category[];
export const lightOptions = Object.keys(lightLabels) as Light[];

export const statusLabel = (i18n: I18n, status: string) => i18n.tMaybe(`problems.status.${status}`) ?? status;
export const channelLabel = (i18n: I18n, channel: string) => i18n.tMaybe(`problems.channel.${channel}`) ?? channel;
export const sourceLabel = (i18n: I18n, source: string) => i18n.tMaybe(`problems.source.${source}`) ?? source;
export const categoryLabel = (i18n: I18n, category: string) => i18n.tMaybe(`problems.category.${category}`) ?? category;
export const lightLabel = (i18n: I18n, light: string) => i18n.tMaybe(`problems.light.${light}`) ?? light;
export const clueStatusLabel = (i18n: I18n, status: string) => i18n.tMaybe(`problems.clueStatus.${status}`) ?? status;
export const listStatusLabel = (i18n: I18n, status: string) => i18n.tMaybe(`problems.listStatus.${status}`) ?? status;
export const actionLabel = (i18n: I18n, action: string) => i18n.tMaybe(`problems.timeline.${action}`) ?? action;

export const options = <T extends string>(i18n: I18n, values: readonly T[], label: (i18n: I18n, value: string) => string) =>
  values.map((value) => ({ value, label: label(i18n, value) }));

const statusColors: Record<ProblemStatus, string> = {
  registered: "blue",
  assigned: "cyan",
  rectifying: "processing",
  submitted: "gold",
  returned: "volcano",
  closed: "green",
  dismissed: "default",
  merged: "purple",
};

export function StatusTag({ status }: { status: string }) {
  const i18n = useI18n();
  return (
    <Tag color={statusColors[status as ProblemStatus] ?? "default"} data-testid="problem-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {statusLabel(i18n, status)}
    </Tag>
  );
}

const lightColors: Record<Light, { tag: string; dot: string }> = {
  green: { tag: "success", dot: "#389e0d" },
  yellow: { tag: "warning", dot: "#d48806" },
  red: { tag: "error", dot: "#cf1322" },
};

/** The traffic light of a problem's time limit: a coloured dot and its word (never colour alone). */
export function LightTag({ light, escalationLevel = 0 }: { light: string | null; escalationLevel?: number }) {
  const i18n = useI18n();
  if (!light) return <span style={{ color: "#bbb" }}>—</span>;
  const colors = lightColors[light as Light] ?? { tag: "default", dot: "#999" };
  const tag = (
    <Tag color={colors.tag} data-testid="problem-light" data-light={light} style={{ marginInlineEnd: 0 }}>
      <span aria-hidden style={{ display: "inline-block", width: 8, height: 8, borderRadius: 4, background: colors.dot, marginInlineEnd: 4 }} />
      {lightLabel(i18n, light)}
      {escalationLevel > 0 ? ` · ${i18n.t("problems.escalatedLevel", { level: escalationLevel })}` : ""}
    </Tag>
  );
  return escalationLevel > 0 ? <Tooltip title={i18n.t("problems.escalatedHint", { level: escalationLevel })}>{tag}</Tooltip> : tag;
}

/** A YYYY-MM-DD or ISO instant as a date in the city's zone; "—" when absent. */
export function dateOf(i18n: I18n, value: string | null | undefined): string {
  if (!value) return "—";
  return i18n.date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
}
