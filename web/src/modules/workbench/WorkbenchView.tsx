import { FormOutlined, RightOutlined } from "@ant-design/icons";
import type { WorkbenchData, WorkSectionData } from "../../api/workbench";
import { hrefTo } from "../../app/router";
import { Card, Tag } from "../../components/light";
import { useAuth } from "../auth/AuthContext";
import { useI18n, type MessageKey } from "../../i18n";

const lightColors = { red: "#f5222d", yellow: "#faad14", green: "#52c41a" } as const;

function Section({ section }: { section: WorkSectionData }) {
  const i18n = useI18n();
  const dueLabel = (item: WorkSectionData["items"][number]) => {
    if (!item.dueAt) return null;
    if (item.entity === "visit") return i18n.t("workbench.visitBy", { at: i18n.date(item.dueAt) });
    if (item.entity === "claim" || item.entity === "report") return null;
    return i18n.t("workbench.due", { at: item.dueAt.includes("T") ? i18n.dateTime(item.dueAt) : item.dueAt });
  };
  const title = (
    <span className="zl-row">
      <span>{i18n.t(`workbench.section.${section.key}` as MessageKey)}</span>
      <span className="zl-badge" style={{ background: section.red > 0 ? "#f5222d" : section.count > 0 ? "#1677ff" : "#bfbfbf" }} data-testid="work-count">
        {section.count > 9999 ? "9999+" : section.count}
      </span>
      {section.red > 0 && <Tag color="red">{i18n.t("workbench.red", { count: i18n.number(section.red) })}</Tag>}
    </span>
  );
  return (
    <Card
      title={title}
      extra={
        <a href={hrefTo(section.link)}>
          {i18n.t("workbench.all")} <RightOutlined />
        </a>
      }
      data-testid="work-section"
      data-key={section.key}
      data-count={section.count}
    >
      {section.items.length === 0 ? (
        <span className="zl-muted">{i18n.t("workbench.nothing")}</span>
      ) : (
        <ul className="zl-list" style={{ marginBlock: -8 }}>
          {section.items.map((item) => (
            <li key={`${item.entity}:${item.id}`} data-testid="work-item" data-entity={item.entity} data-id={item.id} style={{ minWidth: 0 }}>
              <a href={hrefTo(item.link)} className="zl-ellipsis">
                {item.light && <span className="zl-dot" style={{ background: lightColors[item.light] }} />}
                {item.code ? `${item.code} ` : ""}
                {item.title}
              </a>
              <span className="zl-muted" style={{ fontSize: 12 }}>
                {[item.place, dueLabel(item)].filter(Boolean).join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** A role's day: its work, overdue first, each item one click from its record; a grid worker's report button on top. */
export function WorkbenchView({ data }: { data: WorkbenchData }) {
  const i18n = useI18n();
  const auth = useAuth();
  return (
    <div className="zl-stack" data-testid="workbench">
      {auth.can("event.report") && data.roles.includes("grid_worker") && (
        <a className="zl-btn zl-btn-primary zl-btn-large zl-btn-block" href={hrefTo("/events/report")} data-testid="workbench-report">
          <FormOutlined />
          {i18n.t("workbench.report")}
        </a>
      )}
      {data.sections.length === 0 ? (
        <div className="zl-empty">{i18n.t("workbench.noRole")}</div>
      ) : (
        <div className="zl-grid">
          {data.sections.map((section) => (
            <Section key={section.key} section={section} />
          ))}
        </div>
      )}
    </div>
  );
}
