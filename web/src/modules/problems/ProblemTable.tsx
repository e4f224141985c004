import { Empty, Progress, Table, Typography, type TableProps } from "antd";
import { useMemo, type ReactNode } from "react";
import type { ProblemData } from "../../api/problems";
import { hrefTo } from "../../app/router";
import { useI18n } from "../../i18n";
import { categoryLabel, dateOf, LightTag, StatusTag } from "./labels";

export type ProblemColumn = "code" | "title" | "node" | "category" | "status" | "light" | "responsible" | "deadline" | "foundOn" | "progress" | "closedOn";

export const defaultProblemColumns: readonly ProblemColumn[] = ["code", "title", "node", "category", "status", "light", "responsible", "deadline", "foundOn"];

export interface ProblemTableProps {
  items: readonly ProblemData[];
  loading?: boolean;
  total?: number;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number, pageSize: number) => void;
  columns?: readonly ProblemColumn[];
  emptyText?: ReactNode;
  testId?: string;
}

const widths: Record<ProblemColumn, number> = {
  code: 100,
  title: 220,
  node: 120,
  category: 96,
  status: 88,
  light: 120,
  responsible: 150,
  deadline: 110,
  foundOn: 110,
  progress: 120,
  closedOn: 110,
};

type Columns = NonNullable<TableProps<ProblemData>["columns"]>;
const noExtra: Columns = [];

/** The named problem columns, then `extra`: the code and title open the problem; status and traffic light as tags. */
export function useProblemColumns(columns: readonly ProblemColumn[] = defaultProblemColumns, extra: Columns = noExtra): { columns: Columns; scrollX: number } {
  const i18n = useI18n();
  const cols = useMemo<Columns>(() => {
    const all: Record<ProblemColumn, Columns[number]> = {
      code: {
        key: "code",
        title: i18n.t("problems.code"),
        width: widths.code,
        fixed: "left",
        render: (_: unknown, p: ProblemData) => (
          <a href={hrefTo(`/problems/${p.id}`)} data-testid="problem-open">
            {p.code}
          </a>
        ),
      },
      title: {
        key: "title",
        title: i18n.t("problems.title"),
        width: widths.title,
        render: (_: unknown, p: ProblemData) => (
          <a href={hrefTo(`/problems/${p.id}`)} style={{ color: "inherit" }}>
            <Typography.Text ellipsis={{ tooltip: p.title }} style={{ maxWidth: widths.title - 16 }}>
              {p.title}
            </Typography.Text>
          </a>
        ),
      },
      node: { key: "node", dataIndex: "nodeName", title: i18n.t("problems.node"), width: widths.node },
      category: { key: "category", title: i18n.t("problems.category"), width: widths.category, render: (_: unknown, p: ProblemData) => categoryLabel(i18n, p.category) },
      status: { key: "status", title: i18n.t("problems.status"), width: widths.status, render: (_: unknown, p: ProblemData) => <StatusTag status={p.status} /> },
      light: { key: "light", title: i18n.t("problems.light"), width: widths.light, render: (_: unknown, p: ProblemData) => <LightTag light={p.light} escalationLevel={p.escalationLevel} /> },
      responsible: {
        key: "responsible",
        title: i18n.t("problems.responsible"),
        width: widths.responsible,
        render: (_: unknown, p: ProblemData) =>
          p.responsibleNodeName ? (
            <span>
              {p.responsibleNodeName}
              {p.responsiblePerson ? <Typography.Text type="secondary"> · {p.responsiblePerson}</Typography.Text> : null}
            </span>
          ) : (
            "—"
          ),
      },
      deadline: { key: "deadline", title: i18n.t("problems.deadline"), width: widths.deadline, render: (_: unknown, p: ProblemData) => dateOf(i18n, p.deadlineAt) },
      foundOn: { key: "foundOn", title: i18n.t("problems.foundOn"), width: widths.foundOn, render: (_: unknown, p: ProblemData) => dateOf(i18n, p.foundOn) },
      progress: {
        key: "progress",
        title: i18n.t("problems.progress"),
        width: widths.progress,
        render: (_: unknown, p: ProblemData) => <Progress percent={p.status === "closed" ? 100 : p.progress} size="small" status={p.status === "closed" ? "success" : "normal"} />,
      },
      closedOn: { key: "closedOn", title: i18n.t("problems.closedAt"), width: widths.closedOn, render: (_: unknown, p: ProblemData) => dateOf(i18n, p.closedAt) },
    };
    return [...columns.map((c) => all[c]), ...extra];
  }, [i18n, columns, extra]);
  const scrollX = columns.reduce((sum, c) => sum + widths[c], 0) + extra.reduce((sum, c) => sum + (typeof c.width === "number" ? c.width : 120), 0);
  return { columns: cols, scrollX };
}

/** A short list of problems in a record's page (a published list's items, a common list's members). */
export function ProblemTable({ items, loading, total, page, pageSize, onPageChange, columns = defaultProblemColumns, emptyText, testId = "problem-table" }: ProblemTableProps) {
  const i18n = useI18n();
  const { columns: cols, scrollX } = useProblemColumns(columns);
  return (
    <Table<ProblemData>
      rowKey="id"
      size="small"
      columns={cols}
      dataSource={[...items]}
      loading={loading}
      scroll={{ x: scrollX }}
      locale={{ emptyText: emptyText ?? <Empty description={i18n.t("problems.empty")} /> }}
      pagination={
        onPageChange
          ? {
              current: page ?? 1,
              pageSize: pageSize ?? 20,
              total: total ?? items.length,
              showSizeChanger: true,
              showTotal: (n) => i18n.t("common.total", { total: i18n.number(n) }),
              onChange: onPageChange,
              size: "small",
            }
          : { pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, size: "small" }
      }
      data-testid={testId}
    />
  );
}
