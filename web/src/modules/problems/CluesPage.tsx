import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Grid, Select, Space, Table, Tag, Typography, type TableProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import type { Category, Channel, Source } from "../../../../shared/schemas/problems";
import { problemsApi, type ClueData, type ClueParams } from "../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { ListTotal } from "../../components/ListTotal";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading } from "../../components/PageState";
import { useOrgNode } from "../../components/useOrgNode";
import { figureLabel, useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { ConvertClueModal, CreateClueModal, DismissClueModal } from "./ClueModals";
import { categoryLabel, categoryOptions, channelLabel, channelOptions, clueStatusLabel, dateOf, options, sourceLabel, sourceOptions } from "./labels";
import { validDay } from "./query";

const clueStatuses = ["open", "converted", "dismissed"] as const;
type ClueStatus = (typeof clueStatuses)[number];
const problemCode = (id: number) => `WT${String(id).padStart(6, "0")}`;

export interface ClueListState {
  org?: number;
  /** "all" shows every status; without one the inbox shows what is still open. */
  status: ClueStatus | "all";
  channel?: Channel;
  source?: Source;
  category?: Category;
  from?: string;
  to?: string;
  figure?: "problems.clues";
  page: number;
  pageSize: number;
}

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The inbox's filters from the URL: open clues unless told otherwise; a figure's drill-down shows them all. */
export function clueStateFromQuery(query: URLSearchParams): ClueListState {
  const figure = query.get("figure") === "problems.clues" ? ("problems.clues" as const) : undefined;
  const status = query.get("status");
  return {
    org: positiveInt(query.get("org")),
    status: status === "all" ? "all" : (pick(clueStatuses, status) ?? (figure ? "all" : "open")),
    channel: pick(channelOptions, query.get("channel")),
    source: pick(sourceOptions, query.get("source")),
    category: pick(categoryOptions, query.get("category")),
    from: validDay(query.get("from")),
    to: validDay(query.get("to")),
    figure,
    page: positiveInt(query.get("page")) ?? 1,
    pageSize: Math.min(positiveInt(query.get("pageSize")) ?? 20, 200),
  };
}

export function clueApiParams(state: ClueListState): ClueParams {
  const params: ClueParams = { org: state.org, page: state.page, pageSize: state.pageSize };
  if (state.figure) return { ...params, figure: state.figure };
  return {
    ...params,
    status: state.status === "all" ? undefined : state.status,
    channel: state.channel,
    source: state.source,
    category: state.category,
    from: state.from,
    to: state.to,
  };
}

function clueQuery(state: Partial<ClueListState>): Record<string, string | number | undefined> {
  return {
    org: state.org,
    status: state.status === "open" ? undefined : state.status,
    channel: state.channel,
    source: state.source,
    category: state.category,
    from: state.from,
    to: state.to,
    figure: state.figure,
    page: state.page && state.page > 1 ? state.page : undefined,
    pageSize: state.pageSize && state.pageSize !== 20 ? state.pageSize : undefined,
  };
}

const statusColor: Record<string, string> = { open: "blue", converted: "green", dismissed: "default" };

function ClueStatusTag({ status }: { status: string }) {
  const i18n = useI18n();
  return (
    <Tag color={statusColor[status] ?? "default"} style={{ marginInlineEnd: 0 }} data-testid="clue-status">
      {clueStatusLabel(i18n, status)}
    </Tag>
  );
}

type Editing = { mode: "create" } | { mode: "convert"; clue: ClueData } | { mode: "dismiss"; clue: ClueData } | null;

/** One clue in a drawer: what it says, its files, the problems it became. */
function ClueDrawer({ id, onClose, onAction }: { id: number; onClose: () => void; onAction: (editing: Editing) => void }) {
  const i18n = useI18n();
  const clue = useAsync((signal) => problemsApi.clue(id, signal), [id]);
  const c = clue.data;
  return (
    <Drawer open onClose={onClose} title={c ? c.code : i18n.t("problems.clues.detail")} size={Math.min(560, window.innerWidth)} data-testid="clue-drawer">
      {clue.error ? <ErrorAlert error={clue.error} onRetry={clue.reload} /> : null}
      {!c ? (
        clue.error ? null : <Loading />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Space wrap>
            <ClueStatusTag status={c.status} />
            {c.publicSubmission ? <Tag color="magenta">{i18n.t("problems.clues.public")}</Tag> : null}
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={i18n.t("problems.node")}>{c.nodeName}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.clues.receivedOn")}>{i18n.dateTime(c.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.source")}>{sourceLabel(i18n, c.source)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.channel")}>{channelLabel(i18n, c.channel)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.category")}>{categoryLabel(i18n, c.category)}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.reporter")}>{[c.reporterName, c.reporterPhone].filter(Boolean).join(" · ") || "—"}</Descriptions.Item>
            <Descriptions.Item label={i18n.t("problems.clues.content")}>
              <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{c.description}</div>
            </Descriptions.Item>
            {c.dismissReason ? <Descriptions.Item label={i18n.t("problems.clues.dismissReason")}>{c.dismissReason}</Descriptions.Item> : null}
            {c.problemIds.length > 0 ? (
              <Descriptions.Item label={i18n.t("problems.clues.problems")}>
                <Space wrap>
                  {c.problemIds.map((pid) => (
                    <a key={pid} href={hrefTo(`/problems/${pid}`)}>
                      {problemCode(pid)}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
            {c.attachments.length > 0 ? (
              <Descriptions.Item label={i18n.t("problems.files.title")}>
                <Space orientation="vertical" size={2}>
                  {c.attachments.map((f) => (
                    <a key={f.id} href={problemsApi.attachmentUrl(f.id)} download={f.fileName}>
                      {f.fileName}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Space wrap>
            {c.abilities.convert === true ? (
              <Button type="primary" onClick={() => onAction({ mode: "convert", clue: c })} data-testid="clue-convert">
                {i18n.t("problems.clues.convert")}
              </Button>
            ) : null}
            {c.abilities.dismiss === true ? (
              <Button danger onClick={() => onAction({ mode: "dismiss", clue: c })} data-testid="clue-dismiss">
                {i18n.t("problems.clues.dismiss")}
              </Button>
            ) : null}
            {c.problemIds.length > 0 ? (
              <Button onClick={() => navigate(withQuery("/problems", { clue: c.id }))}>{i18n.t("problems.clues.openProblems")}</Button>
            ) : null}
          </Space>
        </Space>
      )}
    </Drawer>
  );
}

interface FilterForm {
  org?: number | null;
  status?: string;
  channel?: string;
  source?: string;
  category?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
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
  const isMobile = !Grid.useBreakpoint().md;
  const [editing, setEditing] = useState<Editing>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const node = useOrgNode(state.org);
  const result = useAsync((signal) => problemsApi.clues(params, signal), [JSON.stringify(params), refreshKey]);

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

  const columns = useMemo<NonNullable<TableProps<ClueData>["columns"]>>(
    () => [
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
              <Button size="small" type="link" onClick={() => setEditing({ mode: "convert", clue: c })} data-testid="clue-row-convert">
                {i18n.t("problems.clues.convert")}
              </Button>
            ) : null}
            {c.abilities.dismiss === true ? (
              <Button size="small" type="link" danger onClick={() => setEditing({ mode: "dismiss", clue: c })}>
                {i18n.t("problems.clues.dismiss")}
              </Button>
            ) : null}
            {c.problemIds.length > 0 ? <a href={hrefTo(withQuery("/problems", { clue: c.id }))}>{i18n.t("problems.clues.problemCount", { count: c.problemIds.length })}</a> : null}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, location.href],
  );

  const done = () => {
    setEditing(null);
    setRefreshKey((n) => n + 1);
  };
  const all = { value: "", label: i18n.t("common.all") };
  const width = isMobile ? "100%" : 120;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Form<FilterForm> form={form} layout={isMobile ? "vertical" : "inline"} onFinish={onFinish} style={{ rowGap: 8 }} name="clueFilter">
          <Form.Item name="status" label={i18n.t("problems.status")}>
            <Select style={{ width }} options={[{ value: "all", label: i18n.t("common.all") }, ...clueStatuses.map((s) => ({ value: s, label: clueStatusLabel(i18n, s) }))]} data-testid="clue-filter-status" />
          </Form.Item>
          <Form.Item name="org" label={i18n.t("problems.filter.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker />
          </Form.Item>
          <Form.Item name="category" label={i18n.t("problems.category")}>
            <Select style={{ width }} options={[all, ...options(i18n, categoryOptions, categoryLabel)]} />
          </Form.Item>
          <Form.Item name="source" label={i18n.t("problems.source")}>
            <Select style={{ width }} options={[all, ...options(i18n, sourceOptions, sourceLabel)]} />
          </Form.Item>
          <Form.Item name="channel" label={i18n.t("problems.channel")}>
            <Select style={{ width }} options={[all, ...options(i18n, channelOptions, channelLabel)]} />
          </Form.Item>
          <Form.Item name="period" label={i18n.t("problems.clues.period")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: isMobile ? "100%" : 240 }} />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit">
                {i18n.t("common.search")}
              </Button>
              <Button onClick={() => go({ status: "open", page: 1 })}>{i18n.t("common.reset")}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 8, alignItems: "baseline", justifyContent: "space-between" }}>
          <Space wrap>
            {auth.can("problem.report") ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create" })} data-testid="clue-create">
                {i18n.t("problems.clues.create")}
              </Button>
            ) : null}
            <FilterTags tags={tags} />
          </Space>
          <ListTotal total={result.data?.total} loading={result.loading} />
        </div>
        <ErrorAlert error={result.error} onRetry={result.reload} />
        <Table<ClueData>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          scroll={{ x: 1146 }}
          locale={{ emptyText: result.error ? " " : <Empty description={i18n.t("problems.clues.empty")} /> }}
          pagination={{
            current: result.data?.page ?? state.page,
            pageSize: result.data?.pageSize ?? state.pageSize,
            total: result.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => i18n.t("common.total", { total: i18n.number(n) }),
            onChange: (page, pageSize) => go({ ...state, page: pageSize !== state.pageSize ? 1 : page, pageSize }),
            size: "small",
          }}
          data-testid="clues-table"
        />
      </Card>
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
    </Space>
  );
}
