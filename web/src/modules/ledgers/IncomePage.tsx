import { Form, InputNumber, Space, Typography, type TableProps } from "antd";
import { useMemo } from "react";
import { ledgersApi, type IncomeData } from "../../api/ledgers";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { sourceLabel, yuan } from "./labels";
import { useAuth } from "../auth/AuthContext";
import { RecordFormButton } from "../../components/RecordForm";
import { incomeFields } from "./recordForms";

/** 促增收: the villages' collective income by year and source, with the total of what is listed. */
export default function IncomePage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const year = positiveInt(location.query.get("year"));
  const figure = location.query.get("figure") === "ledger.collectiveIncome" ? ("ledger.collectiveIncome" as const) : undefined;
  const { page, pageSize } = pageParams(location.query);
  const result = useAsync((signal) => ledgersApi.incomes({ org, year, figure, page, pageSize }, signal), [org, year, figure, page, pageSize]);
  const go = (next: { org?: number; year?: number; figure?: string; page?: number; pageSize?: number }) =>
    navigate(withQuery("/ledgers/income", { org: next.org, year: next.year, figure: next.figure, ...pagingQuery(next) }), { replace: true });
  const columns = useMemo<NonNullable<TableProps<IncomeData>["columns"]>>(
    () => [
      { key: "village", dataIndex: "nodeName", title: i18n.t("ledgers.village"), width: 110, fixed: "left" },
      { key: "year", dataIndex: "year", title: i18n.t("ledgers.year"), width: 70 },
      { key: "source", title: i18n.t("ledgers.income.source"), width: 130, render: (_: unknown, row: IncomeData) => sourceLabel(i18n, row.source) },
      { key: "amount", title: i18n.t("ledgers.income.amount"), width: 140, align: "right", render: (_: unknown, row: IncomeData) => yuan(row.amountFen) },
    ],
    [i18n],
  );
  return (
    <ListPage<IncomeData>
      pageTestId="ledger-income"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("ledgers.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, year, figure, pageSize })} />
          </Form.Item>
          <Form.Item label={i18n.t("ledgers.year")}>
            <InputNumber min={2000} max={2100} value={result.data?.year ?? year} onChange={(value) => go({ org, year: value ?? undefined, pageSize })} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <Space wrap>
          {auth.can("ledger.manage") ? (
            <RecordFormButton title="ledgers.income.create" button="ledgers.income.create" testId="income" fields={incomeFields(i18n)} initial={{ nodeId: org, source: "contracting" }} send={(body) => ledgersApi.createIncome(body as never)} onSaved={result.reload} />
          ) : null}
          {result.data ? <Typography.Text type="secondary">{i18n.t("ledgers.income.sum", { amount: yuan(result.data.sumFen) })}</Typography.Text> : null}
        </Space>
      }
      list={result}
      columns={columns}
      scrollX={450}
      testId="income-table"
      empty={i18n.t("ledgers.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, year, figure, page: p, pageSize: size }) }}
    />
  );
}
