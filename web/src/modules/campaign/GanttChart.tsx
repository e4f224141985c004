import { Tag } from "antd";
import { useEffect, useMemo, useRef } from "react";
import type { BattleMapItemData } from "../../api/campaign";
import { hrefTo } from "../../app/router";
import { useI18n } from "../../i18n";
import { barOf, fractionOf, lightColors, lightTrack, monthTicks, screenWidth, type TimeRange } from "./gantt";
import { routeForApiHref } from "./links";
import { pctClass, pctPlacement } from "./ganttLabel";

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/**
 * The battle map as a timeline (甘特图): one row per project, its bar from start to deadline,
 * coloured by its light and filled by its progress, its milestones as diamonds, today as a red
 * line. A plain table (positions in percent of the track), so that it scrolls sideways on a phone
 * and fills an A3 sheet when printed, repeating the month header on every sheet.
 */
export function GanttChart({ items, range, today, labelWidth, dayPx }: { items: readonly BattleMapItemData[]; range: TimeRange; today: string; labelWidth: number; dayPx: number }) {
  const i18n = useI18n();
  const ticks = useMemo(() => monthTicks(range), [range]);
  const todayAt = today >= range.from && today < range.to ? fractionOf(range, today) : null;
  const monthLabel = (year: number, month: number, showYear: boolean) =>
    i18n.locale === "zh" ? (showYear ? `${year}年${month}月` : `${month}月`) : `${new Date(Date.UTC(year, month - 1, 1)).toLocaleString("en-US", { month: "short", timeZone: "UTC" })}${showYear ? ` ${year}` : ""}`;
  // Where the strip scrolls (a phone), it opens with today in view rather than at the campaign's first month.
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || todayAt === null || el.scrollWidth <= el.clientWidth) return;
    const track = el.scrollWidth - labelWidth;
    el.scrollLeft = Math.max(0, todayAt * track - (el.clientWidth - labelWidth) * 0.3);
  }, [todayAt, labelWidth, range]);
  const grid = ticks.slice(1).map((tick) => <span key={tick.day} className="zl-gantt-grid" style={{ left: pct(tick.at) }} />);

  return (
    <div ref={scroller} className="zl-gantt-scroll" data-testid="gantt-scroll" tabIndex={0} aria-label={i18n.t("campaign.map.view.gantt")}>
      <table className="zl-gantt" style={{ minWidth: screenWidth(range, labelWidth, dayPx) }} data-testid="gantt">
        <colgroup>
          <col style={{ width: labelWidth }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th className="zl-gantt-label" scope="col">
              {i18n.t("campaign.project")}
            </th>
            <th scope="col">
              <div className="zl-gantt-months">
                {ticks.map((tick) => (
                  <span key={tick.day} className="zl-gantt-month" style={{ left: pct(tick.at), width: pct(tick.width) }}>
                    {monthLabel(tick.year, tick.month, tick.showYear)}
                  </span>
                ))}
                {todayAt !== null ? (
                  <span className="zl-gantt-today-label" style={{ left: pct(todayAt) }}>
                    {i18n.t("campaign.map.today")}
                  </span>
                ) : null}
              </div>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const bar = barOf(range, item);
            const route = routeForApiHref(item.href) ?? `/campaign/projects/${item.id}`;
            const light = i18n.t(`campaign.light.${item.light}`);
            const label = i18n.t("campaign.map.barLabel", {
              name: item.name,
              owner: item.owner?.name ?? i18n.t("campaign.none.value"),
              deadline: item.deadline,
              progress: Math.round(item.progress),
              light,
            });
            return (
              <tr key={item.id} className={item.own ? "zl-gantt-own" : undefined} data-testid="gantt-row" data-project={item.id} data-light={item.light} data-own={item.own}>
                <th className="zl-gantt-label" scope="row" style={{ fontWeight: item.level === "program" ? 600 : 400 }}>
                  <a href={hrefTo(route)} className="zl-gantt-name" title={item.name}>
                    <span aria-hidden style={{ display: "inline-block", width: 8, height: 8, borderRadius: 4, background: lightColors[item.light], marginInlineEnd: 4 }} />
                    {item.own ? (
                      <Tag color="gold" style={{ marginInlineEnd: 4, fontSize: 10, lineHeight: "14px", paddingInline: 3 }}>
                        {i18n.t("campaign.map.mine")}
                      </Tag>
                    ) : null}
                    {item.name}
                  </a>
                  <span className="zl-gantt-owner">
                    {item.owner?.name ?? i18n.t("campaign.none.value")} · {item.deadline}
                  </span>
                </th>
                <td>
                  <div className="zl-gantt-track">
                    {grid}
                    {todayAt !== null ? <span className="zl-gantt-today" style={{ left: pct(todayAt) }} /> : null}
                    <a
                      href={hrefTo(route)}
                      className={`zl-gantt-bar${pctClass[pctPlacement(bar)]}`}
                      style={{ left: pct(bar.left), width: pct(bar.width), background: lightTrack[item.light], borderColor: lightColors[item.light] }}
                      aria-label={label}
                      title={label}
                      data-testid="gantt-bar"
                    >
                      <span className="zl-gantt-fill" style={{ width: pct(bar.filled), background: lightColors[item.light] }} />
                      <span className="zl-gantt-pct">{Math.round(item.progress)}%</span>
                    </a>
                    {item.milestones.map((milestone) => (
                      <span
                        key={milestone.id}
                        className={`zl-gantt-ms${milestone.done ? " zl-gantt-ms-done" : milestone.dueOn < today ? " zl-gantt-ms-late" : ""}`}
                        style={{ left: pct(fractionOf(range, milestone.dueOn) + 0.5 / Math.max(1, range.days)) }}
                        title={`${milestone.name} ${milestone.dueOn}`}
                      />
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
