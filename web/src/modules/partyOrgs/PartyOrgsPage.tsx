import { Button, Card, Checkbox, Empty, Form, Grid, Input, Select, Space, Table, Tag, Typography, type TableProps } from "antd";
import { useEffect, useMemo, useState } from "react";
import { orgsApi } from "../../api/orgs";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { ListTotal } from "../../components/ListTotal";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useOrgNode } from "../../components/useOrgNode";
import { partyOrgKindLabel, useI18n } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { buildPartyOrgTree, parentIds, type PartyOrgRow } from "./tree";

interface PartyOrgsParams {
  org?: number;
  /** Only the party organisations of city organs (unitId set): what service.organPartyOrgs counts. */
  organ: boolean;
  unit?: number;
  q?: string;
}

function hrefOf(p: PartyOrgsParams): string {
  return withQuery("/party-orgs", { org: p.org, organ: p.organ ? "true" : undefined, unit: p.unit, q: p.q });
}

const kindColours: Record<string, string> = { committee: "red", general_branch: "volcano", branch: "orange" };

/** 党组织: the party organisations of an area as a tree (党委 > 党总支 > 党支部), filterable to city organs or one unit. */
export default function PartyOrgsPage() {
  const i18n = useI18n();
  const location = useLocation();
  const isMobile = !Grid.useBreakpoint().md;
  const params: PartyOrgsParams = {
    org: positiveInt(location.query.get("org")),
    organ: location.query.get("organ") === "true",
    unit: positiveInt(location.query.get("unit")),
    q: location.query.get("q")?.trim() || undefined,
  };
  const go = (next: Partial<PartyOrgsParams>) => navigate(hrefOf({ ...params, ...next }), { replace: true });
  const node = useOrgNode(params.org);
  const list = useAsync((signal) => orgsApi.partyOrgs(params.org, signal), [params.org]);
  const units = useAsync((signal) => orgsApi.units(signal), []);
  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);

  const filtered = useMemo(() => {
    const q = params.q?.toLowerCase();
    return (list.data?.items ?? []).filter(
      (p) =>
        (!params.organ || p.unitId !== null) &&
        (params.unit === undefined || p.unitId === params.unit) &&
        (!q || p.name.toLowerCase().includes(q) || p.code.toLowerCase().includes(q)),
    );
  }, [list.data, params.organ, params.unit, params.q]);
  const tree = useMemo(() => buildPartyOrgTree(filtered, i18n.compare), [filtered, i18n]);
  const allParents = useMemo(() => parentIds(tree), [tree]);
  const [expanded, setExpanded] = useState<readonly number[]>([]);
  // A small tree opens fully; a big one shows its first level.
  useEffect(() => {
    setExpanded(filtered.length <= 120 ? allParents : tree.map((r) => r.id));
  }, [tree, allParents, filtered.length]);

  const columns = useMemo<NonNullable<TableProps<PartyOrgRow>["columns"]>>(
    () => [
      { key: "name", dataIndex: "name", title: i18n.t("partyOrgs.name"), render: (name: string) => <span style={{ wordBreak: "break-word" }}>{name}</span> },
      {
        key: "kind",
        title: i18n.t("partyOrgs.kind"),
        width: 110,
        render: (_: unknown, p: PartyOrgRow) => (
          <Tag color={kindColours[p.kind]} style={{ marginInlineEnd: 0 }}>
            {partyOrgKindLabel(i18n, p.kind)}
          </Tag>
        ),
      },
      {
        key: "unit",
        title: i18n.t("partyOrgs.unit"),
        width: 170,
        responsive: ["md"],
        render: (_: unknown, p: PartyOrgRow) => (p.unitId === null ? <Typography.Text type="secondary">—</Typography.Text> : unitNames.get(p.unitId) ?? `#${p.unitId}`),
      },
      { key: "code", title: i18n.t("partyOrgs.code"), width: 150, responsive: ["lg"], render: (_: unknown, p: PartyOrgRow) => <Typography.Text code>{p.code}</Typography.Text> },
    ],
    [i18n, unitNames],
  );

  const tags: FilterTag[] = [];
  if (params.org !== undefined) tags.push({ key: "org", label: i18n.t("common.filterTag", { label: i18n.t("people.filter.org"), value: node.data?.name ?? "…" }), onRemove: () => go({ org: undefined }) });
  if (params.organ) tags.push({ key: "organ", label: i18n.t("partyOrgs.filter.organ"), onRemove: () => go({ organ: false }) });
  if (params.unit !== undefined) tags.push({ key: "unit", label: i18n.t("common.filterTag", { label: i18n.t("partyOrgs.unit"), value: unitNames.get(params.unit) ?? `#${params.unit}` }), onRemove: () => go({ unit: undefined }) });
  if (params.q) tags.push({ key: "q", label: i18n.t("common.filterTag", { label: i18n.t("common.search"), value: params.q }), onRemove: () => go({ q: undefined }) });

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="party-orgs-page">
      <Card size="small">
        <Form layout={isMobile ? "vertical" : "inline"} style={{ rowGap: 8 }}>
          <Form.Item label={i18n.t("people.filter.org")} style={{ minWidth: 240, flex: "1 1 240px" }}>
            <OrgTreePicker value={params.org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("partyOrgs.unit")}>
            <Select<number | "">
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: isMobile ? "100%" : 180 }}
              value={params.unit ?? ""}
              onChange={(unit) => go({ unit: unit === "" ? undefined : unit })}
              options={[
                { value: "", label: i18n.t("common.all") },
                ...[...(units.data?.items ?? [])].sort((a, b) => i18n.compare(a.name, b.name)).map((u) => ({ value: u.id, label: u.name })),
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={params.organ} onChange={(e) => go({ organ: e.target.checked })}>
              {i18n.t("partyOrgs.filter.organ")}
            </Checkbox>
          </Form.Item>
          <Form.Item>
            <Input.Search
              key={params.q ?? ""}
              defaultValue={params.q}
              allowClear
              placeholder={i18n.t("common.searchName")}
              onSearch={(q) => go({ q: q.trim() || undefined })}
              style={{ width: isMobile ? "100%" : 220 }}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
          <FilterTags tags={tags} onClear={() => go({ org: undefined, organ: false, unit: undefined, q: undefined })} />
          <Space size={4} wrap>
            <ListTotal total={list.data ? filtered.length : undefined} loading={list.loading} unit="count" />
            <Button size="small" type="link" onClick={() => setExpanded(allParents)} disabled={allParents.length === 0}>
              {i18n.t("partyOrgs.expandAll")}
            </Button>
            <Button size="small" type="link" onClick={() => setExpanded([])} disabled={expanded.length === 0}>
              {i18n.t("partyOrgs.collapseAll")}
            </Button>
          </Space>
        </div>
        <ErrorAlert error={list.error ?? node.error} onRetry={list.reload} />
        <Table<PartyOrgRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tree}
          loading={list.loading}
          indentSize={isMobile ? 10 : 20}
          expandable={{
            expandedRowKeys: expanded as number[],
            onExpandedRowsChange: (keys) => setExpanded(keys.filter((k): k is number => typeof k === "number")),
          }}
          locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("partyOrgs.empty")} /> }}
          pagination={false}
          sticky
          data-testid="party-orgs-table"
        />
      </Card>
    </Space>
  );
}
