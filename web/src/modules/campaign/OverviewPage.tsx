import { RightOutlined } from "@ant-design/icons";
import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tabs, Typography } from "antd";
import { useMemo } from "react";
import { campaignApi, type CampaignFiguresData, type ProjectData } from "../../api/campaign";
import { hrefTo, navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ListTotal } from "../../components/ListTotal";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { daysUntil, SectionHeader, useCampaign } from "./common";
import { routeForApiHref } from "./links";
import { DecompositionTable } from "./lists/DecompositionPage";
import { useProjectColumns } from "./lists/ProjectsPage";
import { TaskForceCards } from "./lists/TaskForcesPage";
import { TopicUnitsTable } from "./lists/TopicUnitsPage";

type ProjectRow = ProjectData & { children?: ProjectRow[] };

/** Projects as a tree: 工程 with their concrete and topic projects below them. */
export function projectTree(projects: readonly ProjectData[]): ProjectRow[] {
  const ids = new Set(projects.map((p) => p.id));
  const children = new Map<number, ProjectRow[]>();
  const rows = new Map<number, ProjectRow>(projects.map((p) => [p.id, { ...p }]));
  for (const p of projects) {
    if (p.parentId === null || !ids.has(p.parentId)) continue;
    children.set(p.parentId, [...(children.get(p.parentId) ?? []), rows.get(p.id)!]);
  }
  for (const [id, list] of children) rows.get(id)!.children = list;
  return projects.filter((p) => p.parentId === null || !ids.has(p.parentId)).map((p) => rows.get(p.id)!);
}

/** The campaign's figures (campaign.*), each opening the list of exactly the records it counts. */
function CampaignFigures({ figures }: { figures: CampaignFiguresData }) {
  const i18n = useI18n();
  return (
    <Row gutter={[8, 8]} data-testid="campaign-figures">
      {figures.items.map((figure) => {
        const route = routeForApiHref(figure.href);
        const label = figureLabel(i18n, figure.key);
        const statistic = (
          <Statistic
            title={
              <span style={{ wordBreak: "break-word" }}>
                {label}
                {route ? <RightOutlined style={{ fontSize: 10, marginInlineStart: 4 }} aria-hidden /> : null}
              </span>
            }
            value={figure.value}
            formatter={(v) => i18n.number(Number(v))}
            styles={{ content: { fontSize: 20, color: route ? "#b71c1c" : undefined } }}
          />
        );
        return (
          <Col key={figure.key} xs={12} sm={8} md={6} xl={4}>
            {route ? (
              <a
                href={hrefTo(route)}
                className="zl-figure-link"
                data-testid={`figure-${figure.key}`}
                aria-label={`${i18n.t("figures.drill", { label })}: ${i18n.number(figure.value)}`}
                style={{ display: "block", color: "inherit", borderRadius: 6, padding: "2px 4px", margin: "-2px -4px" }}
              >
                {statistic}
              </a>
            ) : (
              <div data-testid={`figure-${figure.key}`}>{statistic}</div>
            )}
          </Col>
        );
      })}
    </Row>
  );
}

function ProjectsTree() {
  const i18n = useI18n();
  const { campaign } = useCampaign();
  const projects = useAsync((signal) => campaignApi.projects({ campaign: campaign.id, pageSize: 500 }, signal), [campaign.id]);
  const rows = useMemo(() => projectTree(projects.data?.items ?? []), [projects.data]);
  const columns = useProjectColumns();
  return (
    <div data-testid="projects-tree">
      <SectionHeader title={i18n.t("campaign.tab.projects")} extra={<ListTotal total={projects.data?.total} loading={projects.loading} />} />
      <ErrorAlert error={projects.error} onRetry={projects.reload} />
      <Table<ProjectRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={projects.loading}
        pagination={false}
        locale={{ emptyText: projects.error ? " " : <Empty description={i18n.t("campaign.projects.empty")} /> }}
        data-testid="projects-tree-table"
      />
    </div>
  );
}

const tabs = ["decomposition", "projects", "taskForces", "topicUnits"] as const;
type Tab = (typeof tabs)[number];

/**
 * 专项行动总览: the campaign, its figures (each a link to its list), and its content — the
 * decomposition (方面 > 事项 > 举措), the 工程 and their projects, the task forces with their
 * members, and the units that took topics.
 */
export default function OverviewPage() {
  const i18n = useI18n();
  const { campaign, today, href } = useCampaign();
  const location = useLocation();
  const tabParam = location.query.get("tab");
  const tab: Tab = (tabs as readonly string[]).includes(tabParam ?? "") ? (tabParam as Tab) : "decomposition";
  const figures = useAsync((signal) => campaignApi.figures(campaign.id, signal).catch(() => null), [campaign.id]);
  const total = Math.max(1, daysUntil(campaign.startsOn, campaign.endsOn));
  const elapsed = Math.min(100, Math.max(0, Math.round((daysUntil(campaign.startsOn, today) / total) * 1000) / 10));

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="campaign-overview">
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }} data-testid="campaign-name">
          {campaign.name}
        </Typography.Title>
        <Typography.Text type="secondary">{i18n.t("campaign.span", { from: campaign.startsOn, to: campaign.endsOn })}</Typography.Text>
        {campaign.description ? <Typography.Paragraph style={{ margin: "6px 0" }}>{campaign.description}</Typography.Paragraph> : null}
        <div style={{ display: "flex", alignItems: "center", gap: 8, maxWidth: 480 }}>
          <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
            {i18n.t("campaign.elapsed")}
          </Typography.Text>
          <Progress percent={elapsed} size="small" status="normal" strokeColor="#c62828" style={{ margin: 0 }} />
        </div>
      </Card>

      {figures.data ? (
        <Card size="small" title={i18n.t("campaign.figures")} extra={<Typography.Text type="secondary">{i18n.t("campaign.figuresHint")}</Typography.Text>}>
          <CampaignFigures figures={figures.data} />
        </Card>
      ) : null}

      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(next) => navigate(href("/campaign", { tab: next === "decomposition" ? undefined : next }), { replace: true })}
          items={[
            { key: "decomposition", label: i18n.t("campaign.tab.decomposition"), children: tab === "decomposition" ? <DecompositionTable /> : null },
            { key: "projects", label: i18n.t("campaign.tab.projects"), children: tab === "projects" ? <ProjectsTree /> : null },
            { key: "taskForces", label: i18n.t("campaign.tab.taskForces"), children: tab === "taskForces" ? <TaskForceCards /> : null },
            { key: "topicUnits", label: i18n.t("campaign.tab.topicUnits"), children: tab === "topicUnits" ? <TopicUnitsTable /> : null },
          ]}
        />
      </Card>
    </Space>
  );
}
