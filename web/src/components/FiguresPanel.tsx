import { RightOutlined } from "@ant-design/icons";
import { lazy, Suspense, useMemo } from "react";
import type { FiguresData } from "../api/figures";
import { hrefTo, navigate } from "../app/router";
import { figureRoute } from "./figureLinks";
import { useI18n } from "../i18n";
import { figureGroup, figureGroupLabel, figureGroups, figureLabel, figureUnit, type FigureGroup } from "../i18n/figureLabels";
import { Card } from "./light";
import { Loading } from "./PageState";

const FiguresChart = lazy(() => import("./FiguresChart"));

export interface FigureItem {
  key: string;
  label: string;
  value: number;
  unit?: string;
  /** The list of the records behind the figure (a hash route), when there is one. */
  route?: string | null;
}

export interface FigureSection {
  group: FigureGroup;
  label: string;
  items: FigureItem[];
}

/** Groups figure keys by their prefix in the order of DOMAIN.md; unknown keys land in "other". */
export function groupFigures(
  i18n: ReturnType<typeof useI18n>,
  figures: Readonly<Record<string, number>>,
  org?: FiguresData["org"],
): FigureSection[] {
  const byGroup = new Map<FigureGroup, FigureItem[]>();
  for (const [key, value] of Object.entries(figures)) {
    const group = figureGroup(key);
    const list = byGroup.get(group) ?? [];
    list.push({ key, label: figureLabel(i18n, key), value, unit: figureUnit(i18n, key), route: org ? figureRoute(key, org) : null });
    byGroup.set(group, list);
  }
  const order: FigureGroup[] = [...figureGroups, "other"];
  return order
    .filter((group) => byGroup.has(group))
    .map((group) => ({ group, label: figureGroupLabel(i18n, group), items: byGroup.get(group) ?? [] }));
}

/** One figure; with a route, the whole block is a link to the records behind it. */
function FigureStatistic({ item }: { item: FigureItem }) {
  const i18n = useI18n();
  const statistic = (
    <>
      <div className="zl-stat-title" title={item.key}>
        {item.label}
        {item.route ? <RightOutlined style={{ fontSize: 10, marginInlineStart: 4 }} aria-hidden /> : null}
      </div>
      <div className="zl-stat-value" style={{ color: item.route ? "#b71c1c" : undefined }}>
        <span data-testid="figure-value">{i18n.number(item.value)}</span>
        {item.unit ? <span className="zl-stat-unit">{item.unit}</span> : null}
      </div>
    </>
  );
  if (!item.route) return <div data-testid={`figure-${item.key}`}>{statistic}</div>;
  return (
    <a
      href={hrefTo(item.route)}
      className="zl-figure-link"
      data-testid={`figure-${item.key}`}
      aria-label={`${i18n.t("figures.drill", { label: item.label })}: ${i18n.number(item.value)}`}
      style={{ display: "block", color: "inherit", borderRadius: 6, padding: "2px 4px", margin: "-2px -4px" }}
    >
      {statistic}
    </a>
  );
}

/**
 * The figures of one node as cards, one card per group, with a bar chart of the largest group. Figures
 * of no node (the province's) come without `org`; `routeOf` then says where each one opens.
 */
export function FiguresPanel({ data, showChart = true, routeOf }: { data: Pick<FiguresData, "asOf" | "figures"> & { org?: FiguresData["org"] }; showChart?: boolean; routeOf?: (key: string) => string }) {
  const i18n = useI18n();
  const sections = useMemo(() => {
    const grouped = groupFigures(i18n, data.figures, data.org);
    return routeOf ? grouped.map((section) => ({ ...section, items: section.items.map((item) => ({ ...item, route: routeOf(item.key) })) })) : grouped;
  }, [i18n, data.figures, data.org, routeOf]);
  if (sections.length === 0) return <div className="zl-empty">{i18n.t("home.noFigures")}</div>;
  const chartSection = sections.find((s) => s.group === "grid") ?? sections[0];
  return (
    <div data-testid="figures">
      <p className="zl-muted" style={{ marginBottom: 12 }}>
        {i18n.t("common.asOf", { time: i18n.dateTime(data.asOf) })}
      </p>
      <div className="zl-grid">
        {sections.map((section) => (
          <Card key={section.group} title={section.label} style={{ height: "100%" }}>
            <div className="zl-grid-small">
              {section.items.map((item) => (
                <FigureStatistic key={item.key} item={item} />
              ))}
            </div>
          </Card>
        ))}
      </div>
      {showChart && chartSection && chartSection.items.length > 1 ? (
        <Card title={chartSection.label} style={{ marginTop: 12 }}>
          <Suspense fallback={<Loading minHeight={240} />}>
            <FiguresChart items={chartSection.items} onOpen={(item) => item.route && navigate(item.route)} />
          </Suspense>
        </Card>
      ) : null}
    </div>
  );
}
