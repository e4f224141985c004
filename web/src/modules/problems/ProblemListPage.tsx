import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { problemsApi, type ProblemData } from "../../api/problems";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useCanOpen } from "../../app/useCanOpen";
import { useAsync } from "../../app/useAsync";
import { errorText } from "../../components/errors";
import type { FilterTag } from "../../components/FilterTags";
import { ListFilters, ListPage, useMoreFilters } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useOrgNode } from "../../components/useOrgNode";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";
import { exportFileName } from "../../lib/csv";
import { useMe } from "../auth/AuthContext";
import { saveBlob } from "./files";
import { PhoneCard } from "../field/PhoneCard";
import { categoryLabel, categoryOptions, channelLabel, channelOptions, dateOf, LightTag, lightLabel, lightOptions, options, sourceLabel, sourceOptions, StatusTag, statusLabel, statusOptions } from "./labels";
import { useProblemColumns } from "./ProblemTable";
import { apiParams, exportParams, filtersFromQuery, filtersOf, queryOf, type ProblemFilters, type ProblemListState } from "./query";
import { SavedViews } from "./SavedViews";

interface FilterForm {
  org?: number | null;
  q?: string;
  status?: string;
  light?: string;
  category?: string;
  source?: string;
  channel?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  escalated?: string;
  sort?: string;
}

const clueCode = (id: number) => `XS${String(id).padStart(6, "0")}`;

/** Downloads the current filters as .xlsx from the server (the same filters as the list). */
function useXlsxExport() {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const run = async (filters: ProblemFilters) => {
    setExporting(true);
    message.open({ key: "xlsx-export", type: "loading", content: i18n.t("problems.export.running"), duration: 0 });
    try {
      const file = await problemsApi.exportXlsx(exportParams(filters));
      saveBlob(file.blob, exportFileName(i18n.t("problems.export.fileBase")).replace(/\.csv$/, ".xlsx"));
      message.open({ key: "xlsx-export", type: "success", content: <span data-testid="export-done">{i18n.t("problems.export.done")}</span>, duration: 3 });
    } catch (error) {
      message.open({ key: "xlsx-export", type: "error", content: `${i18n.t("export.failed")}: ${errorText(i18n, error)}`, duration: 6 });
    } finally {
      setExporting(false);
    }
  };
  return { exporting, run };
}

