import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Col, Descriptions, Empty, Progress, Row, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { problemsApi } from "../../api/problems";
import { hrefTo, navigate } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { categoryLabel, channelLabel, dateOf, LightTag, sourceLabel, statusLabel, StatusTag } from "./labels";
import { actionTitles, problemActionOrder, ProblemActionModal, type ProblemAction } from "./ProblemActions";
import { Attachments } from "./ProblemFiles";
import { Escalations, ProblemTimeline } from "./ProblemTimeline";
import { PrintButton } from "../../components/PrintButton";

const problemCode = (id: number) => `WT${String(id).padStart(6, "0")}`;
const clueCode = (id: number) => `XS${String(id).padStart(6, "0")}`;

/** One problem: what it is, who rectifies it by when, its timeline, files and escalations, and the actions its abilities allow. */
export default function ProblemPage({ id }: { id: number }) {
  const i18n = useI18n();
  const detail = useAsync((signal) => problemsApi.get(id, signal), [id]);
  const [action, setAction] = useState<ProblemAction | null>(null);

  if (detail.error && !detail.data) return <PageError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const p = detail.data;
  const can = (a: ProblemAction) => p.abilities[a] === true;
  const actions = problemActionOrder.filter(can);
  const closed = p.status === "closed";

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="problem-page" data-problem-id={p.id} data-status={p.status}>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8 }}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={i18n.t("problems.back")} onClick={() => (window.history.length > 1 ? window.history.back() : navigate("/problems"))} />
          <Typography.Text type="secondary" data-testid="problem-code">
            {p.code}
          </Typography.Text>
          <Typography.Title level={4} style={{ margin: 0, wordBreak: "break-word" }} data-testid="problem-title">
            {p.title}
          </Typography.Title>
          <StatusTag status={p.status} />
          {p.light ? <LightTag light={p.light} escalationLevel={p.escalationLevel} /> : null}
          <span style={{ marginInlineStart: "auto" }}>
            <PrintButton entity="problems" id={p.id} />
          </span>
        </div>
        {actions.length > 0 ? (
          <Space wrap size={8} style={{ marginTop: 12 }} data-testid="problem-actions">
            {actions.map((a) => (
              <Button
                key={a}
                type={a === "approve" || (a === actions[0] && a !== "delete" && a !== "dismiss") ? "primary" : "default"}
                danger={a === "delete" || a === "return"}
                onClick={() => setAction(a)}
                data-testid={`problem-action-${a}-button`}
              >
                {i18n.t(actionTitles[a])}
              </Button>
            ))}
          </Space>
        ) : null}
        {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} style={{ marginTop: 12 }} /> : null}
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={i18n.t("problems.section.basic")}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered styles={{ label: { whiteSpace: "nowrap" } }} data-testid="problem-basic">
              <Descriptions.Item label={i18n.t("problems.node")}>{p.nodeName}</Descriptions.Item>
              <Descriptions.Item label={i18n.t("problems.category")}>{categoryLabel(i18n, p.category)}</Descriptions.Item>
              <Descriptions.Item label={i18n.t("problems.source")}>{sourceLabel(i18n, p.source)}</Descriptions.Item>
              <Descriptions.Item label={i18n.t("problems.channel")}>{channelLabel(i18n, p.channel)}</Descriptions.Item>
              <Descriptions.Item label={i18n.t("problems.foundOn")}>{dateOf(i18n, p.foundOn)}</Descriptions.Item>
              <Descriptions.Item label={i18n.t("problems.reporter")}>
                {[p.reporterName, p.reporterPhone].filter(Boolean).join(" · ") || "—"}
              </Descriptions.Item>
              {p.clueId ? (
                <Descriptions.Item label={i18n.t("problems.clue")}>
                  <a href={hrefTo(`/problems/clues?id=${p.clueId}`)}>{clueCode(p.clueId)}</a>
                </Descriptions.Item>
              ) : null}
              {p.externalRef ? <Descriptions.Item label={i18n.t("problems.externalRef")}>{p.externalRef}</Descriptions.Item> : null}
              <Descriptions.Item label={i18n.t("problems.description")} span={{ xs: 1, sm: 2 }}>
                <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{p.description}</div>
              </Descriptions.Item>
              {p.mergedIntoId ? (
                <Descriptions.Item label={i18n.t("problems.mergedInto")} span={{ xs: 1, sm: 2 }}>
                  <a href={hrefTo(`/problems/${p.mergedIntoId}`)}>{problemCode(p.mergedIntoId)}</a>
                </Descriptions.Item>
              ) : null}
              {p.dismissReason ? (
                <Descriptions.Item label={i18n.t("problems.dismissReason")} span={{ xs: 1, sm: 2 }}>
                  {p.dismissReason}
                </Descriptions.Item>
              ) : null}
              {p.commonLists.length > 0 ? (
                <Descriptions.Item label={i18n.t("problems.nav.common")} span={{ xs: 1, sm: 2 }}>
                  <Space wrap>
                    {p.commonLists.map((c) => (
                      <a key={c.id} href={hrefTo(`/problems/common/${c.id}`)}>
                        {c.title}
                      </a>
                    ))}
                  </Space>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={i18n.t("problems.section.rectification")}>
            {p.responsibleNodeId === null ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={i18n.t("problems.notAssigned", { status: statusLabel(i18n, p.status) })} />
            ) : (
              <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: "nowrap" } }} data-testid="problem-rectification">
                <Descriptions.Item label={i18n.t("problems.responsibleNode")}>{p.responsibleNodeName}</Descriptions.Item>
                <Descriptions.Item label={i18n.t("problems.responsiblePerson")}>{p.responsiblePerson}</Descriptions.Item>
                <Descriptions.Item label={i18n.t("problems.measure")}>
                  <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{p.measure}</div>
                </Descriptions.Item>
                <Descriptions.Item label={i18n.t("problems.deadline")}>
                  <span data-testid="problem-deadline">{dateOf(i18n, p.deadlineAt)}</span>
                  {p.deadlineDays ? <Typography.Text type="secondary"> （{i18n.t("problems.workingDaysCount", { days: p.deadlineDays })}）</Typography.Text> : null}
                </Descriptions.Item>
                <Descriptions.Item label={i18n.t("problems.assignedAt")}>{i18n.dateTime(p.assignedAt)}</Descriptions.Item>
                <Descriptions.Item label={i18n.t("problems.progress")}>
                  <Progress percent={closed ? 100 : p.progress} size="small" status={closed ? "success" : "active"} />
                </Descriptions.Item>
                {p.submittedAt ? <Descriptions.Item label={i18n.t("problems.submittedAt")}>{i18n.dateTime(p.submittedAt)}</Descriptions.Item> : null}
                {p.closedAt ? (
                  <Descriptions.Item label={i18n.t("problems.closedAt")}>
                    <span data-testid="problem-closed-at">{i18n.dateTime(p.closedAt)}</span>{" "}
                    {p.closedOnTime === null ? null : <Tag color={p.closedOnTime ? "green" : "red"}>{i18n.t(p.closedOnTime ? "problems.onTime" : "problems.late")}</Tag>}
                  </Descriptions.Item>
                ) : null}
                {p.reworkCount > 0 ? <Descriptions.Item label={i18n.t("problems.reworkCount")}>{i18n.number(p.reworkCount)}</Descriptions.Item> : null}
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={i18n.t("problems.section.timeline")}>
            <ProblemTimeline problem={p} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            <Card size="small" title={i18n.t("problems.section.attachments", { count: p.attachments.length })}>
              <Attachments problem={p} onUploaded={detail.reload} />
            </Card>
            <Card size="small" title={i18n.t("problems.section.escalations")}>
              <Escalations items={p.escalations} />
            </Card>
          </Space>
        </Col>
      </Row>
      {action ? (
        <ProblemActionModal
          action={action}
          problem={p}
          onClose={() => setAction(null)}
          onDone={(done) => {
            setAction(null);
            if (done === "delete") navigate("/problems");
            else detail.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
