import { Form, Input, InputNumber, type TableProps } from "antd";
import { trainingApi, type PlanData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { RecordFormButton } from "../../components/RecordForm";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { planFields } from "./recordForms";

/** 年度培训计划: the plans of the caller's area by year, each opening its sessions. */
export default function PlansPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const year = positiveInt(query.get("year"));
  const q = query.get("q") ?? undefined;
  const paging = pageParams(query);
  const go = (next: Record<string, string | number | undefined>) => navigate(withQuery("/training/plans", { org, year, q, ...next }));
  const list = useAsync((signal) => trainingApi.plans({ org, year, q, ...paging }, signal), [org, year, q, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<PlanData>["columns"]> = [
    { key: "year", title: i18n.t("cadres.year"), dataIndex: "year" },
    { key: "title", title: i18n.t("training.planTitle"), render: (_: unknown, plan: PlanData) => <a href={`#${withQuery("/training/sessions", { plan: plan.id })}`}>{plan.title}</a> },
    { key: "node", title: i18n.t("training.node"), dataIndex: "nodeName", responsive: ["md"] },
    { key: "sessions", title: i18n.t("training.nav.sessions"), align: "right", render: (_: unknown, plan: PlanData) => i18n.number(plan.sessions) },
  ];
  return (
    <ListPage<PlanData>
      pageTestId="training-plans-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("training.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("cadres.year")}>
            <InputNumber min={2000} max={2100} precision={0} value={year ?? null} onChange={(value) => go({ year: value ?? undefined })} data-testid="plans-year" />
          </Form.Item>
          <Form.Item>
            <Input.Search allowClear defaultValue={q} placeholder={i18n.t("training.searchPlans")} onSearch={(text) => go({ q: text.trim() || undefined })} style={{ width: 220 }} data-testid="plans-search" />
          </Form.Item>
        </ListFilters>
      }
      actions={
        can("training.manage") ? (
          <RecordFormButton title="training.new.plan" button="training.new.plan" testId="plan" fields={planFields} initial={{ nodeId: org, year: year ?? new Date().getFullYear() }} send={(body) => trainingApi.createPlan(body as never)} onSaved={list.reload} />
        ) : undefined
      }
      list={list}
      columns={columns}
      testId="training-plans"
      empty={i18n.t(q || year || org ? "training.plansNone" : "training.plansEmpty")}
      paging={{ ...paging, onChange: (page, pageSize) => go(pagingQuery({ page, pageSize })) }}
    />
  );
}
