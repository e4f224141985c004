import { Tag } from "antd";
import { useI18n, type MessageKey } from "../../i18n";

const riskColors = ["", "green", "blue", "orange", "red"] as const;
const statusColors: Record<string, string> = { open: "processing", resolved: "success", referred: "warning", closed: "default" };

export function RiskTag({ level }: { level: number }) {
  const i18n = useI18n();
  return (
    <Tag color={riskColors[level] ?? "default"} data-testid="risk-tag">
      {i18n.t(`pairing.risk.${level}` as MessageKey)}
    </Tag>
  );
}

export function ConflictStatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const i18n = useI18n();
  return (
    <>
      <Tag color={statusColors[status] ?? "default"}>{i18n.t(`pairing.status.${status}` as MessageKey)}</Tag>
      {overdue ? <Tag color="red">{i18n.t("pairing.conflict.overdue")}</Tag> : null}
    </>
  );
}

/** Green from 90 %, gold from 60 %, red below: how a village's coverage is coloured. */
export function coverageColor(rate: number | null): string {
  if (rate === null) return "#d9d9d9";
  if (rate >= 90) return "#52c41a";
  if (rate >= 60) return "#faad14";
  return "#ff4d4f";
}

/** A value of the list if the query holds one, else undefined. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}
