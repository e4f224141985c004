import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Space, Table, Typography, type ButtonProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { problemsApi, type BreachData, type NegativeListDetailData } from "../../../api/problems";
import { hrefTo } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFormSubmit } from "../../../components/forms";
import { OrgTreePicker } from "../../../components/OrgTreePicker";
import { Loading, PageError } from "../../../components/PageState";
import { useI18n } from "../../../i18n";
import { cityToday } from "../../calendar/logic";
import { categoryLabel, dateOf } from "../labels";
import { ProblemPicker } from "../ProblemPicker";
import { ListStatusTag, ReasonModal } from "./common";

interface BreachForm {
  nodeId?: number | null;
  occurredOn?: Dayjs | null;
  description?: string;
  problemId?: number | null;
}

/** A breach: where and when what the list forbids happened, optionally the problem it gave rise to. */
function BreachModal({ list, onClose, onDone }: { list: NegativeListDetailData; onClose: () => void; onDone: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<BreachForm>();
  const nodeId = Form.useWatch("nodeId", form);
  const today = cityToday();
  const labels = {
    nodeId: i18n.t("problems.negative.place"),
    occurredOn: i18n.t("problems.negative.occurredOn"),
    description: i18n.t("problems.negative.breachDescription"),
    problemId: i18n.t("problems.negative.problem"),
  };
  const { saving, error, submit: send } = useFormSubmit(form, Object.keys(labels), i18n);
  const submit = () =>
    send(async (values) => {
      await problemsApi.recordBreach(list.id, {
        nodeId: values.nodeId as number,
        occurredOn: (values.occurredOn ?? dayjs(today)).format("YYYY-MM-DD"),
        description: values.description?.trim() ?? "",
        ...(values.problemId ? { problemId: values.problemId } : {}),
      });
      message.success(i18n.t("problems.negative.breachRecorded"));
      onDone();
    });
  const required = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });
  return (
    <Modal
      open
      title={i18n.t("problems.negative.recordBreach")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <ErrorAlert error={error} fieldLabels={labels} />
      <Typography.Paragraph type="secondary">{list.title}</Typography.Paragraph>
      <Form<BreachForm> form={form} name="breach" layout="vertical" initialValues={{ occurredOn: dayjs(today) }}>
        <Form.Item name="nodeId" label={labels.nodeId} rules={[required(labels.nodeId)]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="occurredOn" label={labels.occurredOn} rules={[required(labels.occurredOn)]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.format("YYYY-MM-DD") > today} />
        </Form.Item>
        <Form.Item name="description" label={labels.description} rules={[{ ...required(labels.description), whitespace: true }, { max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="problemId" label={`${labels.problemId}${i18n.t("problems.optional")}`}>
          <ProblemPicker org={nodeId ?? undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One negative list item and its breaches (those the caller may see). */
export default function NegativeListDetailPage({ id }: { id: number }) {
  const i18n = useI18n();
  const detail = useAsync((signal) => problemsApi.negativeList(id, signal), [id]);
  const [editing, setEditing] = useState<"breach" | "retire" | null>(null);
  if (detail.error && !detail.data) return <PageError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const list = detail.data;
  const done = () => {
    setEditing(null);
    detail.reload();
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="negative-list-page">
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {list.title}
          </Typography.Title>
          <ListStatusTag status={list.retiredAt ? "retired" : "active"} label={i18n.t(list.retiredAt ? "problems.negative.retired" : "problems.negative.active")} />
          <div style={{ flex: 1 }} />
          <Space wrap>
            {list.abilities.recordBreach === true ? (
              <Button type="primary" onClick={() => setEditing("breach")}>
                {i18n.t("problems.negative.recordBreach")}
              </Button>
            ) : null}
            {list.abilities.retire === true ? (
              <Button danger onClick={() => setEditing("retire")}>
                {i18n.t("problems.negative.retire")}
              </Button>
            ) : null}
          </Space>
        </div>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={i18n.t("problems.lists.node")}>{list.nodeName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.category")}>{categoryLabel(i18n, list.category)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.negative.breachCount")}>{i18n.number(list.breachCount)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.negative.description")} span={{ xs: 1, sm: 2, lg: 3 }}>
            <div style={{ whiteSpace: "pre-wrap" }}>{list.description}</div>
          </Descriptions.Item>
          {list.retiredAt ? (
            <Descriptions.Item label={i18n.t("problems.negative.retiredAt")} span={{ xs: 1, sm: 2, lg: 3 }}>
              {i18n.dateTime(list.retiredAt)} {list.retireReason ? `· ${list.retireReason}` : ""}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={i18n.t("problems.negative.breaches", { count: list.breaches.length })}>
        <Table<BreachData>
          rowKey="id"
          size="small"
          dataSource={list.breaches}
          pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }}
          scroll={{ x: 620 }}
          locale={{ emptyText: <Empty description={i18n.t("problems.negative.noBreaches")} /> }}
          data-testid="breaches-table"
          columns={[
            { key: "occurredOn", title: i18n.t("problems.negative.occurredOn"), width: 110, render: (_: unknown, b: BreachData) => dateOf(i18n, b.occurredOn) },
            { key: "node", dataIndex: "nodeName", title: i18n.t("problems.negative.place"), width: 120 },
            { key: "description", dataIndex: "description", title: i18n.t("problems.negative.breachDescription") },
            {
              key: "problem",
              title: i18n.t("problems.negative.problem"),
              width: 100,
              render: (_: unknown, b: BreachData) => (b.problemId ? <a href={hrefTo(`/problems/${b.problemId}`)}>{`WT${String(b.problemId).padStart(6, "0")}`}</a> : "—"),
            },
          ]}
        />
      </Card>
      {editing === "breach" ? <BreachModal list={list} onClose={() => setEditing(null)} onDone={done} /> : null}
      {editing === "retire" ? (
        <ReasonModal
          title={i18n.t("problems.negative.retireTitle", { title: list.title })}
          okText={i18n.t("problems.negative.retire")}
          run={(reason) => problemsApi.retireNegativeList(list.id, { version: list.version, reason })}
          onClose={() => setEditing(null)}
          onDone={done}
          testId="negative-retire"
        />
      ) : null}
    </Space>
  );
}
