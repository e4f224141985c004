import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography, type ButtonProps } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { campaignApi, type ClaimData, type TopicData } from "../../api/campaign";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFormSubmit } from "../../components/forms";
import { useI18n } from "../../i18n";
import { NoteModal, useRunAction } from "./actions";
import { ClaimFormModal } from "./ClaimFormModal";
import { ActionKindTag, AudienceTag, ClaimStatusTag, daysUntil, punctuation, useCampaign } from "./common";
import { toDay } from "./plan";

/** Whether the caller may put in a claim on this topic now (the server decides in the end). */
export function canClaim(topic: TopicData, me: { personId: number | null; units: readonly unknown[] }, today: string): boolean {
  if (topic.status !== "open" || topic.abilities.claim !== true || today > topic.claimDeadline) return false;
  return topic.audience === "leader" ? me.personId !== null : me.units.length > 0;
}

/** "截止 2026-12-10 · 还剩 13 天" */
export function ClaimDeadline({ topic }: { topic: TopicData }) {
  const i18n = useI18n();
  const { today } = useCampaign();
  const left = daysUntil(today, topic.claimDeadline);
  const passed = left < 0;
  return (
    <Typography.Text type={passed ? "secondary" : left <= 3 && topic.status === "open" ? "danger" : undefined} style={{ fontSize: 12 }} data-testid="topic-deadline">
      {i18n.t("campaign.topic.deadline", { day: topic.claimDeadline })}
      {topic.status === "open" ? ` · ${passed ? i18n.t("campaign.topic.passed") : left === 0 ? i18n.t("campaign.topic.lastDay") : i18n.t("campaign.topic.daysLeft", { days: left })}` : ""}
    </Typography.Text>
  );
}

/**
 * What the caller can do with a topic: 揭榜 / 领题 (a claim with a plan) for leaders and units; publish,
 * close, reopen or delete a draft for the office. Buttons follow the topic's `abilities`.
 */
export function TopicActions({ topic, mine, onChanged }: { topic: TopicData; mine?: ClaimData; onChanged: (claim?: ClaimData) => void }) {
  const i18n = useI18n();
  const { me, today } = useCampaign();
  const { message } = App.useApp();
  const run = useRunAction();
  const [dialog, setDialog] = useState<"claim" | "delete" | null>(null);
  const manage = topic.abilities.manage === true;
  const step = async (which: "publish" | "close" | "reopen", success: string) => {
    const done = await run(() => campaignApi.moveTopic(topic.id, which, topic.version), { success, reload: () => onChanged() });
    if (done) onChanged();
  };

  const claimable = !mine && canClaim(topic, me, today);
  if (!mine && !claimable && !manage && dialog === null) return null;
  return (
    <Space wrap size={4} data-testid="topic-actions">
      {mine ? (
        <a href={hrefTo(`/campaign/claims/${mine.id}`)} data-testid="topic-my-claim">
          <ClaimStatusTag status={mine.status} />
        </a>
      ) : claimable ? (
        <Button size="small" type="primary" onClick={() => setDialog("claim")} data-testid="topic-claim">
          {i18n.t(topic.audience === "leader" ? "campaign.topic.claimLeader" : "campaign.topic.claimUnit")}
        </Button>
      ) : null}
      {manage && topic.status === "draft" ? (
        <>
          <Button size="small" onClick={() => step("publish", i18n.t("campaign.topic.published"))} data-testid="topic-publish">
            {i18n.t("campaign.topic.publish")}
          </Button>
          <Button size="small" danger type="text" onClick={() => setDialog("delete")} data-testid="topic-delete">
            {i18n.t("campaign.topic.delete")}
          </Button>
        </>
      ) : null}
      {manage && topic.status === "open" ? (
        <Popconfirm
          title={i18n.t("campaign.topic.closeConfirm", { title: topic.title })}
          okText={i18n.t("campaign.topic.close")}
          cancelText={i18n.t("common.cancel")}
          onConfirm={() => step("close", i18n.t("campaign.topic.closedOk"))}
        >
          <Button size="small" data-testid="topic-close">
            {i18n.t("campaign.topic.close")}
          </Button>
        </Popconfirm>
      ) : null}
      {manage && topic.status === "closed" ? (
        <Button size="small" onClick={() => step("reopen", i18n.t("campaign.topic.reopened"))} data-testid="topic-reopen">
          {i18n.t("campaign.topic.reopen")}
        </Button>
      ) : null}

      {dialog === "claim" ? (
        <ClaimFormModal
          mode={{ kind: "create", topic }}
          onClose={() => setDialog(null)}
          onSaved={(claim) => {
            setDialog(null);
            onChanged(claim);
          }}
        />
      ) : null}
      {dialog === "delete" ? (
        <NoteModal
          title={i18n.t("campaign.topic.delete")}
          okText={i18n.t("campaign.topic.delete")}
          noteLabel={i18n.t("campaign.topic.deleteReason")}
          noteRequired={i18n.t("common.required", { field: i18n.t("campaign.topic.deleteReason") })}
          danger
          testId="topic-delete-dialog"
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await campaignApi.deleteTopic(topic.id, { version: topic.version, reason });
            setDialog(null);
            message.success(i18n.t("campaign.topic.deleted"));
            onChanged();
          }}
        />
      ) : null}
    </Space>
  );
}

