import { Card, Col, Empty, Row, Space, Tag, Typography } from "antd";
import { campaignApi, type TaskForceDetailData } from "../../../api/campaign";
import { hrefTo } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { ListTotal } from "../../../components/ListTotal";
import { Loading } from "../../../components/PageState";
import { useI18n } from "../../../i18n";
import { punctuation, RefText, SectionHeader, useCampaign } from "../common";

const roleOrder = { leader: 0, deputy: 1, member: 2 } as const;
const roleColors = { leader: "red", deputy: "orange", member: "default" } as const;

function TaskForceCard({ taskForce }: { taskForce: TaskForceDetailData }) {
  const i18n = useI18n();
  const { href } = useCampaign();
  const { colon } = punctuation(i18n);
  const members = [...taskForce.members].sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || i18n.compare(a.person.name, b.person.name));
  return (
    <Card size="small" title={<span style={{ whiteSpace: "normal" }}>{taskForce.name}</span>} style={{ height: "100%" }} data-testid="task-force">
      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
        {taskForce.duty ? (
          <Typography.Text>
            <Typography.Text type="secondary">{i18n.t("campaign.taskForce.duty")}
              {colon}
            </Typography.Text>
            {taskForce.duty}
          </Typography.Text>
        ) : null}
        <div>
          <Typography.Text type="secondary">
            {i18n.t("campaign.leader")}
            {colon}
          </Typography.Text>
          <RefText value={taskForce.leader} />
          <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
            {i18n.t("campaign.leadUnit")}
            {colon}
          </Typography.Text>
          <RefText value={taskForce.leadUnit} />
        </div>
        <div>
          <a href={hrefTo(href("/campaign/projects", { taskForce: taskForce.id }))}>{i18n.t("campaign.taskForce.projects", { count: taskForce.projectCount })}</a>
          <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
            {i18n.t("campaign.taskForce.members", { count: taskForce.memberCount })}
          </Typography.Text>
        </div>
        {members.length === 0 ? (
          <Typography.Text type="secondary">{i18n.t("campaign.taskForce.noMembers")}</Typography.Text>
        ) : (
          <div style={{ display: "flex", flexWrap: "wrap", gap: 6 }} data-testid="task-force-members">
            {members.map((member) => (
              <Tag key={member.id} color={roleColors[member.role]} style={{ marginInlineEnd: 0, whiteSpace: "normal" }}>
                {member.person.name}
                <span style={{ opacity: 0.75 }}>
                  {" "}
                  · {i18n.t(`campaign.taskForce.role.${member.role}`)}
                  {member.unit ? ` · ${member.unit.name}` : ""}
                </span>
              </Tag>
            ))}
          </div>
        )}
      </Space>
    </Card>
  );
}

/** The task forces (专班) with their members: each card lists who leads, who serves, and opens its projects. */
export function TaskForceCards() {
  const i18n = useI18n();
  const { campaign } = useCampaign();
  const data = useAsync(
    async (signal) => {
      const list = await campaignApi.taskForces(campaign.id, signal);
      const details = await Promise.all(list.items.map((tf) => campaignApi.taskForce(tf.id, signal)));
      return { total: list.total, details };
    },
    [campaign.id],
  );
  return (
    <div data-testid="task-forces">
      <SectionHeader title={i18n.t("campaign.taskForces.title")} extra={<ListTotal total={data.data?.total} loading={data.loading} unit="count" />} />
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {!data.data ? (
        data.error ? null : <Loading />
      ) : data.data.details.length === 0 ? (
        <Empty description={i18n.t("campaign.empty")} />
      ) : (
        <Row gutter={[12, 12]}>
          {data.data.details.map((tf) => (
            <Col key={tf.id} xs={24} md={12} xl={8}>
              <TaskForceCard taskForce={tf} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

export default function TaskForcesPage() {
  return (
    <Card size="small">
      <TaskForceCards />
    </Card>
  );
}
