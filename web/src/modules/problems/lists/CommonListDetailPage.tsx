import { App, Button, Card, Descriptions, Form, Modal, Progress, Space, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { problemsApi, type CommonListDetailData } from "../../../api/problems";
import { withQuery, hrefTo } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { errorText } from "../../../components/errors";
import { Loading, PageError } from "../../../components/PageState";
import { useI18n } from "../../../i18n";
import { categoryLabel, dateOf } from "../labels";
import { ProblemPicker } from "../ProblemPicker";
import { ProblemTable } from "../ProblemTable";
import { ListStatusTag } from "./common";
import { useFormSubmit } from "../../../components/forms";

function AddMembersModal({ list, onClose, onDone }: { list: CommonListDetailData; onClose: () => void; onDone: () => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ problemIds?: number[] }>();
  const { saving, error, submit: send } = useFormSubmit(form, ["problemIds"], i18n);
  const submit = () =>
    send(async (values) => {
      await problemsApi.addCommonMembers(list.id, { version: list.version, problemIds: values.problemIds ?? [] });
      message.success(i18n.t("problems.common.membersAdded"));
      onDone();
    });
  return (
    <Modal
      open
      title={i18n.t("problems.common.addMembers")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <ErrorAlert error={error} onReload={onDone} fieldLabels={{ problemIds: i18n.t("problems.common.members") }} />
      <Form form={form} layout="vertical" name="addMembers">
        <Form.Item
          name="problemIds"
          label={i18n.t("problems.common.members")}
          extra={i18n.t("problems.common.membersHint")}
          rules={[{ required: true, type: "array", min: 1, message: i18n.t("common.required", { field: i18n.t("problems.common.members") }) }]}
        >
          <ProblemPicker multiple org={list.nodeId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One common list: the shared measure, and every member (each place's problem) with its own progress. */
export default function CommonListDetailPage({ id }: { id: number }) {
  const i18n = useI18n();
  const { modal, message } = App.useApp();
  const detail = useAsync((signal) => problemsApi.commonList(id, signal), [id]);
  const [adding, setAdding] = useState(false);
  if (detail.error && !detail.data) return <PageError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  const list = detail.data;

  const publish = () =>
    modal.confirm({
      title: i18n.t("problems.common.publishTitle", { title: list.title }),
      okText: i18n.t("problems.common.publish"),
      cancelText: i18n.t("common.cancel"),
      onOk: async () => {
        try {
          await problemsApi.publishCommonList(list.id, list.version);
          message.success(i18n.t("problems.common.published"));
        } catch (error) {
          message.error(errorText(i18n, error));
        }
        detail.reload();
      },
    });

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="common-list-page">
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {list.title}
          </Typography.Title>
          <ListStatusTag status={list.status} label={i18n.t(`problems.common.status.${list.status}`)} />
          <div style={{ flex: 1 }} />
          <Space wrap>
            {list.abilities.addMembers === true ? <Button onClick={() => setAdding(true)}>{i18n.t("problems.common.addMembers")}</Button> : null}
            {list.abilities.publish === true ? (
              <Button type="primary" onClick={publish}>
                {i18n.t("problems.common.publish")}
              </Button>
            ) : null}
          </Space>
        </div>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={i18n.t("problems.lists.node")}>{list.nodeName}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.category")}>{categoryLabel(i18n, list.category)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.common.deadlineOn")}>{dateOf(i18n, list.deadlineOn)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.common.places")}>{i18n.number(list.placeCount)}</Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.common.memberCount")}>
            {i18n.number(list.closedCount)} / {i18n.number(list.memberCount)}
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.common.progress")}>
            <Progress percent={list.progress} size="small" style={{ minWidth: 120 }} />
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.common.description")} span={{ xs: 1, sm: 2, lg: 3 }}>
            <div style={{ whiteSpace: "pre-wrap" }}>{list.description}</div>
          </Descriptions.Item>
          <Descriptions.Item label={i18n.t("problems.measure")} span={{ xs: 1, sm: 2, lg: 3 }}>
            <div style={{ whiteSpace: "pre-wrap" }}>{list.measure}</div>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={i18n.t("problems.common.membersOf", { count: list.members.length })}
        extra={<a href={hrefTo(withQuery("/problems", { commonList: list.id }))}>{i18n.t("problems.common.openInList")}</a>}
      >
        {list.members.length < list.memberCount ? <Typography.Paragraph type="secondary">{i18n.t("problems.common.membersScoped", { shown: list.members.length, total: list.memberCount })}</Typography.Paragraph> : null}
        <ProblemTable testId="common-members-table" items={list.members} columns={["code", "title", "node", "status", "light", "responsible", "deadline", "progress"]} />
      </Card>
      {adding ? (
        <AddMembersModal
          list={list}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            detail.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
