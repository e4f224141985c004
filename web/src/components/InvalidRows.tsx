import { Table } from "antd";
import type { ImportRowError } from "../../../shared/schemas/common";
import type { z } from "zod";
import { useI18n } from "../i18n";

type InvalidRow = z.infer<typeof ImportRowError>;

/** The rows a spreadsheet import refused, each with every column's reason: one table for every import page. */
export function InvalidRows({ rows, testId }: { rows: readonly InvalidRow[]; testId: string }) {
  const i18n = useI18n();
  return (
    <Table<InvalidRow>
      rowKey="row"
      size="small"
      dataSource={[...rows]}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: "small" }}
      scroll={{ x: 520 }}
      data-testid={testId}
      columns={[
        { key: "row", title: i18n.t("import.row"), width: 90, render: (_: unknown, r) => i18n.t("import.rowN", { row: r.row }) },
        {
          key: "errors",
          title: i18n.t("import.reasons"),
          render: (_: unknown, r) => (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {r.errors.map((e) => (
                <li key={`${e.column}:${e.message}`}>
                  <strong>{e.column}</strong>：{e.message}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
