import { Card, Empty, Grid, Input, Space, Table, Tag, Typography, type TableProps } from "antd";
import { useMemo } from "react";
import { orgsApi, type UnitData } from "../../api/orgs";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags } from "../../components/FilterTags";
import { ListTotal } from "../../components/ListTotal";
import { unitKindLabel, useI18n } from "../../i18n";

/** 市直单位: the city's units, each with the party organisations of its organ (a link to them). */
export default function UnitsPage() {
  const i18n = useI18n();
  const location = useLocation();
  const isMobile = !Grid.useBreakpoint().md;
  const q = location.query.get("q")?.trim() || undefined;
  const go = (next: string | undefined) => navigate(withQuery("/units", { q: next }), { replace: true });
  const units = useAsync((signal) => orgsApi.units(signal), []);
  const partyOrgs = useAsync((signal) => orgsApi.partyOrgs(undefined, signal), []);

  const counts = useMemo(() => {
    const byUnit = new Map<number, number>();
    for (const p of partyOrgs.data?.items ?? []) if (p.unitId !== null) byUnit.set(p.unitId, (byUnit.get(p.unitId) ?? 0) + 1);
    return byUnit;
  }, [partyOrgs.data]);

  const rows = useMemo(() => {
    const needle = q?.toLowerCase();
    const all = units.data?.items ?? [];
    return all.filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.code.toLowerCase().includes(needle)).sort((a, b) => i18n.compare(a.name, b.name));
  }, [units.data, q, i18n]);

  const columns = useMemo<NonNullable<TableProps<UnitData>["columns"]>>(
    () => [
      { key: "name", dataIndex: "name", title: i18n.t("units.name"), sorter: (a, b) => i18n.compare(a.name, b.name) },
      { key: "code", title: i18n.t("units.code"), width: 100, responsive: ["sm"], render: (_: unknown, u: UnitData) => <Typography.Text code>{u.code}</Typography.Text> },
      { key: "kind", title: i18n.t("units.kind"), width: 80, render: (_: unknown, u: UnitData) => <Tag style={{ marginInlineEnd: 0 }}>{unitKindLabel(i18n, u.kind)}</Tag> },
      {
        key: "partyOrgs",
        title: i18n.t("units.partyOrgs"),
        width: 110,
        align: "right",
        render: (_: unknown, u: UnitData) => {
          if (!partyOrgs.data) return "…";
          const n = counts.get(u.id) ?? 0;
          return n === 0 ? i18n.number(0) : <a href={hrefTo(withQuery("/party-orgs", { unit: u.id, organ: "true" }))}>{i18n.number(n)}</a>;
        },
      },
    ],
    [i18n, counts, partyOrgs.data],
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="units-page">
      <Card size="small">
        <Input.Search
          key={q ?? ""}
          defaultValue={q}
          allowClear
          placeholder={i18n.t("common.searchName")}
          onSearch={(value) => go(value.trim() || undefined)}
          style={{ width: isMobile ? "100%" : 280 }}
        />
      </Card>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
          <FilterTags tags={q ? [{ key: "q", label: i18n.t("common.filterTag", { label: i18n.t("common.search"), value: q }), onRemove: () => go(undefined) }] : []} />
          <ListTotal total={units.data ? rows.length : undefined} unit="count" />
        </div>
        <ErrorAlert error={units.error ?? partyOrgs.error} onRetry={units.error ? units.reload : partyOrgs.reload} />
        <Table<UnitData>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={units.loading}
          locale={{ emptyText: units.error ? " " : <Empty description={i18n.t("units.empty")} /> }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, size: "small", showSizeChanger: false }}
          data-testid="units-table"
        />
      </Card>
    </Space>
  );
}