/** 问题台账: every problem the caller may read, filtered, searched, paged, saved as views, exported. */
export default function ProblemListPage() {
  const i18n = useI18n();
  const canOpen = useCanOpen();
  const me = useMe();
  const location = useLocation();
  const state = filtersFromQuery(location.query);
  const key = JSON.stringify(apiParams(state));
  const [form] = Form.useForm<FilterForm>();
  const node = useOrgNode(state.org);
  const responsible = useOrgNode(state.responsible);
  const result = useAsync((signal) => problemsApi.list(apiParams(state), signal), [key]);
  const exporter = useXlsxExport();
  const { columns, scrollX } = useProblemColumns();
  const more = useMoreFilters(Boolean(state.org !== undefined || state.category || state.source || state.channel || state.from || state.to || state.escalated || state.sort));

  useEffect(() => {
    form.setFieldsValue({
      org: state.org ?? null,
      q: state.q ?? "",
      status: state.status ?? "",
      light: state.light ?? "",
      category: state.category ?? "",
      source: state.source ?? "",
      channel: state.channel ?? "",
      period: state.from || state.to ? [state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null] : null,
      escalated: state.escalated ?? "",
      sort: state.sort ?? "recent",
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.href]);

  const go = (next: Partial<ProblemListState>) => navigate(withQuery("/problems", queryOf(next)), { replace: true });
  const without = (patch: Partial<ProblemFilters>) => go({ ...state, ...patch, page: 1 });

  const onFinish = (values: FilterForm) => {
    const [from, to] = values.period ?? [];
    const pick = <T extends string>(v: string | undefined) => (v ? (v as T) : undefined);
    go({
      // Filters the form does not show stay as they were (a clue's problems, a figure's records).
      clue: state.clue,
      commonList: state.commonList,
      figure: state.figure,
      responsible: state.responsible,
      org: values.org ?? undefined,
      q: values.q?.trim() || undefined,
      status: pick(values.status),
      light: pick(values.light),
      category: pick(values.category),
      source: pick(values.source),
      channel: pick(values.channel),
      from: from ? from.format("YYYY-MM-DD") : undefined,
      to: to ? to.format("YYYY-MM-DD") : undefined,
      escalated: pick(values.escalated),
      sort: pick(values.sort),
      page: 1,
      pageSize: state.pageSize,
    });
  };

  const tag = (key: string, label: string, value: string, patch: Partial<ProblemFilters>): FilterTag => ({
    key,
    label: i18n.t("common.filterTag", { label, value }),
    onRemove: () => without(patch),
  });
  const tags: FilterTag[] = [];
  if (state.figure) tags.push(tag("figure", i18n.t("problems.filter.figure"), figureLabel(i18n, state.figure), { figure: undefined }));
  if (state.responsible !== undefined) tags.push(tag("responsible", i18n.t("problems.responsibleNode"), responsible.data?.name ?? "…", { responsible: undefined }));
  if (state.org !== undefined) tags.push(tag("org", i18n.t("problems.filter.org"), node.data?.name ?? "…", { org: undefined }));
  if (state.q) tags.push(tag("q", i18n.t("problems.filter.q"), state.q, { q: undefined }));
  if (state.status) tags.push(tag("status", i18n.t("problems.status"), statusLabel(i18n, state.status), { status: undefined }));
  if (state.light) tags.push(tag("light", i18n.t("problems.light"), lightLabel(i18n, state.light), { light: undefined }));
  if (state.category) tags.push(tag("category", i18n.t("problems.category"), categoryLabel(i18n, state.category), { category: undefined }));
  if (state.source) tags.push(tag("source", i18n.t("problems.source"), sourceLabel(i18n, state.source), { source: undefined }));
  if (state.channel) tags.push(tag("channel", i18n.t("problems.channel"), channelLabel(i18n, state.channel), { channel: undefined }));
  if (state.from || state.to) tags.push(tag("period", i18n.t("problems.filter.period"), `${state.from ?? "…"} ~ ${state.to ?? "…"}`, { from: undefined, to: undefined }));
  if (state.escalated) tags.push(tag("escalated", i18n.t("problems.filter.escalated"), i18n.t(state.escalated === "true" ? "common.yes" : "common.no"), { escalated: undefined }));
  if (state.clue) tags.push(tag("clue", i18n.t("problems.filter.clue"), clueCode(state.clue), { clue: undefined }));
  if (state.commonList) tags.push(tag("commonList", i18n.t("problems.filter.commonList"), `#${state.commonList}`, { commonList: undefined }));

  const all = { value: "", label: i18n.t("common.all") };
  const hidden = !more.shown;

  return (
    <ListPage<ProblemData>
      filters={
        <ListFilters<FilterForm> form={form} name="problemFilter" onSearch={onFinish} onReset={() => go({ page: 1 })} searchTestId="problem-search" more={more}>
          <Form.Item name="q" label={i18n.t("problems.filter.q")}>
            <Input allowClear style={{ width: 180 }} placeholder={i18n.t("problems.filter.qPlaceholder")} data-testid="problem-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={i18n.t("problems.status")}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, statusOptions, statusLabel)]} data-testid="problem-filter-status" />
          </Form.Item>
          <Form.Item name="light" label={i18n.t("problems.light")} hidden={hidden}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, lightOptions, lightLabel)]} data-testid="problem-filter-light" />
          </Form.Item>
          <Form.Item name="org" label={i18n.t("problems.filter.org")} style={{ minWidth: 220, flex: "0 1 240px" }} hidden={hidden}>
            <OrgTreePicker />
          </Form.Item>
          <Form.Item name="category" label={i18n.t("problems.category")} hidden={hidden}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, categoryOptions, categoryLabel)]} />
          </Form.Item>
          <Form.Item name="source" label={i18n.t("problems.source")} hidden={hidden}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, sourceOptions, sourceLabel)]} />
          </Form.Item>
          <Form.Item name="channel" label={i18n.t("problems.channel")} hidden={hidden}>
            <Select style={{ width: 120 }} options={[all, ...options(i18n, channelOptions, channelLabel)]} />
          </Form.Item>
          <Form.Item name="period" label={i18n.t("problems.filter.period")} hidden={hidden}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="escalated" label={i18n.t("problems.filter.escalated")} hidden={hidden}>
            <Select style={{ width: 90 }} options={[all, { value: "true", label: i18n.t("common.yes") }, { value: "false", label: i18n.t("common.no") }]} />
          </Form.Item>
          <Form.Item name="sort" label={i18n.t("problems.filter.sort")} hidden={hidden}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: "recent", label: i18n.t("problems.sort.recent") },
                { value: "deadline", label: i18n.t("problems.sort.deadline") },
                { value: "found", label: i18n.t("problems.sort.found") },
              ]}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <>
          {canOpen("/problems/new") ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(withQuery("/problems/new", { org: state.org }))} data-testid="problem-create">
              {i18n.t("problems.create")}
            </Button>
          ) : null}
          <SavedViews userId={me.id} current={filtersOf(state)} onApply={(filters) => go({ ...filters, page: 1, pageSize: state.pageSize })} />
          {canOpen("/problems/import") ? (
            <Button icon={<UploadOutlined />} onClick={() => navigate("/problems/import")}>
              {i18n.t("problems.nav.import")}
            </Button>
          ) : null}
        </>
      }
      export={{ run: () => void exporter.run(state), exporting: exporter.exporting, testId: "problem-export", label: i18n.t("problems.export.button") }}
      tags={tags}
      onClearTags={() => go({ page: 1 })}
      list={result}
      columns={columns}
      card={(p) => (
        <PhoneCard
          testId="problem-card"
          recordId={p.id}
          title={
            <a href={hrefTo(`/problems/${p.id}`)} data-testid="problem-open">
              {p.code}
            </a>
          }
          tags={
            <>
              <StatusTag status={p.status} />
              <LightTag light={p.light} escalationLevel={p.escalationLevel} />
            </>
          }
          body={p.title}
          place={p.nodeName}
          when={p.deadlineAt ? `${i18n.t("problems.deadline")} ${dateOf(i18n, p.deadlineAt)}` : null}
        />
      )}
      scrollX={scrollX}
      testId="problem-table"
      empty={i18n.t("problems.empty")}
      paging={{ page: state.page, pageSize: state.pageSize, onChange: (page, pageSize) => go({ ...state, page, pageSize }) }}
    />
  );
}
