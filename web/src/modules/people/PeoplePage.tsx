import { PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import { peopleApi, type PersonData, type PersonParams } from "../../api/people";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import type { FilterTag } from "../../components/FilterTags";
import { ListFilters, ListPage, useMoreFilters } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useCsvExport } from "../../components/useCsvExport";
import { useOrgNode } from "../../components/useOrgNode";
import { knownPosts, postLabel, useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { peopleExportJob } from "./peopleExport";
import { peopleScrollX, usePeopleColumns } from "./PeopleTable";
import { PersonDeleteModal, PersonFormModal } from "./PersonForms";

interface FilterForm {
  org?: number | null;
  q?: string;
  post?: string;
  partyMember?: "true" | "false" | "";
}

/** Reads the filters from the URL (#/people?org=3&q=…&page=2) so that a list can be linked and reloaded. */
export function paramsFromQuery(query: URLSearchParams): PersonParams {
  const party = query.get("partyMember");
  return {
    org: positiveInt(query.get("org")),
    q: query.get("q") || undefined,
    post: query.get("post") || undefined,
    partyMember: party === "true" || party === "false" ? party : undefined,
    ...pageParams(query),
  };
}

type Editing = { mode: "create" } | { mode: "edit"; person: PersonData } | { mode: "delete"; person: PersonData } | null;

/** 人员: the people of the caller's area or of one node, by name, post and party membership; added, edited, removed and exported here. */
export default function PeoplePage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const params = paramsFromQuery(location.query);
  const [form] = Form.useForm<FilterForm>();
  const [editing, setEditing] = useState<Editing>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const node = useOrgNode(params.org);
  const exporter = useCsvExport();
  const list = useAsync((signal) => peopleApi.list(params, signal), [JSON.stringify(params), refreshKey]);
  // On a phone only the name filter shows until asked (unless other filters are in use).
  const more = useMoreFilters(params.org !== undefined || params.post !== undefined || params.partyMember !== undefined);
  // Adding: at the filtered node when its abilities say so; without one, wherever the caller manages people.
  const canCreate = params.org !== undefined ? node.data?.abilities.managePeople === true : auth.can("person.manage");

  useEffect(() => {
    form.setFieldsValue({ org: params.org ?? null, q: params.q ?? "", post: params.post ?? "", partyMember: params.partyMember ?? "" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.href]);

  const go = (next: PersonParams) => navigate(withQuery("/people", { org: next.org, q: next.q, post: next.post, partyMember: next.partyMember, ...pagingQuery(next) }), { replace: true });
  const without = (patch: Partial<PersonParams>) => go({ ...params, ...patch, page: 1 });

  const onFinish = (values: FilterForm) =>
    go({
      org: values.org ?? undefined,
      q: values.q?.trim() || undefined,
      post: values.post?.trim() || undefined,
      partyMember: values.partyMember || undefined,
      page: 1,
      pageSize: params.pageSize,
    });

  const tags: FilterTag[] = [];
  if (params.org !== undefined) tags.push({ key: "org", label: i18n.t("common.filterTag", { label: i18n.t("people.filter.org"), value: node.data?.name ?? "…" }), onRemove: () => without({ org: undefined }) });
  if (params.post) tags.push({ key: "post", label: i18n.t("common.filterTag", { label: i18n.t("people.filter.post"), value: postLabel(i18n, params.post) }), onRemove: () => without({ post: undefined }) });
  if (params.partyMember)
    tags.push({
      key: "partyMember",
      label: i18n.t("common.filterTag", { label: i18n.t("people.filter.partyMember"), value: params.partyMember === "true" ? i18n.t("people.partyMember") : i18n.t("people.nonPartyMember") }),
      onRemove: () => without({ partyMember: undefined }),
    });
  if (params.q) tags.push({ key: "q", label: i18n.t("common.filterTag", { label: i18n.t("people.filter.q"), value: params.q }), onRemove: () => without({ q: undefined }) });

  const postOptions = [
    { value: "", label: i18n.t("common.all") },
    ...knownPosts.map((post) => ({ value: post, label: postLabel(i18n, post) })),
    ...(params.post && !(knownPosts as readonly string[]).includes(params.post) ? [{ value: params.post, label: params.post }] : []),
  ];

  const onEdit = useCallback((person: PersonData) => setEditing({ mode: "edit", person }), []);
  const onDelete = useCallback((person: PersonData) => setEditing({ mode: "delete", person }), []);
  const columns = usePeopleColumns({ onEdit, onDelete });
  const done = () => {
    setEditing(null);
    setRefreshKey((n) => n + 1);
  };

  return (
    <ListPage<PersonData>
      filters={
        <ListFilters<FilterForm> form={form} onSearch={onFinish} onReset={() => go({ page: 1 })} more={more}>
          <Form.Item name="org" label={i18n.t("people.filter.org")} style={{ minWidth: 240, flex: "1 1 240px" }} hidden={!more.shown}>
            <OrgTreePicker />
          </Form.Item>
          <Form.Item name="q" label={i18n.t("people.filter.q")}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="post" label={i18n.t("people.filter.post")} hidden={!more.shown}>
            <Select style={{ width: 150 }} options={postOptions} data-testid="people-post-filter" />
          </Form.Item>
          <Form.Item name="partyMember" label={i18n.t("people.filter.partyMember")} hidden={!more.shown}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: "", label: i18n.t("common.all") },
                { value: "true", label: i18n.t("people.partyMember") },
                { value: "false", label: i18n.t("people.nonPartyMember") },
              ]}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Space wrap size={8}>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create" })} data-testid="person-create">
              {i18n.t("people.create")}
            </Button>
          ) : null}
          <Button href={withQuery("/api/exports/people.xlsx", { org: params.org, q: params.q, post: params.post, partyMember: params.partyMember })} data-testid="people-export-xlsx">
            {i18n.t("export.xlsx")}
          </Button>
        </Space>
      }
      export={{ run: () => void exporter.run(peopleExportJob(i18n, params)), exporting: exporter.exporting, testId: "people-export" }}
      tags={tags}
      onClearTags={() => go({ page: 1 })}
      list={list}
      columns={columns}
      scrollX={peopleScrollX({ onEdit, onDelete })}
      testId="people-table"
      empty={i18n.t("people.empty")}
      paging={{ page: params.page ?? 1, pageSize: params.pageSize ?? 20, onChange: (page, pageSize) => go({ ...params, page, pageSize }) }}
    >
      {editing?.mode === "create" ? <PersonFormModal defaultNodeId={params.org ?? null} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {editing?.mode === "edit" ? <PersonFormModal person={editing.person} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {editing?.mode === "delete" ? <PersonDeleteModal person={editing.person} onClose={() => setEditing(null)} onDeleted={done} /> : null}
    </ListPage>
  );
}
