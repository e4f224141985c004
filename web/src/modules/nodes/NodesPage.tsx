import { Card, Empty, Form, Input, Select, Space, Table, Typography, Grid, type TableProps } from "antd";
import { useEffect, useMemo } from "react";
import { nodeKinds, type NodeKind } from "../../../../shared/permissions";
import { orgsApi, type OrgNodeData } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { KindTag } from "../../components/KindTag";
import { ListTotal } from "../../components/ListTotal";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { Loading, PageError } from "../../components/PageState";
import { useOrgNode, useScopeRoots } from "../../components/useOrgNode";
import { kindLabel, useI18n } from "../../i18n";
import { pageParams, positiveInt } from "../../lib/query";

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
    page: params.page > 1 ? params.page : undefined,
    pageSize: params.pageSize !== 20 ? params.pageSize : undefined,
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
  const isMobile = !Grid.useBreakpoint().md;
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

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="nodes-page">
      <Card size="small">
        <Form form={form} layout={isMobile ? "vertical" : "inline"} onFinish={(v: { q?: string }) => go({ q: v.q?.trim() || undefined })} style={{ rowGap: 8 }}>
          <Form.Item label={i18n.t("nodes.scope")} style={{ minWidth: 240, flex: "1 1 240px" }}>
            <OrgTreePicker value={orgId ?? null} onChange={(id) => go({ org: id ?? undefined })} allowClear={false} />
          </Form.Item>
          <Form.Item label={i18n.t("nodes.kind")}>
            <Select<NodeKind | "">
              style={{ width: isMobile ? "100%" : 130 }}
              value={params.kind ?? ""}
              onChange={(kind) => go({ kind: kind || undefined })}
              options={[{ value: "", label: i18n.t("nodes.allKinds") }, ...nodeKinds.map((k) => ({ value: k, label: kindLabel(i18n, k) }))]}
              data-testid="nodes-kind"
            />
          </Form.Item>
          <Form.Item name="q" label={i18n.t("nodes.q")}>
            <Input.Search allowClear enterButton={i18n.t("common.search")} onSearch={(q) => go({ q: q.trim() || undefined })} style={{ width: isMobile ? "100%" : 260 }} />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        {orgId === undefined ? (
          <Empty description={i18n.t("orgs.selectHint")} />
        ) : (
          <>
            <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
              <FilterTags tags={tags} onClear={params.kind || params.q ? () => go({ kind: undefined, q: undefined }) : undefined} />
              <ListTotal total={list.data?.total} loading={list.loading} />
            </div>
            <ErrorAlert error={list.error ?? node.error} onRetry={list.reload} />
            <Table<OrgNodeData>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("nodes.empty")} /> }}
              pagination={{
                current: list.data?.page ?? params.page,
                pageSize: list.data?.pageSize ?? params.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100, 200],
                showTotal: (total) => i18n.t("common.total", { total: i18n.number(total) }),
                onChange: (page, pageSize) => go({ page: pageSize !== params.pageSize ? 1 : page, pageSize }),
                size: "small",
                simple: isMobile,
              }}
              data-testid="nodes-table"
            />
          </>
        )}
      </Card>
    </Space>
  );
}
