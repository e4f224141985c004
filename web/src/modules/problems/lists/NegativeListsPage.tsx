import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, Modal, Select, Typography, type ButtonProps, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { problemsApi, type NegativeListData } from "../../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFormSubmit } from "../../../components/forms";
import { ListFilters, ListPage } from "../../../components/ListPage";
import { OrgTreePicker } from "../../../components/OrgTreePicker";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../../lib/query";
import { useAuth } from "../../auth/AuthContext";
import { categoryLabel, categoryOptions, options } from "../labels";
import { ListStatusTag } from "./common";

interface CreateForm {
  nodeId?: number | null;
  title?: string;
  category?: string;
  description?: string;
}

/** A negative list item (负面清单): what must not happen, binding the node's whole subtree. */
function CreateNegativeModal({ defaultNodeId, onClose, onCreated }: { defaultNodeId?: number; onClose: () => void; onCreated: (list: NegativeListData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const labels = {
    nodeId: i18n.t("problems.lists.node"),
    title: i18n.t("problems.negative.title"),
    category: i18n.t("problems.category"),
    description: i18n.t("problems.negative.description"),
  };
  const required = (field: string) => ({ required: true, message: i18n.t("common.required", { field }) });
  const { saving, error, submit: send } = useFormSubmit(form, Object.keys(labels), i18n);
  const submit = () =>
    send(async (values) => {
      const list = await problemsApi.createNegativeList({
        nodeId: values.nodeId as number,
        title: values.title?.trim() ?? "",
        category: values.category as never,
        description: values.description?.trim() ?? "",
      });
      message.success(i18n.t("problems.negative.created"));
      onCreated(list);
    });
  return (
    <Modal
      open
      title={i18n.t("problems.negative.create")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("common.save")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} fieldLabels={labels} />
      <Form<CreateForm> form={form} name="negativeList" layout="vertical" initialValues={{ nodeId: defaultNodeId ?? null }}>
        <Form.Item name="nodeId" label={labels.nodeId} rules={[required(labels.nodeId)]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="title" label={labels.title} rules={[{ ...required(labels.title), whitespace: true }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" label={labels.category} rules={[required(labels.category)]}>
          <Select style={{ width: 160 }} options={options(i18n, categoryOptions, categoryLabel)} />
        </Form.Item>
        <Form.Item name="description" label={labels.description} rules={[{ ...required(labels.description), whitespace: true }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 负面清单: what must not happen, with the breaches recorded below each list. */
export default function NegativeListsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const { page, pageSize } = pageParams(location.query);
  const [creating, setCreating] = useState(false);
  const result = useAsync((signal) => problemsApi.negativeLists({ org, page, pageSize }, signal), [org, page, pageSize]);
  const go = (next: { org?: number; page?: number; pageSize?: number }) =>
    navigate(withQuery("/problems/negative", { org: next.org, ...pagingQuery(next) }), { replace: true });

  const columns = useMemo<NonNullable<TableProps<NegativeListData>["columns"]>>(
    () => [
      {
        key: "title",
        title: i18n.t("problems.negative.title"),
        width: 220,
        fixed: "left",
        render: (_: unknown, l: NegativeListData) => (
          <a href={hrefTo(`/problems/negative/${l.id}`)} data-testid="negative-open">
            {l.title}
          </a>
        ),
      },
      { key: "node", dataIndex: "nodeName", title: i18n.t("problems.lists.node"), width: 110 },
      { key: "category", title: i18n.t("problems.category"), width: 96, render: (_: unknown, l: NegativeListData) => categoryLabel(i18n, l.category) },
      {
        key: "description",
        title: i18n.t("problems.negative.description"),
        width: 300,
        render: (_: unknown, l: NegativeListData) => (
          <Typography.Text ellipsis={{ tooltip: l.description }} style={{ maxWidth: 284 }}>
            {l.description}
          </Typography.Text>
        ),
      },
      {
        key: "breaches",
        title: i18n.t("problems.negative.breachCount"),
        width: 90,
        render: (_: unknown, l: NegativeListData) => <Typography.Text type={l.breachCount > 0 ? "danger" : undefined}>{i18n.number(l.breachCount)}</Typography.Text>,
      },
      {
        key: "status",
        title: i18n.t("problems.status"),
        width: 90,
        render: (_: unknown, l: NegativeListData) => <ListStatusTag status={l.retiredAt ? "retired" : "active"} label={i18n.t(l.retiredAt ? "problems.negative.retired" : "problems.negative.active")} />,
      },
    ],
    [i18n],
  );

  return (
    <ListPage<NegativeListData>
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("problems.filter.org")} style={{ minWidth: 240 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, pageSize })} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        auth.can("problem.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {i18n.t("problems.negative.create")}
          </Button>
        ) : undefined
      }
      list={result}
      columns={columns}
      scrollX={906}
      testId="negative-table"
      empty={i18n.t("problems.negative.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, page: p, pageSize: size }) }}
    >
      {creating ? <CreateNegativeModal defaultNodeId={org} onClose={() => setCreating(false)} onCreated={(list) => navigate(`/problems/negative/${list.id}`)} /> : null}
    </ListPage>
  );
}
