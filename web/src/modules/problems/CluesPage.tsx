import { PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Select, Space, Tag, Typography, type TableProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import type { Category, Channel, Source } from "../../../../shared/schemas/problems";
import { problemsApi, type ClueData } from "../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import type { FilterTag } from "../../components/FilterTags";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useOrgNode } from "../../components/useOrgNode";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { ClueDrawer, ClueStatusTag, type ClueEditing } from "./ClueDrawer";
import { ConvertClueModal, CreateClueModal, DismissClueModal } from "./ClueModals";
import { clueApiParams, clueQuery, clueStateFromQuery, clueStatuses, type ClueListState, type ClueStatus } from "./clueQuery";
import { categoryLabel, categoryOptions, channelLabel, channelOptions, clueStatusLabel, dateOf, options, sourceLabel, sourceOptions } from "./labels";

interface FilterForm {
  org?: number | null;
  status?: string;
  channel?: string;
  source?: string;
  category?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** The inbox's columns: the code opens the clue's drawer (its link keeps the filters); convert and dismiss where the clue allows. */
function useClueColumns(state: ClueListState, onAction: (editing: ClueEditing) => void): NonNullable<TableProps<ClueData>["columns"]> {
  const i18n = useI18n();
  return [
    {
      key: "code",
      title: i18n.t("problems.code"),
      width: 100,
      fixed: "left",
      render: (_: unknown, c: ClueData) => (
        <a href={hrefTo(withQuery("/problems/clues", { ...clueQuery(state), id: c.id }))} data-testid="clue-open">
          {c.code}
        </a>
      ),
    },
    { key: "received", title: i18n.t("problems.clues.receivedOn"), width: 110, render: (_: unknown, c: ClueData) => dateOf(i18n, c.receivedAt) },
    { key: "node", dataIndex: "nodeName", title: i18n.t("problems.node"), width: 120 },
    {
      key: "content",
      title: i18n.t("problems.clues.content"),
      width: 280,
      render: (_: unknown, c: ClueData) => (
        <Typography.Text ellipsis={{ tooltip: c.description }} style={{ maxWidth: 264 }}>
          {c.publicSubmission ? <Tag color="magenta">{i18n.t("problems.clues.public")}</Tag> : null}
          {c.description}
        </Typography.Text>
      ),
    },
    { key: "category", title: i18n.t("problems.category"), width: 96, render: (_: unknown, c: ClueData) => categoryLabel(i18n, c.category) },
    { key: "source", title: i18n.t("problems.source"), width: 80, render: (_: unknown, c: ClueData) => sourceLabel(i18n, c.source) },
    { key: "channel", title: i18n.t("problems.channel"), width: 100, render: (_: unknown, c: ClueData) => channelLabel(i18n, c.channel) },
    { key: "status", title: i18n.t("problems.status"), width: 90, render: (_: unknown, c: ClueData) => <ClueStatusTag status={c.status} /> },
    {
      key: "actions",
      title: i18n.t("common.actions"),
      width: 170,
      fixed: "right",
      render: (_: unknown, c: ClueData) => (
        <Space size={4}>
          {c.abilities.convert === true ? (
            <Button size="small" type="link" onClick={() => onAction({ mode: "convert", clue: c })} data-testid="clue-row-convert">
              {i18n.t("problems.clues.convert")}
            </Button>
          ) : null}
          {c.abilities.dismiss === true ? (
            <Button size="small" type="link" danger onClick={() => onAction({ mode: "dismiss", clue: c })}>
              {i18n.t("problems.clues.dismiss")}
            </Button>
          ) : null}
          {c.problemIds.length > 0 ? <a href={hrefTo(withQuery("/problems", { clue: c.id }))}>{i18n.t("problems.clues.problemCount", { count: c.problemIds.length })}</a> : null}
        </Space>
      ),
    },
  ];
}

/** 线索: the inbox of what came in (forms, boxes, visits, residents online), to convert into problems or dismiss. */
export default function CluesPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const state = clueStateFromQuery(location.query);
  const openId = positiveInt(location.query.get("id"));
  const params = clueApiParams(state);
  const [form] = Form.useForm<FilterForm>();
  const [editing, setEditing] = useState<ClueEditing>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const node = useOrgNode(state.org);
  const result = useAsync((signal) => problemsApi.clues(params, signal), [JSON.stringify(params), refreshKey]);
  const columns = useClueColumns(state, setEditing);

  useEffect(() => {
    form.setFieldsValue({
      org: state.org ?? null,
      status: state.status,
      channel: state.channel ?? "",
      source: state.source ?? "",
      category: state.category ?? "",
      period: state.from || state.to ? [state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null] : null,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.href]);

  const go = (next: Partial<ClueListState>, id?: number) => navigate(withQuery("/problems/clues", { ...clueQuery(next), id }), { replace: true });
  const onFinish = (values: FilterForm) => {
    const [from, to] = values.period ?? [];
    go({
      org: values.org ?? undefined,
      status: (values.status as ClueStatus | "all" | undefined) ?? "open",
      channel: (values.channel || undefined) as Channel | undefined,
      source: (values.source || undefined) as Source | undefined,
      category: (values.category || undefined) as Category | undefined,
      from: from?.format("YYYY-MM-DD"),
      to: to?.format("YYYY-MM-DD"),
      page: 1,
      pageSize: state.pageSize,
    });
  };

  const tags: FilterTag[] = [];
  if (state.figure) tags.push({ key: "figure", label: i18n.t("common.filterTag", { label: i18n.t("problems.filter.figure"), value: figureLabel(i18n, state.figure) }), onRemove: () => go({ ...state, figure: undefined, status: "open", page: 1 }) });
  if (state.org !== undefined) tags.push({ key: "org", label: i18n.t("common.filterTag", { label: i18n.t("problems.filter.org"), value: node.data?.name ?? "…" }), onRemove: () => go({ ...state, org: undefined, page: 1 }) });

  const done = () => {
    setEditing(null);
    setRefreshKey((n) => n + 1);
  };
  const all = { value: "", label: i18n.t("common.all") };

  return (
    <ListPage<ClueData>
      filters={
        <ListFilters<FilterForm> form={form} name="clueFilter" onSearch={onFinish} onReset={() => go({ status: "open", page: 1 })}>
          <Form.Item name="status" label={i18n.t("problems.status")}>
            <Select style={{ width: 120 }} options={[{ value: "all", label: i18n.t("common.all") }, ...clueStatuses.map((s) => ({ value: s, label: clueStatusLabel(i18n, s) }))]} data-testid="clue-filter-status" />
          </Form.Item>
          <Form.Item name="org" label={i18n.t("problems.filter.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker />
          </Form.Item>
          <Form.Item name="category" label={i18n.t("problems.category")}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, categoryOptions, categoryLabel)]} />
          </Form.Item>
          <Form.Item name="source" label={i18n.t("problems.source")}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, sourceOptions, sourceLabel)]} />
          </Form.Item>
          <Form.Item name="channel" label={i18n.t("problems.channel")}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, channelOptions, channelLabel)]} />
          </Form.Item>
          <Form.Item name="period" label={i18n.t("problems.clues.period")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        auth.can("problem.report") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create" })} data-testid="clue-create">
            {i18n.t("problems.clues.create")}
          </Button>
        ) : undefined
      }
      tags={tags}
      list={result}
      columns={columns}
      scrollX={1146}
      testId="clues-table"
      empty={i18n.t("problems.clues.empty")}
      paging={{ page: state.page, pageSize: state.pageSize, onChange: (page, pageSize) => go({ ...state, page, pageSize }) }}
    >
      {openId ? <ClueDrawer key={`${openId}:${refreshKey}`} id={openId} onClose={() => go(state)} onAction={setEditing} /> : null}
      {editing?.mode === "create" ? <CreateClueModal defaultNodeId={state.org ?? null} onClose={() => setEditing(null)} onCreated={done} /> : null}
      {editing?.mode === "convert" ? (
        <ConvertClueModal
          clue={editing.clue}
          onClose={() => setEditing(null)}
          onConverted={(problems) => {
            done();
            if (problems.length === 1 && problems[0]) navigate(`/problems/${problems[0].id}`);
          }}
        />
      ) : null}
      {editing?.mode === "dismiss" ? <DismissClueModal clue={editing.clue} onClose={() => setEditing(null)} onDismissed={done} /> : null}
    </ListPage>
  );
}
