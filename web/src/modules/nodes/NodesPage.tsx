import { Form, Input, Select, Typography, type TableProps } from "antd";
import { useEffect, useMemo } from "react";
import { nodeKinds, type NodeKind } from "../../../../shared/permissions";
import { orgsApi, type OrgNodeData } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import type { FilterTag } from "../../components/FilterTags";
import { KindTag } from "../../components/KindTag";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading, PageError } from "../../components/PageState";
import { useOrgNode, useScopeRoots } from "../../components/useOrgNode";
import { kindLabel, useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";

export interface NodesParams {
  org?: number;
  kind?: NodeKind;
  q?: string;
  page: number;
  pageSize: number;
}

export function nodesParamsFromQuery(query: URLSearchParams): NodesParams {
  const kind = query.get("kind");
  return {
    org: positiveInt(query.get("org")),
    kind: kind && (nodeKinds as readonly string[]).includes(kind) ? (kind as NodeKind) : undefined,
    q: query.get("q")?.trim() || undefined,
    ...pageParams(query),
  };
}

function hrefOf(params: NodesParams): string {
  return withQuery("/nodes", {
    org: params.org,
    kind: params.kind,
    q: params.q,
    ...pagingQuery(params),
  });
}

/**
 * 组织列表: the nodes of a subtree, of one kind, paged (GET /orgs/:id/descendants). It is where
 * "3,590 micro-grids" on a node's page opens: the total here is the figure.
 */
export default function NodesPage() {
  const i18n = useI18n();
  const location = useLocation();
  const params = nodesParamsFromQuery(location.query);
  const [form] = Form.useForm<{ q?: string }>();
  const roots = useScopeRoots();
  // Without a node in the link, the list covers the caller's own area (their single top node).
  const onlyRoot = roots.data && roots.data.items.length === 1 ? roots.data.items[0] : undefined;
  const orgId = params.org ?? onlyRoot?.id;
  const node = useOrgNode(orgId);
  const key = JSON.stringify({ ...params, orgId });
  const list = useAsync(
    (signal) =>
      orgId === undefined
        ? Promise.resolve(null)
        : orgsApi.descendants(orgId, { kind: params.kind, q: params.q, page: params.page, pageSize: params.pageSize }, signal),
    [key],
  );

  useEffect(() => form.setFieldsValue({ q: params.q ?? "" }), [form, params.q]);

  const go = (next: Partial<NodesParams>) => navigate(hrefOf({ ...params, page: 1, ...next }), { replace: true });

  const columns = useMemo<NonNullable<TableProps<OrgNodeData>["columns"]>>(
    () => [
      {
        key: "name",
        title: i18n.t("orgs.name"),
        render: (_: unknown, n: OrgNodeData) => (
          <a href={hrefTo(`/orgs/${n.id}`)} style={{ wordBreak: "break-word" }}>
            {n.name}
          </a>
        ),
      },
      { key: "kind", title: i18n.t("orgs.kind"), width: 90, render: (_: unknown, n: OrgNodeData) => <KindTag kind={n.kind} /> },
      {
        key: "code",
        title: i18n.t("orgs.code"),
        width: 170,
        responsive: ["sm"],
        render: (_: unknown, n: OrgNodeData) => <Typography.Text code>{n.code}</Typography.Text>,
      },
      { key: "children", title: i18n.t("orgs.childCount"), width: 90, align: "right", render: (_: unknown, n: OrgNodeData) => i18n.number(n.childCount) },
    ],
    [i18n],
  );

  if (roots.error) return <PageError error={roots.error} onRetry={roots.reload} />;
  if (!roots.data) return <Loading />;

  const tags: FilterTag[] = [];
  if (node.data) {
    tags.push({
      key: "org",
      label: i18n.t("common.filterTag", { label: i18n.t("nodes.scope"), value: node.data.name }),
      onRemove: params.org !== undefined && onlyRoot && params.org !== onlyRoot.id ? () => go({ org: undefined }) : undefined,
    });
  }
  if (params.kind) tags.push({ key: "kind", label: i18n.t("common.filterTag", { label: i18n.t("nodes.kind"), value: kindLabel(i18n, params.kind) }), onRemove: () => go({ kind: undefined }) });
  if (params.q) tags.push({ key: "q", label: i18n.t("common.filterTag", { label: i18n.t("nodes.q"), value: params.q }), onRemove: () => go({ q: undefined }) });

  // Without a node there is nothing to list yet: the empty table asks for one.
  return (
    <ListPage<OrgNodeData>
      pageTestId="nodes-page"
      filters={
        <ListFilters<{ q?: string }> form={form} onSearch={(v) => go({ q: v.q?.trim() || undefined })}>
          <Form.Item label={i18n.t("nodes.scope")} style={{ minWidth: 240, flex: "1 1 240px" }}>
            <OrgTreePicker value={orgId ?? null} onChange={(id) => go({ org: id ?? undefined })} allowClear={false} />
          </Form.Item>
          <Form.Item label={i18n.t("nodes.kind")}>
            <Select<NodeKind | "">
              style={{ width: 130 }}
              value={params.kind ?? ""}
              onChange={(kind) => go({ kind: kind || undefined })}
              options={[{ value: "", label: i18n.t("nodes.allKinds") }, ...nodeKinds.map((k) => ({ value: k, label: kindLabel(i18n, k) }))]}
              data-testid="nodes-kind"
            />
          </Form.Item>
          <Form.Item name="q" label={i18n.t("nodes.q")}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
        </ListFilters>
      }
      tags={tags}
      onClearTags={params.kind || params.q ? () => go({ kind: undefined, q: undefined }) : undefined}
      list={{ ...list, data: list.data ?? undefined }}
      otherError={node.error}
      columns={columns}
      testId="nodes-table"
      empty={i18n.t(orgId === undefined ? "orgs.selectHint" : "nodes.empty")}
      paging={{ page: params.page, pageSize: params.pageSize, onChange: (page, pageSize) => go({ page, pageSize }) }}
    />
  );
}
