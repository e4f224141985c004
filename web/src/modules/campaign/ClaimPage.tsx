import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Typography } from "antd";
import { campaignApi, type PlanProjectInput } from "../../api/campaign";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { ClaimActions } from "./ClaimParts";
import { AudienceTag, ClaimStatusTag, RefText, useCampaign } from "./common";
import { stagesOf } from "./plan";

/** One claim: who claimed what, the plan, the review, the projects it became; and the steps the caller may take. */
export default function ClaimPage({ id }: { id: number }) {
  const i18n = useI18n();
  const { href } = useCampaign();
  const claim = useAsync((signal) => campaignApi.claim(id, signal), [id]);
  const createdIds = claim.data?.createdProjectIds ?? [];
  const created = useAsync(
    (signal) => Promise.all(createdIds.map((projectId) => campaignApi.project(projectId, signal).catch(() => null))),
    [createdIds.join(",")],
  );
  if (claim.error) return <PageError error={claim.error} onRetry={claim.reload} />;
  if (!claim.data) return <Loading />;
  const c = claim.data;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="claim-page" data-status={c.status}>
      <Card
        size="small"
        title={
          <Space wrap size={8}>
            <Button type="text" size="small" icon={<ArrowLeftOutlined />} href={hrefTo(href("/campaign/board"))} aria-label={i18n.t("campaign.projectPage.back")} />
            <span style={{ whiteSpace: "normal" }}>{c.topicTitle}</span>
            <ClaimStatusTag status={c.status} />
          </Space>
        }
      >
        {c.status === "returned" && c.reviewNote ? (
          <Alert type="warning" showIcon title={i18n.t("campaign.claim.reviewNote")} description={c.reviewNote} style={{ marginBottom: 12 }} data-testid="claim-review-note" />
        ) : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "audience", label: i18n.t("campaign.filter.audience"), children: <AudienceTag audience={c.audience} /> },
            { key: "claimant", label: i18n.t("campaign.claim.claimant"), children: <RefText value={c.unit ?? c.claimant} /> },
            { key: "submittedAt", label: i18n.t("campaign.claim.submittedAt"), children: i18n.dateTime(c.submittedAt) },
            ...(c.reviewedAt ? [{ key: "reviewedAt", label: i18n.t("campaign.claim.reviewedAt"), children: i18n.dateTime(c.reviewedAt) }] : []),
            ...(c.reviewNote && c.status !== "returned" ? [{ key: "note", label: i18n.t("campaign.claim.reviewNote"), children: c.reviewNote }] : []),
            { key: "summary", label: i18n.t("campaign.claim.summary"), span: "filled" as const, children: <span style={{ whiteSpace: "pre-wrap" }}>{c.summary}</span> },
          ]}
        />
        <div style={{ marginTop: 8 }}>
          <ClaimActions claim={c} size="middle" onChanged={(saved) => (saved ? claim.setData(saved) : claim.reload())} />
        </div>
      </Card>

      <Card size="small" title={i18n.t("campaign.claim.projects")}>
        {c.projects.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("campaign.claim.noPlan")} />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: "100%" }} data-testid="claim-plan">
            {c.projects.map((project: PlanProjectInput, index) => (
              <Card key={index} size="small" type="inner" title={<span style={{ whiteSpace: "normal" }}>{project.name}</span>} extra={<Typography.Text type="secondary">{project.deadline}</Typography.Text>}>
                {project.description ? <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{project.description}</Typography.Paragraph> : null}
                {project.milestones.length === 0 ? null : (
                  <Table<{ stage: number; name: string; dueOn: string }>
                    rowKey={(m) => `${m.stage}:${m.name}:${m.dueOn}`}
                    size="small"
                    pagination={false}
                    dataSource={stagesOf(project.milestones).flatMap((s) => s.milestones.map((m) => ({ ...m, stage: s.stage })))}
                    columns={[
                      { key: "stage", title: i18n.t("campaign.stage"), width: 90, render: (_: unknown, m: { stage: number }) => i18n.t("campaign.stageN", { stage: m.stage }) },
                      { key: "name", title: i18n.t("campaign.claim.milestoneName"), dataIndex: "name" },
                      { key: "dueOn", title: i18n.t("campaign.claim.dueOn"), width: 110, dataIndex: "dueOn" },
                    ]}
                  />
                )}
              </Card>
            ))}
          </Space>
        )}
      </Card>

      {c.createdProjectIds.length > 0 ? (
        <Card size="small" title={i18n.t("campaign.claim.createdProjects")}>
          <Space wrap data-testid="claim-created-projects">
            {c.createdProjectIds.map((projectId) => {
              const project = created.data?.find((p) => p?.id === projectId);
              return (
                <Button key={projectId} href={hrefTo(`/campaign/projects/${projectId}`)} size="small" data-testid="claim-created-project">
                  {project ? project.name : `#${projectId}`}
                </Button>
              );
            })}
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
