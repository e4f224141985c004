import { Form, Input, InputNumber, Select, type TableProps } from "antd";
import { educations } from "../../../../shared/schemas/cadres";
import { cadresApi, type CadreData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { RecordFormButton } from "../../components/RecordForm";
import { useAuth } from "../auth/AuthContext";
import { cadreFields } from "../training/recordForms";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";

interface Filters {
  q?: string;
  education?: string;
  status?: string;
  ageMin?: number;
  ageMax?: number;
}

/** 后备干部库: the reserve with filters by name, education, age and status, each opening the cadre's profile. */
export default function ReservePage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const filters: Filters = {
    q: query.get("q") ?? undefined,
    education: query.get("education") ?? undefined,
    status: query.get("status") ?? undefined,
    ageMin: positiveInt(query.get("ageMin")),
    ageMax: positiveInt(query.get("ageMax")),
  };
  const paging = pageParams(query);
  const go = (next: Filters & { page?: number; pageSize?: number }) => navigate(withQuery("/cadres", { org, ...next }));
  const list = useAsync((signal) => cadresApi.list({ org, ...filters, ...paging }, signal), [org, query.toString()]);
  const columns: NonNullable<TableProps<CadreData>["columns"]> = [
    { key: "name", title: i18n.t("cadres.name"), render: (_: unknown, c: CadreData) => <a href={`#/cadres/${c.id}`}>{c.personName}</a> },
    { key: "age", title: i18n.t("cadres.age"), align: "right", render: (_: unknown, c: CadreData) => c.age },
    { key: "education", title: i18n.t("cadres.education"), dataIndex: "education" },
    { key: "node", title: i18n.t("cadres.node"), dataIndex: "nodeName", responsive: ["md"] },
    { key: "post", title: i18n.t("cadres.post"), dataIndex: "currentPost", responsive: ["md"] },
    { key: "strengths", title: i18n.t("cadres.strengths"), dataIndex: "strengths", responsive: ["lg"] },
  ];
  return (
    <ListPage<CadreData>
      pageTestId="cadres-page"
      actions={can("cadre.manage") ? <RecordFormButton title="cadres.new.cadre" button="cadres.new.cadre" testId="cadre" fields={cadreFields} send={(body) => cadresApi.enter(body as never)} onSaved={list.reload} /> : undefined}
      filters={
        <ListFilters<Filters> onSearch={(values) => go({ ...values, q: values.q?.trim() || undefined })} onReset={() => go({})}>
          <Form.Item name="q" label={i18n.t("cadres.name")} initialValue={filters.q}>
            <Input allowClear maxLength={50} />
          </Form.Item>
          <Form.Item name="education" label={i18n.t("cadres.education")} initialValue={filters.education}>
            <Select allowClear style={{ minWidth: 110 }} options={educations.map((value) => ({ value, label: value }))} />
          </Form.Item>
          <Form.Item name="ageMin" label={i18n.t("cadres.ageRange")} initialValue={filters.ageMin}>
            <InputNumber min={16} max={80} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="ageMax" label="–" initialValue={filters.ageMax}>
            <InputNumber min={16} max={80} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="status" label={i18n.t("training.status")} initialValue={filters.status}>
            <Select allowClear style={{ minWidth: 100 }} options={(["active", "exited"] as const).map((value) => ({ value, label: i18n.t(`cadres.status.${value}`) }))} />
          </Form.Item>
        </ListFilters>
      }
      list={list}
      columns={columns}
      testId="cadres"
      empty={i18n.t("cadres.empty")}
      paging={{ ...paging, onChange: (page, pageSize) => go({ ...filters, ...pagingQuery({ page, pageSize }) }) }}
    />
  );
}
