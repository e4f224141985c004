import { Card, Checkbox, Empty, Grid, Input, Segmented, Space, Table, Tag, Typography, type TableProps } from "antd";
import { useMemo } from "react";
import { orgsApi, type DepartmentData } from "../../api/orgs";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterTags, type FilterTag } from "../../components/FilterTags";
import { ListTotal } from "../../components/ListTotal";
import { useI18n } from "../../i18n";

type View = "departments" | "functions";

interface FunctionRow {
  id: number;
  code: string;
  name: string;
  department: DepartmentData;
}

interface DepartmentsParams {
  view: View;
  /** Only departments brought into the grid with at least one function: what grid.departments counts. */
  inGrid: boolean;
  q?: string;
}

function hrefOf(p: DepartmentsParams): string {
  return withQuery("/departments", { view: p.view === "functions" ? "functions" : undefined, inGrid: p.inGrid ? "true" : undefined, q: p.q });
}

/** A department counts as "in the grid" when it is marked so and brings at least one function. */
export function inGridDepartments(items: readonly DepartmentData[]): DepartmentData[] {
  return items.filter((d) => d.inGrid && d.functions.length > 0);
}

/**
 * 部门职能: the departments and the functions they bring into the grid, by department or by
 * function. With 仅入格部门 the totals are grid.departments and grid.functions.
 */
export default function DepartmentsPage() {
  const i18n = useI18n();
  const location = useLocation();
  const isMobile = !Grid.useBreakpoint().md;
  const params: DepartmentsParams = {
    view: location.query.get("view") === "functions" ? "functions" : "departments",
    inGrid: location.query.get("inGrid") === "true",
    q: location.query.get("q")?.trim() || undefined,
  };
  const go = (next: Partial<DepartmentsParams>) => navigate(hrefOf({ ...params, ...next }), { replace: true });
  const list = useAsync((signal) => orgsApi.departments(signal), []);

  const departments = useMemo(() => {
    const all = list.data?.items ?? [];
    const base = params.inGrid ? inGridDepartments(all) : all;
    const q = params.q?.toLowerCase();
    const matching = q
      ? base.filter((d) => d.name.toLowerCase().includes(q) || d.code.toLowerCase().includes(q) || d.functions.some((f) => f.name.toLowerCase().includes(q)))
      : base;
    return [...matching].sort((a, b) => i18n.compare(a.code, b.code));
  }, [list.data, params.inGrid, params.q, i18n]);

  const functions = useMemo<FunctionRow[]>(() => {
    const q = params.q?.toLowerCase();
    const rows = departments.flatMap((d) => d.functions.map((f) => ({ ...f, department: d })));
    return q ? rows.filter((f) => f.name.toLowerCase().includes(q) || f.department.name.toLowerCase().includes(q) || f.code.toLowerCase().includes(q)) : rows;
  }, [departments, params.q]);

  const departmentColumns = useMemo<NonNullable<TableProps<DepartmentData>["columns"]>>(
    () => [
      { key: "code", dataIndex: "code", title: i18n.t("departments.code"), width: 80, responsive: ["sm"] },
      { key: "name", dataIndex: "name", title: i18n.t("departments.name"), width: 180, sorter: (a, b) => i18n.compare(a.name, b.name) },
      {
        key: "inGrid",
        title: i18n.t("departments.inGrid"),
        width: 80,
        responsive: ["sm"],
        render: (_: unknown, d: DepartmentData) => (d.inGrid ? <Tag color="green">{i18n.t("departments.inGrid")}</Tag> : <Tag>{i18n.t("departments.notInGrid")}</Tag>),
      },
      {
        key: "functions",
        title: i18n.t("departments.functions"),
        render: (_: unknown, d: DepartmentData) => (
          <Space wrap size={[4, 4]}>
            {d.functions.map((f) => (
              <Tag key={f.id} style={{ marginInlineEnd: 0 }}>
                {f.name}
              </Tag>
            ))}
          </Space>
        ),
      },
      { key: "count", title: i18n.t("departments.functionCount"), width: 72, align: "right", render: (_: unknown, d: DepartmentData) => i18n.number(d.functions.length) },
    ],
    [i18n],
  );

  const functionColumns = useMemo<NonNullable<TableProps<FunctionRow>["columns"]>>(
    () => [
      { key: "code", dataIndex: "code", title: i18n.t("departments.code"), width: 100, responsive: ["sm"] },
      { key: "name", dataIndex: "name", title: i18n.t("departments.function"), sorter: (a, b) => i18n.compare(a.name, b.name) },
      { key: "department", title: i18n.t("departments.name"), render: (_: unknown, f: FunctionRow) => f.department.name, sorter: (a, b) => i18n.compare(a.department.name, b.department.name) },
    ],
    [i18n],
  );

  const tags: FilterTag[] = [];
  if (params.inGrid) tags.push({ key: "inGrid", label: i18n.t("departments.filter.inGrid"), onRemove: () => go({ inGrid: false }) });
  if (params.q) tags.push({ key: "q", label: i18n.t("common.filterTag", { label: i18n.t("common.search"), value: params.q }), onRemove: () => go({ q: undefined }) });
  const total = params.view === "functions" ? functions.length : departments.length;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="departments-page">
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center" }}>
          <Segmented<View>
            value={params.view}
            onChange={(view) => go({ view })}
            options={[
              { value: "departments", label: i18n.t("departments.view.departments") },
              { value: "functions", label: i18n.t("departments.view.functions") },
            ]}
          />
          <Checkbox checked={params.inGrid} onChange={(e) => go({ inGrid: e.target.checked })}>
            {i18n.t("departments.filter.inGrid")}
          </Checkbox>
          <Input.Search
            key={params.q ?? ""}
            defaultValue={params.q}
            allowClear
            placeholder={i18n.t("common.searchName")}
            onSearch={(q) => go({ q: q.trim() || undefined })}
            style={{ width: isMobile ? "100%" : 240 }}
          />
        </div>
      </Card>
      <Card size="small">
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
          <FilterTags tags={tags} onClear={() => go({ inGrid: false, q: undefined })} />
          <ListTotal total={list.data ? total : undefined} unit="count" />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 12 }}>
          {i18n.t("departments.cityWide")}
        </Typography.Paragraph>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        {params.view === "departments" ? (
          <Table<DepartmentData>
            rowKey="id"
            size="small"
            columns={departmentColumns}
            dataSource={departments}
            loading={list.loading}
            scroll={{ x: isMobile ? undefined : 720 }}
            locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("departments.empty")} /> }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, size: "small", showSizeChanger: false }}
            data-testid="departments-table"
          />
        ) : (
          <Table<FunctionRow>
            rowKey="id"
            size="small"
            columns={functionColumns}
            dataSource={functions}
            loading={list.loading}
            locale={{ emptyText: list.error ? " " : <Empty description={i18n.t("departments.empty")} /> }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, size: "small", showSizeChanger: false }}
            data-testid="functions-table"
          />
        )}
      </Card>
    </Space>
  );
}
