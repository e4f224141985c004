import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Grid, Input, Select, Space } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { PersonData, PersonParams } from "../../api/people";
import { navigate, useLocation, withQuery } from "../../app/router";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useCsvExport } from "../../components/useCsvExport";
import { useOrgNode } from "../../components/useOrgNode";
import { knownPosts, postLabel, useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { peopleExportJob } from "./peopleExport";
import { PeopleTable } from "./PeopleTable";
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
    page: positiveInt(query.get("page")) ?? 1,
    pageSize: Math.min(positiveInt(query.get("pageSize")) ?? 20, 200),
  };
}

type Editing = { mode: "create" } | { mode: "edit"; person: PersonData } | { mode: "delete"; person: PersonData } | null;

export default function PeoplePage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const params = paramsFromQuery(location.query);
  const [form] = Form.useForm<FilterForm>();
  const isMobile = !Grid.useBreakpoint().md;
  const [moreFilters, setMoreFilters] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const node = useOrgNode(params.org);
  const exporter = useCsvExport();
  // On a phone only the name filter shows until asked (unless other filters are in use).
  const showAll = !isMobile || moreFilters || params.org !== undefined || params.post !== undefined || params.partyMember !== undefined;
  // Adding: at the filtered node when its abilities say so; without one, wherever the caller manages people.
  const canCreate = params.org !== undefined ? node.data?.abilities.managePeople === true : auth.can("person.manage");

  useEffect(() => {
    form.setFieldsValue({ org: params.org ?? null, q: params.q ?? "", post: params.post ?? "", partyMember: params.partyMember ?? "" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.href]);

  const go = (next: PersonParams) =>
    navigate(
      withQuery("/people", {
        org: next.org,
        q: next.q,
        post: next.post,
        partyMember: next.partyMember,
        page: next.page && next.page > 1 ? next.page : undefined,
        pageSize: next.pageSize && next.pageSize !== 20 ? next.pageSize : undefined,
      }),
      { replace: true },
    );
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
  const done = () => {
    setEditing(null);
    setRefreshKey((n) => n + 1);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Form<FilterForm> form={form} layout={isMobile ? "vertical" : "inline"} onFinish={onFinish} style={{ rowGap: 8 }}>
          <Form.Item name="org" label={i18n.t("people.filter.org")} style={{ minWidth: 240, flex: "1 1 240px" }} hidden={!showAll}>
            <OrgTreePicker />
          </Form.Item>
          <Form.Item name="q" label={i18n.t("people.filter.q")}>
            <Input allowClear style={{ width: isMobile ? "100%" : 140 }} />
          </Form.Item>
          <Form.Item name="post" label={i18n.t("people.filter.post")} hidden={!showAll}>
            <Select style={{ width: isMobile ? "100%" : 150 }} options={postOptions} data-testid="people-post-filter" />
          </Form.Item>
          <Form.Item name="partyMember" label={i18n.t("people.filter.partyMember")} hidden={!showAll}>
            <Select
              style={{ width: isMobile ? "100%" : 120 }}
              options={[
                { value: "", label: i18n.t("common.all") },
                { value: "true", label: i18n.t("people.partyMember") },
                { value: "false", label: i18n.t("people.nonPartyMember") },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit">
                {i18n.t("common.search")}
              </Button>
              <Button onClick={() => go({ page: 1 })}>{i18n.t("common.reset")}</Button>
              {showAll ? null : (
                <Button type="link" onClick={() => setMoreFilters(true)}>
                  {i18n.t("common.moreFilters")}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 8 }}>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: "create" })} data-testid="person-create">
              {i18n.t("people.create")}
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} loading={exporter.exporting} onClick={() => void exporter.run(peopleExportJob(i18n, params))} data-testid="people-export">
            {i18n.t("export.button")}
          </Button>
        </div>
        <PeopleTable
          params={params}
          header={<FilterTags tags={tags} onClear={() => go({ page: 1 })} />}
          refreshKey={refreshKey}
          onEdit={onEdit}
          onDelete={onDelete}
          onPageChange={(page, pageSize) => go({ ...params, page: pageSize !== params.pageSize ? 1 : page, pageSize })}
        />
      </Card>
      {editing?.mode === "create" ? <PersonFormModal defaultNodeId={params.org ?? null} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {editing?.mode === "edit" ? <PersonFormModal person={editing.person} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {editing?.mode === "delete" ? <PersonDeleteModal person={editing.person} onClose={() => setEditing(null)} onDeleted={done} /> : null}
    </Space>
  );
}
