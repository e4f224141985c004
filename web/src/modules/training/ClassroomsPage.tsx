import { Form, Input, Select, Tag, type TableProps } from "antd";
import { trainingApi, type ClassroomData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { RecordFormButton } from "../../components/RecordForm";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { classroomFields } from "./recordForms";

const kinds = ["main", "branch"] as const;

/** 两个课堂: the party school's main classroom and the townships' branch classrooms, searchable by name or address. */
export default function ClassroomsPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const kind = kinds.find((value) => value === query.get("kind"));
  const q = query.get("q") ?? undefined;
  const paging = pageParams(query);
  const go = (next: Record<string, string | number | undefined>) => navigate(withQuery("/training/classrooms", { org, kind, q, ...next }));
  const list = useAsync((signal) => trainingApi.classrooms({ org, kind, q, ...paging }, signal), [org, kind, q, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<ClassroomData>["columns"]> = [
    { key: "name", title: i18n.t("training.classroom"), dataIndex: "name" },
    { key: "kind", title: i18n.t("training.field.classroomKind"), render: (_: unknown, room: ClassroomData) => <Tag color={room.kind === "main" ? "red" : "blue"}>{i18n.t(`training.classroomKind.${room.kind}`)}</Tag> },
    { key: "node", title: i18n.t("training.node"), dataIndex: "nodeName" },
    { key: "address", title: i18n.t("training.place"), dataIndex: "address", responsive: ["md"], render: (address: string) => address || "—" },
  ];
  return (
    <ListPage<ClassroomData>
      pageTestId="training-classrooms-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("training.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("training.field.classroomKind")}>
            <Select allowClear style={{ minWidth: 140 }} value={kind} onChange={(value?: string) => go({ kind: value })} options={kinds.map((value) => ({ value, label: i18n.t(`training.classroomKind.${value}`) }))} data-testid="classrooms-kind" />
          </Form.Item>
          <Form.Item>
            <Input.Search allowClear defaultValue={q} placeholder={i18n.t("training.searchClassrooms")} onSearch={(text) => go({ q: text.trim() || undefined })} style={{ width: 220 }} data-testid="classrooms-search" />
          </Form.Item>
        </ListFilters>
      }
      actions={
        can("training.manage") ? (
          <RecordFormButton title="training.new.classroom" button="training.new.classroom" testId="classroom" fields={classroomFields(i18n)} initial={{ nodeId: org, kind: "branch" }} send={(body) => trainingApi.createClassroom(body as never)} onSaved={list.reload} />
        ) : undefined
      }
      list={list}
      columns={columns}
      testId="training-classrooms"
      empty={i18n.t(q || kind || org ? "training.classroomsNone" : "training.classroomsEmpty")}
      paging={{ ...paging, onChange: (page, pageSize) => go(pagingQuery({ page, pageSize })) }}
    />
  );
}
