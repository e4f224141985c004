import { Tag, type TableProps } from "antd";
import { cadresApi, type GraduateData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListPage } from "../../components/ListPage";
import { RecordFormButton } from "../../components/RecordForm";
import { useAuth } from "../auth/AuthContext";
import { graduateFields, graduateStatusFields } from "../training/recordForms";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";

/** 大学生招录计划: each place to fill in a village or community, and where recruitment stands. */
export default function GraduatesPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const status = query.get("status") ?? undefined;
  const paging = pageParams(query);
  const list = useAsync((signal) => cadresApi.graduates({ org, status, ...paging }, signal), [org, status, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<GraduateData>["columns"]> = [
    { key: "node", title: i18n.t("cadres.node"), dataIndex: "nodeName" },
    { key: "post", title: i18n.t("cadres.graduatePost"), dataIndex: "post" },
    { key: "year", title: i18n.t("cadres.year"), dataIndex: "year", responsive: ["md"] },
    { key: "status", title: i18n.t("training.status"), render: (_: unknown, g: GraduateData) => <Tag>{i18n.t(`cadres.graduate.${g.status}`)}</Tag> },
    { key: "candidate", title: i18n.t("cadres.candidate"), render: (_: unknown, g: GraduateData) => g.candidateName ?? "—" },
    ...(can("cadre.manage")
      ? [
          {
            key: "step",
            title: i18n.t("common.actions"),
            render: (_: unknown, g: GraduateData) => (
              <RecordFormButton
                small
                title="cadres.new.status"
                button="cadres.status.step"
                testId={`graduate-${g.id}`}
                fields={graduateStatusFields(i18n)}
                initial={{ status: g.status, candidateName: g.candidateName ?? undefined }}
                send={(body) => cadresApi.graduateStatus(g.id, { ...body, version: g.version } as never)}
                onSaved={list.reload}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <ListPage<GraduateData>
      pageTestId="graduates-page"
      actions={can("cadre.manage") ? <RecordFormButton title="cadres.new.graduate" button="cadres.new.graduate" testId="graduate" fields={graduateFields} initial={{ year: new Date().getFullYear() }} send={(body) => cadresApi.createGraduate(body as never)} onSaved={list.reload} /> : undefined}
      list={list}
      columns={columns}
      testId="graduates"
      empty={i18n.t("common.noData")}
      paging={{ ...paging, onChange: (page, pageSize) => navigate(withQuery("/cadres/graduates", { org, status, ...pagingQuery({ page, pageSize }) })) }}
    />
  );
}
