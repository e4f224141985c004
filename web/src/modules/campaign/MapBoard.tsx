import { Tag, Typography } from "antd";
import type { BattleMapItemData } from "../../api/campaign";
import { hrefTo } from "../../app/router";
import { useI18n } from "../../i18n";
import { LightBadge, ProgressBar, RefText, projectStatuses } from "./common";
import { lightColors } from "./gantt";
import { routeForApiHref } from "./links";

/** The battle map as a board: a column per status, a card per project edged in its light, the caller's own shaded. */
export function BoardView({ items }: { items: readonly BattleMapItemData[] }) {
  const i18n = useI18n();
  return (
    <div className="zl-board" data-testid="map-board">
      {projectStatuses.map((status) => {
        const column = items.filter((item) => item.status === status);
        return (
          <section key={status} className="zl-board-col" data-testid={`map-board-${status}`} aria-label={i18n.t(`campaign.status.${status}`)}>
            <div style={{ display: "flex", justifyContent: "space-between", fontWeight: 600 }}>
              <span>{i18n.t(`campaign.status.${status}`)}</span>
              <Typography.Text type="secondary">{i18n.number(column.length)}</Typography.Text>
            </div>
            {column.length === 0 ? <Typography.Text type="secondary">{i18n.t("campaign.empty")}</Typography.Text> : null}
            {column.map((item) => (
              <a
                key={item.id}
                href={hrefTo(routeForApiHref(item.href) ?? `/campaign/projects/${item.id}`)}
                className="zl-board-card"
                style={{ borderLeftColor: lightColors[item.light], background: item.own ? "#fffbf0" : undefined }}
                data-testid="map-card"
                data-project={item.id}
                data-light={item.light}
              >
                <div style={{ display: "flex", gap: 6, alignItems: "flex-start", justifyContent: "space-between" }}>
                  <span style={{ fontWeight: 500, wordBreak: "break-word" }}>{item.name}</span>
                  <LightBadge light={item.light} compact />
                </div>
                <div style={{ fontSize: 12, color: "#8c8c8c", margin: "2px 0" }}>
                  <RefText value={item.owner} /> · {item.deadline}
                  {item.late ? (
                    <Tag color="error" style={{ marginInlineStart: 4, marginInlineEnd: 0, fontSize: 11, lineHeight: "16px" }}>
                      {i18n.t("campaign.late")}
                    </Tag>
                  ) : null}
                  {item.own ? (
                    <Tag color="gold" style={{ marginInlineStart: 4, marginInlineEnd: 0, fontSize: 11, lineHeight: "16px" }}>
                      {i18n.t("campaign.map.mine")}
                    </Tag>
                  ) : null}
                </div>
                <ProgressBar progress={item.progress} light={item.light} />
              </a>
            ))}
          </section>
        );
      })}
    </div>
  );
}