/** A topic on the board: what it asks, until when, how many have claimed it, and what the caller can do. */
export function TopicCard({ topic, mine, onChanged, compact = false }: { topic: TopicData; mine?: ClaimData; onChanged: (claim?: ClaimData) => void; compact?: boolean }) {
  const i18n = useI18n();
  return (
    <Card size="small" style={{ marginTop: 8 }} styles={{ body: { padding: compact ? "6px 10px" : undefined } }} data-testid="topic-card" data-topic={topic.id} data-status={topic.status}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 4, marginBottom: 4 }}>
        <AudienceTag audience={topic.audience} />
        <ActionKindTag kind={topic.kind} />
      </div>
      <Typography.Text strong style={{ display: "block", wordBreak: "break-word" }} data-testid="topic-title">
        {topic.title}
      </Typography.Text>
      {compact ? null : (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: "collapsible" }} style={{ marginBottom: 4, fontSize: 12 }}>
          {topic.description}
          {topic.expectedResults ? ` ${i18n.t("campaign.topic.expected")}${punctuation(i18n).colon}${topic.expectedResults}` : ""}
        </Typography.Paragraph>
      )}
      <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 4, marginBottom: 6 }}>
        <ClaimDeadline topic={topic} />
        <Tag style={{ marginInlineEnd: 0 }} data-testid="topic-claims">
          {i18n.t("campaign.topic.claimsCount", { submitted: topic.claims.submitted, approved: topic.claims.approved })}
        </Tag>
      </div>
      <TopicActions topic={topic} mine={mine} onChanged={onChanged} />
    </Card>
  );
}

interface TopicForm {
  audience: "leader" | "unit";
  kind: "required" | "optional";
  title?: string;
  description?: string;
  expectedResults?: string;
  claimDeadline?: Dayjs | null;
  parentProjectId?: number | null;
  publishNow: boolean;
}

const topicFields = ["audience", "kind", "title", "description", "expectedResults", "claimDeadline", "parentProjectId"] as const;

/** The office puts a topic on the board: for leaders to claim or for units to take, published now or kept as a draft. */
export function TopicFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (topic: TopicData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const { campaign } = useCampaign();
  const [form] = Form.useForm<TopicForm>();
  const programs = useAsync((signal) => campaignApi.projects({ campaign: campaign.id, level: "program", pageSize: 200 }, signal), [campaign.id]);
  const labels = {
    audience: i18n.t("campaign.topic.audience"),
    kind: i18n.t("campaign.kind"),
    title: i18n.t("campaign.topic.title"),
    description: i18n.t("campaign.topic.description"),
    expectedResults: i18n.t("campaign.topic.expected"),
    claimDeadline: i18n.t("campaign.topic.claimDeadline"),
    parentProjectId: i18n.t("campaign.filter.parent"),
  };

  const { saving, error, submit: send } = useFormSubmit(form, topicFields, i18n);
  const submit = () =>
    send(async (values) => {
      let topic = await campaignApi.createTopic({
        campaignId: campaign.id,
        audience: values.audience,
        kind: values.kind,
        title: values.title?.trim() ?? "",
        description: values.description?.trim() ?? "",
        expectedResults: values.expectedResults?.trim() ?? "",
        claimDeadline: toDay(values.claimDeadline) ?? "",
        ...(values.parentProjectId ? { parentProjectId: values.parentProjectId } : {}),
      });
      if (values.publishNow) {
        topic = await campaignApi.moveTopic(topic.id, "publish", topic.version);
        message.success(i18n.t("campaign.topic.published"));
      } else {
        message.success(i18n.t("campaign.topic.created"));
      }
      onSaved(topic);
    });

  const required = (field: string) => ({ required: true, whitespace: true, message: i18n.t("common.required", { field }) });
  return (
    <Modal
      open
      width={640}
      title={i18n.t("campaign.topic.createTitle")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "topic-save" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="topic-form"
    >
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<TopicForm> form={form} name="topic" layout="vertical" initialValues={{ audience: "unit", kind: "required", publishNow: true, claimDeadline: null }} autoComplete="off">
        <div style={{ display: "flex", flexWrap: "wrap", columnGap: 24 }}>
          <Form.Item name="audience" label={labels.audience}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "unit", label: i18n.t("campaign.audience.unit") },
                { value: "leader", label: i18n.t("campaign.audience.leader") },
              ]}
            />
          </Form.Item>
          <Form.Item name="kind" label={labels.kind}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "required", label: i18n.t("campaign.kind.required") },
                { value: "optional", label: i18n.t("campaign.kind.optional") },
              ]}
            />
          </Form.Item>
        </div>
        <Form.Item name="title" label={labels.title} rules={[required(labels.title), { max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={labels.description} rules={[required(labels.description), { max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="expectedResults" label={labels.expectedResults} rules={[required(labels.expectedResults), { max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
        </Form.Item>
        <div style={{ display: "flex", flexWrap: "wrap", columnGap: 12 }}>
          <Form.Item name="claimDeadline" label={labels.claimDeadline} rules={[{ required: true, message: i18n.t("common.required", { field: labels.claimDeadline }) }]} style={{ flex: "1 1 160px" }}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="parentProjectId" label={labels.parentProjectId} style={{ flex: "2 1 220px" }}>
            <Select<number>
              allowClear
              loading={programs.loading}
              options={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              placeholder={i18n.t("campaign.level.program")}
            />
          </Form.Item>
        </div>
        <Form.Item name="publishNow" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{i18n.t("campaign.topic.publishNow")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
