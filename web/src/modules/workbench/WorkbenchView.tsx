import { FormOutlined, RightOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from "antd";
import type { WorkbenchData, WorkSectionData } from "../../api/workbench";
import { hrefTo } from "../../app/router";
import { useAuth } from "../auth/AuthContext";
import { useI18n, type MessageKey } from "../../i18n";

const lightColors = { red: "red", yellow: "gold", green: "green" } as const;

function Section({ section }: { section: WorkSectionData }) {
  const i18n = useI18n();
  const dueLabel = (item: WorkSectionData["items"][number]) => {
    if (!item.dueAt) return null;
    if (item.entity === "visit") return i18n.t("workbench.visitBy", { at: i18n.date(item.dueAt) });
    if (item.entity === "claim" || item.entity === "report") return null;
    return i18n.t("workbench.due", { at: item.dueAt.includes("T") ? i18n.dateTime(item.dueAt) : item.dueAt });
  };
  const title = (
    <Space size={8} wrap>
      <span>{i18n.t(`workbench.section.${section.key}` as MessageKey)}</span>
      <Badge count={section.count} showZero overflowCount={9999} color={section.red > 0 ? "red" : section.count > 0 ? "blue" : "#bfbfbf"} data-testid="work-count" />
      {section.red > 0 && <Tag color="red">{i18n.t("workbench.red", { count: i18n.number(section.red) })}</Tag>}
    </Space>
  );
  return (
    <Card
      size="small"
      title={title}
      extra={
        <a href={hrefTo(section.link)}>
          {i18n.t("workbench.all")} <RightOutlined />
        </a>
      }
      data-testid="work-section"
      data-key={section.key}
      data-count={section.count}
      styles={{ body: { padding: section.items.length ? "0 12px" : 12 } }}
    >
      {section.items.length === 0 ? (
        <Typography.Text type="secondary">{i18n.t("workbench.nothing")}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={section.items}
          rowKey={(item) => `${item.entity}:${item.id}`}
          renderItem={(item) => (
            <List.Item data-testid="work-item" data-entity={item.entity} data-id={item.id} style={{ paddingInline: 0 }}>
              <Space orientation="vertical" size={0} style={{ minWidth: 0, width: "100%" }}>
                <a href={hrefTo(item.link)} style={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                  {item.light && <Badge color={lightColors[item.light]} style={{ marginInlineEnd: 6 }} />}
                  {item.code ? `${item.code} ` : ""}
                  {item.title}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[item.place, dueLabel(item)].filter(Boolean).join(" · ")}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** A role's day: its work, overdue first, each item one click from its record; a grid worker's report button on top. */
export function WorkbenchView({ data }: { data: WorkbenchData }) {
  const i18n = useI18n();
  const auth = useAuth();
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="workbench">
      {auth.can("event.report") && data.roles.includes("grid_worker") && (
        <Button type="primary" size="large" block icon={<FormOutlined />} href={hrefTo("/events/report")} data-testid="workbench-report">
          {i18n.t("workbench.report")}
        </Button>
      )}
      {data.sections.length === 0 ? (
        <Empty description={i18n.t("workbench.noRole")} />
      ) : (
        <Row gutter={[12, 12]}>
          {data.sections.map((section) => (
            <Col key={section.key} xs={24} md={12} xl={8}>
              <Section section={section} />
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
