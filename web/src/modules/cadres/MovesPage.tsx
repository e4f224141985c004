import { Tag, type TableProps } from "antd";
import { cadresApi, type MoveData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListPage } from "../../components/ListPage";
import { RecordFormButton } from "../../components/RecordForm";
import { useAuth } from "../auth/AuthContext";
import { moveFields } from "../training/recordForms";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";

/** 轮岗与清理借调: rotations and seconded staff returned to their posts, as dated records. */
export default function MovesPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const kind = query.get("kind") ?? undefined;
  const paging = pageParams(query);
  const list = useAsync((signal) => cadresApi.moves({ org, kind, ...paging }, signal), [org, kind, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<MoveData>["columns"]> = [
    { key: "name", title: i18n.t("cadres.name"), dataIndex: "personName" },
    { key: "kind", title: "", render: (_: unknown, m: MoveData) => <Tag>{i18n.t(`cadres.move.${m.kind}`)}</Tag> },
    { key: "from", title: i18n.t("cadres.from"), dataIndex: "fromPost" },
    { key: "to", title: i18n.t("cadres.to"), dataIndex: "toPost" },
    { key: "on", title: i18n.t("cadres.movedOn"), dataIndex: "movedOn" },
  ];
  return (
    <ListPage<MoveData>
      pageTestId="moves-page"
      actions={can("cadre.manage") ? <RecordFormButton title="cadres.new.move" button="cadres.new.move" testId="move" fields={moveFields(i18n)} initial={{ kind: "rotation" }} send={(body) => cadresApi.createMove(body as never)} onSaved={list.reload} /> : undefined}
      list={list}
      columns={columns}
      testId="moves"
      empty={i18n.t("common.noData")}
      paging={{ ...paging, onChange: (page, pageSize) => navigate(withQuery("/cadres/moves", { org, kind, ...pagingQuery({ page, pageSize }) })) }}
    />
  );
}
