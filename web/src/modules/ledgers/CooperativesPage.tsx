import { Form, Select, Tag, type TableProps } from "antd";
import { useMemo } from "react";
import { ledgersApi, type CooperativeData } from "../../api/ledgers";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { yuan } from "./labels";
import { useAuth } from "../auth/AuthContext";
import { RecordFormButton } from "../../components/RecordForm";
import { cooperativeFields } from "./recordForms";

type Led = "true" | "false";

/** 合作社: the villages' cooperatives, those led by the village party branch first among the figures. */
export default function CooperativesPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const org = positiveInt(location.query.get("org"));
  const ledParam = location.query.get("ledByBranch");
  const ledByBranch: Led | undefined = ledParam === "true" || ledParam === "false" ? ledParam : undefined;
  const { page, pageSize } = pageParams(location.query);
  const result = useAsync((signal) => ledgersApi.cooperatives({ org, ledByBranch, page, pageSize }, signal), [org, ledByBranch, page, pageSize]);
  const go = (next: { org?: number; ledByBranch?: Led; page?: number; pageSize?: number }) =>
    navigate(withQuery("/ledgers/cooperatives", { org: next.org, ledByBranch: next.ledByBranch, ...pagingQuery(next) }), { replace: true });
  const columns = useMemo<NonNullable<TableProps<CooperativeData>["columns"]>>(
    () => [
      { key: "name", dataIndex: "name", title: i18n.t("ledgers.coop.name"), width: 220, fixed: "left" },
      { key: "village", dataIndex: "nodeName", title: i18n.t("ledgers.village"), width: 100 },
      { key: "led", title: i18n.t("ledgers.coop.ledByBranch"), width: 100, render: (_: unknown, row: CooperativeData) => (row.ledByBranch ? <Tag color="red">{i18n.t("ledgers.yes")}</Tag> : i18n.t("ledgers.no")) },
      { key: "members", dataIndex: "members", title: i18n.t("ledgers.coop.members"), width: 80, align: "right" },
      { key: "capital", title: i18n.t("ledgers.coop.capital"), width: 130, align: "right", render: (_: unknown, row: CooperativeData) => yuan(row.capitalFen) },
      { key: "dividends", title: i18n.t("ledgers.coop.dividends"), width: 130, align: "right", render: (_: unknown, row: CooperativeData) => yuan(row.dividendsFen) },
    ],
    [i18n],
  );
  return (
    <ListPage<CooperativeData>
      pageTestId="ledger-cooperatives"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("ledgers.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined, ledByBranch, pageSize })} />
          </Form.Item>
          <Form.Item label={i18n.t("ledgers.coop.ledByBranch")}>
            <Select<Led>
              allowClear
              style={{ width: 100 }}
              value={ledByBranch}
              onChange={(value) => go({ org, ledByBranch: value, pageSize })}
              options={[
                { value: "true", label: i18n.t("ledgers.yes") },
                { value: "false", label: i18n.t("ledgers.no") },
              ]}
            />
          </Form.Item>
        </ListFilters>
      }
      actions={
        auth.can("ledger.manage") ? (
          <RecordFormButton title="ledgers.coop.create" button="ledgers.coop.create" testId="cooperative" fields={cooperativeFields} initial={{ nodeId: org, ledByBranch: true, members: 0, dividendsFen: "0" }} send={(body) => ledgersApi.createCooperative(body as never)} onSaved={result.reload} />
        ) : undefined
      }
      list={result}
      columns={columns}
      scrollX={760}
      testId="cooperatives-table"
      empty={i18n.t("ledgers.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ org, ledByBranch, page: p, pageSize: size }) }}
    />
  );
}
