import { ArrowLeftOutlined, FormOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Grid, Popconfirm, Progress, Space, Steps, Table, Tag, Typography, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { campaignApi, type MilestoneData, type ProjectDetailData, type ProjectStatusValue } from "../../api/campaign";
import { hrefTo, navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { useRunAction } from "./actions";
import { ActionKindTag, DeadlineText, LevelTag, LightBadge, ProgressBar, punctuation, RefText, StatusTag, type ProjectStatusName } from "./common";
import { lightColors } from "./gantt";
import { useProjectColumns } from "./lists/ProjectsPage";
import { ReportModal } from "./ReportModal";
import { ReportsList } from "./ReportsList";

/** The office's own moves on a project's status (the server's statusSteps; it decides in the end). */
const statusSteps: Record<ProjectStatusName, readonly ProjectStatusName[]> = {
  not_started: ["in_progress", "suspended"],
  in_progress: ["done", "suspended"],
  suspended: ["in_progress"],
  done: ["in_progress"],
};

function StagesPanel({ project }: { project: ProjectDetailData }) {
  const i18n = useI18n();
  const isMobile = !Grid.useBreakpoint().md;
  if (project.stages.length === 0) return <Typography.Text type="secondary">{i18n.t("campaign.projectPage.noMilestones")}</Typography.Text>;
  const current = Math.max(0, project.stages.findIndex((s) => s.state === "active"));
  return (
    <Steps
      size="small"
      orientation={isMobile ? "vertical" : "horizontal"}
      current={current}
      data-testid="project-stages"
      items={project.stages.map((stage) => ({
        title: i18n.t("campaign.stageN", { stage: stage.stage }),
        content: `${i18n.t(`campaign.projectPage.stage.${stage.state}`)} · ${i18n.t("campaign.projectPage.stageProgress", { done: stage.done, total: stage.milestones })}`,
        status: stage.state === "done" ? "finish" : stage.state === "active" ? "process" : "wait",
      }))}
    />
  );
}

function MilestonesTable({ project }: { project: ProjectDetailData }) {
  const i18n = useI18n();
  const isMobile = !Grid.useBreakpoint().sm;
  const rows = useMemo(() => [...project.milestones].sort((a, b) => a.stage - b.stage || a.seq - b.seq), [project.milestones]);
  const columns = useMemo<NonNullable<TableProps<MilestoneData>["columns"]>>(
    () => [
      { key: "stage", title: i18n.t("campaign.stage"), width: 90, responsive: ["sm"], render: (_: unknown, m: MilestoneData) => i18n.t("campaign.stageN", { stage: m.stage }) },
      {
        key: "name",
        title: i18n.t("campaign.claim.milestoneName"),
        render: (_: unknown, m: MilestoneData) => (
          <div style={{ wordBreak: "break-word" }}>
            {m.name}
            {/* On a phone the stage and the date go under the name. */}
            {isMobile ? (
              <div style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">{i18n.t("campaign.stageN", { stage: m.stage })} · </Typography.Text>
                <DeadlineText day={m.dueOn} late={m.late} />
              </div>
            ) : null}
          </div>
        ),
      },
      { key: "dueOn", title: i18n.t("campaign.claim.dueOn"), width: 130, responsive: ["sm"], render: (_: unknown, m: MilestoneData) => <DeadlineText day={m.dueOn} late={m.late} /> },
      {
        key: "progress",
        title: i18n.t("campaign.progress"),
        width: isMobile ? 120 : 150,
        render: (_: unknown, m: MilestoneData) => <ProgressBar progress={m.progress} light={m.progress >= 100 ? "green" : m.late ? "red" : undefined} />,
      },
      {
        key: "doneAt",
        title: i18n.t("campaign.projectPage.milestoneDone"),
        width: 120,
        responsive: ["md"],
        render: (_: unknown, m: MilestoneData) => (m.doneAt ? i18n.date(m.doneAt) : ""),
      },
    ],
    [i18n, isMobile],
  );
  if (rows.length === 0) return <Typography.Text type="secondary">{i18n.t("campaign.projectPage.noMilestones")}</Typography.Text>;
  return <Table<MilestoneData> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="milestones-table" />;
}

/**
 * One project (工程 / 项目): its owner and deadline, progress rolled up from its milestones and
 * sub-projects, its stages pushed one after another (压茬推进), its sub-projects, and its progress
 * reports with evidence — the lead unit reports, the office accepts or returns with a note.
 */
export default function ProjectPage({ id }: { id: number }) {
  const i18n = useI18n();
  const run = useRunAction();
  const project = useAsync((signal) => campaignApi.project(id, signal), [id]);
  const campaignId = project.data?.campaignId;
  const reports = useAsync(
    (signal) => (campaignId === undefined ? Promise.resolve(null) : campaignApi.reports({ campaign: campaignId, project: id, pageSize: 100 }, signal)),
    [campaignId, id],
  );
  const parentId = project.data?.parentId ?? null;
  // The parent may lie outside the caller's reach (a unit sees its own project, not the whole 工程).
  const parent = useAsync((signal) => (parentId === null ? Promise.resolve(null) : campaignApi.project(parentId, signal).catch(() => null)), [parentId]);
  const [reporting, setReporting] = useState(false);
  const childColumns = useProjectColumns();

  if (project.error) return <PageError error={project.error} onRetry={project.reload} />;
  if (!project.data) return <Loading />;
  const p = project.data;
  const reloadAll = () => {
    project.reload();
    reports.reload();
  };
  const closed = p.status === "done" || p.status === "suspended";
  const canReport = p.abilities.report === true;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="project-page" data-project={p.id} data-status={p.status} data-progress={p.progress} data-light={p.light}>
      <Card
        size="small"
        title={
          <Space wrap size={8} style={{ whiteSpace: "normal" }}>
            <Button
              type="text"
              size="small"
              icon={<ArrowLeftOutlined />}
              onClick={() => (window.history.length > 1 ? window.history.back() : navigate("/campaign/map"))}
              aria-label={i18n.t("campaign.projectPage.back")}
            />
            <span data-testid="project-name">{p.name}</span>
            <LevelTag level={p.level} />
            <StatusTag status={p.status} />
            <LightBadge light={p.light} />
            {p.late ? <Tag color="error">{p.lateSince ? i18n.t("campaign.lateSince", { day: p.lateSince }) : i18n.t("campaign.late")}</Tag> : null}
            {p.escalationLevel > 0 ? <Tag color="volcano">{i18n.t("campaign.escalated", { level: p.escalationLevel })}</Tag> : null}
          </Space>
        }
        extra={
          canReport && !closed ? (
            <Button type="primary" icon={<FormOutlined />} onClick={() => setReporting(true)} data-testid="report-new">
              {i18n.t("campaign.report.new")}
            </Button>
          ) : undefined
        }
      >
        <div style={{ marginBottom: 12 }}>
          <Progress
            percent={Math.round(p.progress * 10) / 10}
            strokeColor={lightColors[p.light]}
            status="normal"
            format={(value) => `${value ?? 0}%`}
            data-testid="project-progress"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i18n.t("campaign.projectPage.rollup")}
            {p.completedAt ? ` · ${i18n.t("campaign.projectPage.doneOn", { day: i18n.date(p.completedAt) })}` : ""}
          </Typography.Text>
        </div>
        {canReport && closed ? (
          <Alert type="info" showIcon title={i18n.t("campaign.report.cannot", { status: i18n.t(`campaign.status.${p.status}`) })} style={{ marginBottom: 12 }} />
        ) : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "unit", label: i18n.t("campaign.leadUnit"), children: <RefText value={p.leadUnit} /> },
            { key: "leader", label: i18n.t("campaign.leader"), children: <RefText value={p.leader} /> },
            { key: "taskForce", label: i18n.t("campaign.taskForce"), children: <RefText value={p.taskForce} /> },
            { key: "span", label: i18n.t("campaign.deadline"), children: <span>{p.startsOn} → <DeadlineText day={p.deadline} late={p.late} /></span> },
            { key: "kind", label: i18n.t("campaign.kind"), children: <ActionKindTag kind={p.kind} /> },
            { key: "node", label: i18n.t("campaign.node"), children: <RefText value={p.node} /> },
            ...(p.cooperatingUnits.length > 0 ? [{ key: "coop", label: i18n.t("campaign.cooperatingUnits"), children: p.cooperatingUnits.map((u) => u.name).join(punctuation(i18n).list) }] : []),
            ...(p.parentId ? [{ key: "parent", label: i18n.t("campaign.filter.parent"), children: parent.data ? <a href={hrefTo(`/campaign/projects/${p.parentId}`)}>{parent.data.name}</a> : <Typography.Text type="secondary">#{p.parentId}</Typography.Text> }] : []),
            ...(p.claimId ? [{ key: "claim", label: i18n.t("campaign.projectPage.claim"), children: <a href={hrefTo(`/campaign/claims/${p.claimId}`)}>{i18n.t("campaign.claim.detail")}</a> }] : []),
            ...(p.description ? [{ key: "description", label: i18n.t("campaign.claim.projectDescription"), span: "filled" as const, children: <span style={{ whiteSpace: "pre-wrap" }}>{p.description}</span> }] : []),
          ]}
        />
        {p.abilities.update ? (
          <Space wrap size={4} style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{i18n.t("campaign.projectPage.setStatus")}
              {punctuation(i18n).colon}
            </Typography.Text>
            {statusSteps[p.status].map((next: ProjectStatusValue) => (
              <Popconfirm
                key={next}
                title={`${i18n.t(`campaign.status.${p.status}`)} → ${i18n.t(`campaign.status.${next}`)}`}
                okText={i18n.t("common.ok")}
                cancelText={i18n.t("common.cancel")}
                onConfirm={async () => {
                  const saved = await run(() => campaignApi.setProjectStatus(p.id, { version: p.version, status: next }), {
                    success: i18n.t("campaign.projectPage.statusChanged"),
                    reload: reloadAll,
                  });
                  if (saved) project.setData(saved);
                }}
              >
                <Button size="small" data-testid={`project-status-${next}`}>
                  {i18n.t(`campaign.status.${next}`)}
                </Button>
              </Popconfirm>
            ))}
          </Space>
        ) : null}
      </Card>

      <Card size="small" title={i18n.t("campaign.projectPage.stages")}>
        <StagesPanel project={p} />
        {p.milestones.length > 0 ? (
          <div style={{ marginTop: 12 }}>
            <MilestonesTable project={p} />
          </div>
        ) : null}
      </Card>

      {p.children.length > 0 ? (
        <Card size="small" title={i18n.t("campaign.projectPage.children", { count: p.children.length })}>
          <Table rowKey="id" size="small" columns={childColumns} dataSource={p.children} pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }} data-testid="children-table" />
        </Card>
      ) : null}

      <Card size="small" title={i18n.t("campaign.projectPage.reports")} extra={reports.data ? <Typography.Text type="secondary">{i18n.t("common.total", { total: reports.data.total })}</Typography.Text> : undefined}>
        <ErrorAlert error={reports.error} onRetry={reports.reload} />
        {!reports.data ? (
          reports.error ? null : <Loading minHeight={80} />
        ) : reports.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("campaign.report.empty")} />
        ) : (
          <ReportsList reports={[...reports.data.items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))} milestones={p.milestones} onChanged={reloadAll} />
        )}
      </Card>

      {reporting ? (
        <ReportModal
          project={p}
          onClose={() => setReporting(false)}
          onSaved={() => {
            setReporting(false);
            reloadAll();
          }}
        />
      ) : null}
    </Space>
  );
}
