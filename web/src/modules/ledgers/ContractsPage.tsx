import { ImportOutlined, PlusOutlined, PrinterOutlined } from "@ant-design/icons";
import { Button, Form, Input, Select, Typography, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { figureDefinition } from "../../../../shared/figures";
import { ledgersApi, type ContractData } from "../../api/ledgers";
import { hrefTo, navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { checkStateLabel, checkStateOptions, objectLabel, objectOptions, ruleLabel, ruleOptions, StateTag, yuan } from "./labels";
import { ContractForm } from "./ContractForm";
import { DisclosureSwitch } from "./DisclosureSwitch";
import "./print.css";

const figures = ["ledger.contracts", "ledger.problemContracts", "ledger.rectifiedContracts"] as const;
type Figure = (typeof figures)[number];

interface Filters {
  org?: number;
  q?: string;
  object?: string;
  state?: string;
  rule?: string;
  figure?: Figure;
}

/** 合同台账: a village's (or a township's) contracts with their checks; printable, exportable, phone-readable. */
export default function ContractsPage() {
  const i18n = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const query = location.query;
  const figureParam = query.get("figure");
  const filters: Filters = {
    org: positiveInt(query.get("org")),
    q: query.get("q") ?? undefined,
    object: query.get("object") ?? undefined,
    state: query.get("state") ?? undefined,
    rule: query.get("rule") ?? undefined,
    figure: figures.includes(figureParam as Figure) ? (figureParam as Figure) : undefined,
  };
  const { page, pageSize } = pageParams(query);
  const [creating, setCreating] = useState(false);
  const params = { ...filters, object: filters.object as never, state: filters.state as never, rule: filters.rule as never };
  const result = useAsync((signal) => ledgersApi.contracts({ ...params, page, pageSize }, signal), [JSON.stringify(filters), page, pageSize]);
  const go = (next: Filters & { page?: number; pageSize?: number }) => navigate(withQuery("/ledgers/contracts", { ...next, ...pagingQuery(next) }), { replace: true });
  const set = (change: Partial<Filters>) => go({ ...filters, figure: undefined, ...change, pageSize });

  const columns = useMemo<NonNullable<TableProps<ContractData>["columns"]>>(
    () => [
      {
        key: "code",
        title: i18n.t("ledgers.contract.code"),
        width: 120,
        fixed: "left",
        render: (_: unknown, c: ContractData) => (
          <a href={hrefTo(`/ledgers/contracts/${c.id}`)} data-testid="contract-open">
            {c.code}
          </a>
        ),
      },
      { key: "village", dataIndex: "nodeName", title: i18n.t("ledgers.village"), width: 100 },
      { key: "object", title: i18n.t("ledgers.contract.object"), width: 160, render: (_: unknown, c: ContractData) => `${objectLabel(i18n, c.object)} · ${c.objectName}` },
      { key: "area", title: i18n.t("ledgers.contract.area"), width: 100, render: (_: unknown, c: ContractData) => `${c.area} ${c.unit}` },
      { key: "term", title: i18n.t("ledgers.contract.term"), width: 190, render: (_: unknown, c: ContractData) => `${c.startOn} ~ ${c.endOn}` },
      { key: "price", title: i18n.t("ledgers.contract.price"), width: 120, align: "right", render: (_: unknown, c: ContractData) => yuan(c.annualPriceFen) },
      {
        key: "owed",
        title: i18n.t("ledgers.contract.owed"),
        width: 110,
        align: "right",
        render: (_: unknown, c: ContractData) => <Typography.Text type={c.owedFen > 0 ? "danger" : undefined}>{yuan(c.owedFen)}</Typography.Text>,
      },
      { key: "counterparty", dataIndex: "counterpartyName", title: i18n.t("ledgers.contract.counterparty"), width: 150 },
      {
        key: "check",
        title: i18n.t("ledgers.contract.check"),
        width: 120,
        render: (_: unknown, c: ContractData) => <StateTag state={c.checkState} label={`${checkStateLabel(i18n, c.checkState)}${c.flagCount > 0 ? ` ${c.flagCount}` : ""}`} />,
      },
    ],
    [i18n],
  );
  const options = (values: string[], label: (key: string) => string) => values.map((value) => ({ value, label: label(value) }));
  const { figure: _figure, ...exportFilters } = params;

  return (
    <ListPage<ContractData>
      pageTestId="ledger-contracts"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("ledgers.org")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={filters.org ?? null} onChange={(id) => set({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item>
            <Input.Search allowClear defaultValue={filters.q} placeholder={i18n.t("ledgers.search")} onSearch={(q) => set({ q: q || undefined })} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={i18n.t("ledgers.contract.object")}>
            <Select allowClear style={{ width: 120 }} value={filters.object} onChange={(object) => set({ object })} options={options(objectOptions, (key) => objectLabel(i18n, key))} />
          </Form.Item>
          <Form.Item label={i18n.t("ledgers.contract.check")}>
            <Select allowClear style={{ width: 120 }} value={filters.state} onChange={(state) => set({ state })} options={options(checkStateOptions, (key) => checkStateLabel(i18n, key))} data-testid="state-filter" />
          </Form.Item>
          <Form.Item label={i18n.t("ledgers.flag.rule")}>
            <Select allowClear style={{ width: 180 }} value={filters.rule} onChange={(rule) => set({ rule })} options={options(ruleOptions, (key) => ruleLabel(i18n, key))} />
          </Form.Item>
        </ListFilters>
      }
      actions={
        <>
          {auth.can("ledger.manage") ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contract-create">
                {i18n.t("ledgers.contract.create")}
              </Button>
              <Button icon={<ImportOutlined />} href={hrefTo(withQuery("/ledgers/import", { org: filters.org }))}>
                {i18n.t("ledgers.nav.import")}
              </Button>
              {filters.org ? <DisclosureSwitch villageId={filters.org} /> : null}
            </>
          ) : null}
          <Button href={ledgersApi.exportHref(exportFilters)} data-testid="contracts-export">
            {i18n.t("ledgers.export")}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {i18n.t("ledgers.print")}
          </Button>
          {result.data ? <Typography.Text type="secondary">{i18n.t("ledgers.contract.sum", { amount: yuan(result.data.annualPriceFen) })}</Typography.Text> : null}
        </>
      }
      tags={filters.figure ? [{ key: "figure", label: figureDefinition(filters.figure).label[i18n.locale], onRemove: () => set({}) }] : []}
      list={result}
      columns={columns}
      scrollX={1170}
      testId="contracts-table"
      empty={i18n.t("ledgers.empty")}
      paging={{ page, pageSize, onChange: (p, size) => go({ ...filters, page: p, pageSize: size }) }}
    >
      {creating ? <ContractForm villageId={filters.org} onClose={() => setCreating(false)} onSaved={(saved) => navigate(`/ledgers/contracts/${saved.id}`)} /> : null}
    </ListPage>
  );
}
