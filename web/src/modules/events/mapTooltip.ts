import { escapeHtml } from "../../../../shared/html";

export interface MapTooltipParams {
  seriesType?: string;
  name?: string;
  data?: { stage?: string };
}

/**
 * The map's tooltip, an HTML string that ECharts puts into the page: a point shows its event type and
 * stage, an area its name. Type and place names are typed by staff, so every value is escaped.
 */
export function mapTooltip(params: MapTooltipParams, stageLabel: (stage: string) => string): string {
  const name = escapeHtml(params.name ?? "");
  if (params.seriesType !== "scatter" && params.seriesType !== "effectScatter") return name;
  return `${name}<br/>${params.data?.stage ? escapeHtml(stageLabel(params.data.stage)) : ""}`;
}
