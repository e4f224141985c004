import { GlobalOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography, type ButtonProps, type TableProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { problemsApi, type ProblemListData } from "../../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../../app/router";
import { useAsync } from "../../../app/useAsync";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { errorText } from "../../../components/errors";
import { useFormSubmit } from "../../../components/forms";
import { ListFilters, ListPage } from "../../../components/ListPage";
import { OrgTreePicker } from "../../../components/OrgTreePicker";
import { useI18n } from "../../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../../lib/query";
import { useAuth } from "../../auth/AuthContext";
import { cityToday } from "../../calendar/logic";
import { DEFAULT_PUBLIC_CITY, publicPath } from "../../public/city";
import { dateOf, listStatusLabel } from "../labels";
import { ClosedShare, ListStatusTag, ReasonModal } from "./common";

const listStatuses = ["draft", "published", "withdrawn"] as const;
type ListStatus = (typeof listStatuses)[number];

/** The periods lists are usually published for: this month, last month, this quarter, this year. */
function periodPresets(i18n: ReturnType<typeof useI18n>): { label: string; value: [Dayjs, Dayjs] }[] {
  const today = dayjs(cityToday());
  const quarterStart = today.month(Math.floor(today.month() / 3) * 3).startOf("month");
  return [
    { label: i18n.t("problems.lists.preset.thisMonth"), value: [today.startOf("month"), today.endOf("month")] },
    { label: i18n.t("problems.lists.preset.lastMonth"), value: [today.subtract(1, "month").startOf("month"), today.subtract(1, "month").endOf("month")] },
    { label: i18n.t("problems.lists.preset.thisQuarter"), value: [quarterStart, quarterStart.add(2, "month").endOf("month")] },
    { label: i18n.t("problems.lists.preset.thisYear"), value: [today.startOf("year"), today.endOf("year")] },
  ];
}

interface CreateForm {
  nodeId?: number | null;
  title?: string;
  period?: [Dayjs, Dayjs] | null;
}

/** Freezes the problems of a node's subtree found in a period into a draft list, to be published (公示). */
function CreateListModal({ defaultNodeId, onClose, onCreated }: { defaultNodeId?: number; onClose: () => void; onCreated: (list: ProblemListData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const { saving, error, submit: send } = useFormSubmit(form, ["nodeId", "title"], i18n);
  const submit = () =>
    send(async (values) => {
      const [from, to] = values.period ?? [];
      const list = await problemsApi.createList({
        nodeId: values.nodeId as number,
        title: values.title?.trim() ?? "",
        periodFrom: from?.format("YYYY-MM-DD") ?? "",
        periodTo: to?.format("YYYY-MM-DD") ?? "",
      });
      message.success(i18n.t("problems.lists.created", { count: list.itemCount }));
      onCreated(list);
    });
  return (
    <Modal
      open
      title={i18n.t("problems.lists.create")}
      onCancel={onClose}
      onOk={submit}
      okText={i18n.t("problems.lists.createOk")}
      cancelText={i18n.t("common.cancel")}
      okButtonProps={{ loading: saving, "data-testid": "list-create-confirm" } as ButtonProps}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ErrorAlert error={error} fieldLabels={{ periodFrom: i18n.t("problems.lists.period"), periodTo: i18n.t("problems.lists.period") }} />
      <Typography.Paragraph type="secondary">{i18n.t("problems.lists.createHint")}</Typography.Paragraph>
      <Form<CreateForm> form={form} name="problemList" layout="vertical" initialValues={{ nodeId: defaultNodeId ?? null }}>
        <Form.Item name="nodeId" label={i18n.t("problems.lists.node")} rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("problems.lists.node") }) }]}>
          <OrgTreePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="title" label={i18n.t("problems.lists.title")} rules={[{ required: true, whitespace: true, message: i18n.t("common.required", { field: i18n.t("problems.lists.title") }) }, { max: 100 }]}>
          <Input maxLength={100} data-testid="list-title" />
        </Form.Item>
        <Form.Item name="period" label={i18n.t("problems.lists.period")} rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("problems.lists.period") }) }]}>
          <DatePicker.RangePicker style={{ width: "100%" }} data-testid="list-period" presets={periodPresets(i18n)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Publishes a draft list: from then on residents see each item's status and dates. */
export function usePublishList(onDone: () => void) {
  const i18n = useI18n();
  const { modal, message } = App.useApp();
  return (list: ProblemListData) =>
    modal.confirm({
      title: i18n.t("problems.lists.publishTitle", { title: list.title }),
      content: i18n.t("problems.lists.publishHint", { count: list.itemCount }),
      okText: i18n.t("problems.lists.publish"),
      cancelText: i18n.t("common.cancel"),
      okButtonProps: { "data-testid": "list-publish-confirm" } as ButtonProps,
      onOk: async () => {
        try {
          await problemsApi.publishList(list.id, list.version);
          message.success(i18n.t("problems.lists.published"));
          onDone();
        } catch (error) {
          message.error(errorText(i18n, error));
          onDone();
        }
      },
    });
}

type Editing = { mode: "create" } | { mode: "withdraw"; list: ProblemListData } | null;

/** 问题清单公示: lists per node and period; drafts are published, published ones may be withdrawn. */
export default function ProblemListsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const statusParam = location.query.get("status");
  const status = (listStatuses as readonly string[]).includes(statusParam ?? "") ? (statusParam as ListStatus) : undefined;
  const { page, pageSize } = pageParams(location.query);
  const [refreshKey, setRefreshKey] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const result = useAsync((signal) => problemsApi.lists({ org, status, page, pageSize }, signal), [org, status, page, pageSize, refreshKey]);
  const refresh = () => {
    setEditing(null);
    setRefreshKey((n) => n + 1);
  };
  const publish = usePublishList(refresh);
  const go = (next: { org?: number; status?: string; page?: number; pageSize?: number }) =>
    navigate(withQuery("/problems/lists", { org: next.org, status: next.status, ...pagingQuery(next) }), { replace: true });

  const columns = useMemo<NonNullable<TableProps<ProblemListData>["columns"]>>(
    () => [
      {
        key: "title",
        title: i18n.t("problems.lists.title"),
        width: 240,
        fixed: "left",
        render: (_: unknown, l: ProblemListData) => (
          <a href={hrefTo(`/problems/lists/${l.id}`)} data-testid="list-open">
            {l.title}
          </a>
        ),
      },
      { key: "node", dataIndex: "nodeName", title: i18n.t("problems.lists.node"), width: 120 },
      { key: "period", title: i18n.t("problems.lists.period"), width: 200, render: (_: unknown, l: ProblemListData) => `${dateOf(i18n, l.periodFrom)} ~ ${dateOf(i18n, l.periodTo)}` },
      { key: "status", title: i18n.t("problems.status"), width: 90, render: (_: unknown, l: ProblemListData) => <ListStatusTag status={l.status} /> },
      { key: "closed", title: i18n.t("problems.lists.closedOfTotal"), width: 150, render: (_: unknown, l: ProblemListData) => <ClosedShare closed={l.closedCount} total={l.itemCount} /> },
      { key: "publishedAt", title: i18n.t("problems.lists.publishedAt"), width: 120, render: (_: unknown, l: ProblemListData) => dateOf(i18n, l.publishedAt) },
      {
        key: "actions",
        title: i18n.t("common.actions"),
        width: 150,
        fixed: "right",
        render: (_: unknown, l: ProblemListData) => (
          <Space size={4}>
            {l.abilities.publish === true ? (
              <Button size="small" type="link" onClick={() => publish(l)} data-testid="list-publish">
                {i18n.t("problems.lists.publish")}
              </Button>
            ) : null}
            {l.abilities.withdraw === true ? (
              <Button size="small" type="link" danger onClick={() => setEditing({ mode: "withdraw", list: l })} data-testid="list-withdraw">
                {i18n.t("problems.lists.withdraw")}
              </Button>
            ) : null}
            {l.status === "published" ? (
              <a href={hrefTo(publicPath(DEFAULT_PUBLIC_CITY, "lists", l.id))} target="_blank" rel="noreferrer" title={i18n.t("problems.lists.publicPage")}>
                <GlobalOutlined />
              </a>
            ) : null}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n],
  );

  return (
    <ListPage<ProblemListData>
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
              options={[{ value: "", label: i18n.t("common.all") }, ...listStatuses.map((s) => ({ value: s, label: listStatusLabel(i18n, s) }))]}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <>
          {auth.can("problem.publish") ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create" })} data-testid="list-create">
              {i18n.t("problems.lists.create")}
            </Button>
          ) : null}
          <a href={hrefTo(publicPath(DEFAULT_PUBLIC_CITY))} target="_blank" rel="noreferrer">
            <GlobalOutlined /> {i18n.t("problems.lists.publicSite")}
          </a>
        </>
      }
      list={result}
      columns={columns}
      scrollX={1070}
      testId="lists-table"
      empty={i18n.t("problems.lists.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, status, page: p, pageSize: size }) }}
    >
      {editing?.mode === "create" ? <CreateListModal defaultNodeId={org} onClose={() => setEditing(null)} onCreated={(list) => navigate(`/problems/lists/${list.id}`)} /> : null}
      {editing?.mode === "withdraw" ? (
        <ReasonModal
          title={i18n.t("problems.lists.withdrawTitle", { title: editing.list.title })}
          okText={i18n.t("problems.lists.withdraw")}
          warning={i18n.t("problems.lists.withdrawHint")}
          run={(reason) => problemsApi.withdrawList(editing.list.id, { version: editing.list.version, reason })}
          onClose={() => setEditing(null)}
          onDone={refresh}
          testId="list-withdraw"
        />
      ) : null}
    </ListPage>
  );
}
