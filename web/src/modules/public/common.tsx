import { Tag } from "antd";
import type { PublicItemData } from "../../api/public";
import { useI18n } from "../../i18n";
import { categoryLabel, dateOf, StatusTag } from "../problems/labels";

/** One disclosed problem: its code, title, place, category, status and dates — never who raised it or who handles it. */
export function PublicItemCard({ item }: { item: PublicItemData }) {
  const i18n = useI18n();
  return (
    <div className="zl-public-card" data-testid="public-item" data-code={item.code} data-status={item.status}>
      <div style={{ display: "flex", gap: 8, alignItems: "flex-start", justifyContent: "space-between" }}>
        <h3>{item.title}</h3>
        <StatusTag status={item.status} />
      </div>
      <div className="zl-public-meta">
        <span className="zl-public-code">{item.code}</span>
        <span>{item.nodeName}</span>
        <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
          {categoryLabel(i18n, item.category)}
        </Tag>
      </div>
      <dl className="zl-public-dates">
        <div>
          <dt>{i18n.t("public.foundOn")}</dt>
          <dd data-testid="public-found-on">{dateOf(i18n, item.foundOn)}</dd>
        </div>
        <div>
          <dt>{i18n.t("public.deadlineOn")}</dt>
          <dd data-testid="public-deadline-on">{dateOf(i18n, item.deadlineOn)}</dd>
        </div>
        <div>
          <dt>{i18n.t("public.closedOn")}</dt>
          <dd data-testid="public-closed-on">{dateOf(i18n, item.closedOn)}</dd>
        </div>
      </dl>
    </div>
  );
}
