import type { EventStage, Urgency } from "../../../../shared/schemas/events";
import { Tag, type TagColor } from "../../components/light";
import { useI18n, type MessageKey } from "../../i18n";

export type Light = "green" | "yellow" | "red";
export const lightColors: Record<Light, string> = { green: "#389e0d", yellow: "#d48806", red: "#cf1322" };
const lightTagColors: Record<Light, TagColor> = { green: "green", yellow: "gold", red: "red" };

export function StageTag({ stage }: { stage: EventStage }) {
  const i18n = useI18n();
  const color = stage === "closed" || stage === "evaluated" || stage === "rejected" ? "default" : "blue";
  return (
    <Tag color={color} data-testid="event-stage" data-stage={stage}>
      {i18n.t(`events.stage.${stage}` as MessageKey)}
    </Tag>
  );
}

/** 红黄绿灯: the light of the stage's time limit; closed cases carry none. */
export function LightTag({ light }: { light: Light | null | undefined }) {
  const i18n = useI18n();
  if (!light) return null;
  return (
    <Tag color={lightTagColors[light]} data-testid="event-light" data-light={light}>
      {i18n.t(`events.light.${light}` as MessageKey)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const i18n = useI18n();
  if (urgency === "normal") return <Tag>{i18n.t("events.urgency.normal")}</Tag>;
  return <Tag color={urgency === "emergency" ? "red" : "orange"}>{i18n.t(`events.urgency.${urgency}` as MessageKey)}</Tag>;
}

/** A rate in percent, or "样本过少" where the server left it out (too few cases to mean anything). */
export function RateText({ value }: { value: number | null | undefined }) {
  const i18n = useI18n();
  if (value === null || value === undefined) return <span style={{ color: "#999" }} data-testid="rate-too-few">{i18n.t("events.stats.tooFew")}</span>;
  return <span>{i18n.number(value, { maximumFractionDigits: 1 })}%</span>;
}

export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}
