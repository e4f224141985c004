import { PlusOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Modal, Progress, Select, Space, type ButtonProps, type TableProps } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { problemsApi, type CommonListData } from "../../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFormSubmit } from "../../../components/forms";
import { ListFilters, ListPage } from "../../../components/ListPage";
import { OrgTreePicker } from "../../../components/OrgTreePicker";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../../lib/query";
import { useAuth } from "../../auth/AuthContext";
import { categoryLabel, categoryOptions, dateOf, options } from "../labels";
import { ProblemPicker } from "../ProblemPicker";
import { ListStatusTag } from "./common";

interface CreateForm {
  nodeId?: number | null;
  title?: string;
  category?: string;
  description?: string;
  measure?: string;
  deadlineOn?: Dayjs | null;
  problemIds?: number[];
}

const fields = ["nodeId", "title", "category", "description", "measure", "deadlineOn", "problemIds"] as const;

/** A common list (共性清单) gathers problems found in many places under one measure. */
function CreateCommonModal({ defaultNodeId, onClose, onCreated }: { defaultNodeId?: number; onClose: () => void; onCreated: (list: CommonListData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const nodeId = Form.useWatch("nodeId", form);
  const labels = {
    nodeId: i18n.t("problems.lists.node"),
    title: i18n.t("problems.common.title"),
    category: i18n.t("problems.category"),
    description: i18n.t("problems.common.description"),
    measure: i18n.t("problems.measure"),
    deadlineOn: i18n.t("problems.common.deadlineOn"),
    problemIds: i18n.t("problems.common.members"),
  };
  const required = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });
  const { saving, error, submit: send } = useFormSubmit(form, fields, i18n);
  const submit = () =>
    send(async (values) => {
      const list = await problemsApi.createCommonList({
        nodeId: values.nodeId as number,
        title: values.title?.trim() ?? "",
        category: values.category as never,
        description: values.description?.trim() ?? "",
        measure: values.measure?.trim() ?? "",
        ...(values.deadlineOn ? { deadlineOn: values.deadlineOn.format("YYYY-MM-DD") } : {}),
        problemIds: values.problemIds ?? [],
      });
      message.success(i18n.t("problems.common.created"));
      onCreated(list);
    });
  return (
    <Modal
      open
      title={i18n.t("problems.common.create")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "common-create-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<CreateForm> form={form} name="commonList" layout="vertical" initialValues={{ nodeId: defaultNodeId ?? null }}>
        <Form.Item name="nodeId" label={labels.nodeId} rules={[required(labels.nodeId)]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="title" label={labels.title} rules={[{ ...required(labels.title), whitespace: true }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap size={12} align="start">
          <Form.Item name="category" label={labels.category} rules={[required(labels.category)]}>
            <Select style={{ width: 160 }} options={options(i18n, categoryOptions, categoryLabel)} />
          </Form.Item>
          <Form.Item name="deadlineOn" label={`${labels.deadlineOn}${i18n.t("problems.optional")}`}>
            <DatePicker style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={labels.description} rules={[{ ...required(labels.description), whitespace: true }, { max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="measure" label={labels.measure} rules={[{ ...required(labels.measure), whitespace: true }, { max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="problemIds" label={labels.problemIds} extra={i18n.t("problems.common.membersHint")} rules={[{ required: true, type: "array", min: 1, message: i18n.t("common.required", { field: labels.problemIds }) }]}>
          <ProblemPicker multiple org={nodeId ?? undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 共性清单: problems common to many places, each list with its members' progress. */
export default function CommonListsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const statusParam = location.query.get("status");
  const status = statusParam === "draft" || statusParam === "published" ? statusParam : undefined;
  const { page, pageSize } = pageParams(location.query);
  const [creating, setCreating] = useState(false);
  const result = useAsync((signal) => problemsApi.commonLists({ org, status, page, pageSize }, signal), [org, status, page, pageSize]);
  const go = (next: { org?: number; status?: string; page?: number; pageSize?: number }) =>
    navigate(withQuery("/problems/common", { org: next.org, status: next.status, ...pagingQuery(next) }), { replace: true });

  const columns = useMemo<NonNullable<TableProps<CommonListData>["columns"]>>(
    () => [
      {
        key: "title",
        title: i18n.t("problems.common.title"),
        width: 220,
        fixed: "left",
        render: (_: unknown, l: CommonListData) => (
          <a href={hrefTo(`/problems/common/${l.id}`)} data-testid="common-open">
            {l.title}
          </a>
        ),
      },
      { key: "node", dataIndex: "nodeName", title: i18n.t("problems.lists.node"), width: 110 },
      { key: "category", title: i18n.t("problems.category"), width: 96, render: (_: unknown, l: CommonListData) => categoryLabel(i18n, l.category) },
      { key: "places", title: i18n.t("problems.common.places"), width: 80, render: (_: unknown, l: CommonListData) => i18n.number(l.placeCount) },
      { key: "members", title: i18n.t("problems.common.memberCount"), width: 90, render: (_: unknown, l: CommonListData) => `${i18n.number(l.closedCount)} / ${i18n.number(l.memberCount)}` },
      { key: "progress", title: i18n.t("problems.common.progress"), width: 150, render: (_: unknown, l: CommonListData) => <Progress percent={l.progress} size="small" /> },
      { key: "deadline", title: i18n.t("problems.common.deadlineOn"), width: 110, render: (_: unknown, l: CommonListData) => dateOf(i18n, l.deadlineOn) },
      { key: "status", title: i18n.t("problems.status"), width: 90, render: (_: unknown, l: CommonListData) => <ListStatusTag status={l.status} label={i18n.t(`problems.common.status.${l.status}`)} /> },
    ],
    [i18n],
  );

  return (
    <ListPage<CommonListData>
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("problems.filter.org")} style={{ minWidth: 240 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, status, pageSize })} />
          </Form.Item>
          <Form.Item label={i18n.t("problems.status")}>
            <Select
              style={{ width: 120 }}
              value={status ?? ""}
              onChange={(value) => go({ org, status: value || undefined, pageSize })}
              options={[
                { value: "", label: i18n.t("common.all") },
                { value: "draft", label: i18n.t("problems.common.status.draft") },
                { value: "published", label: i18n.t("problems.common.status.published") },
              ]}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        auth.can("problem.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="common-create">
            {i18n.t("problems.common.create")}
          </Button>
        ) : undefined
      }
      list={result}
      columns={columns}
      scrollX={946}
      testId="common-table"
      empty={i18n.t("problems.common.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, status, page: p, pageSize: size }) }}
    >
      {creating ? <CreateCommonModal defaultNodeId={org} onClose={() => setCreating(false)} onCreated={(list) => navigate(`/problems/common/${list.id}`)} /> : null}
    </ListPage>
  );
}
