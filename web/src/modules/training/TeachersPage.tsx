import { Form, Input, Select, Space, type TableProps } from "antd";
import { teacherLevels } from "../../../../shared/schemas/training";
import { trainingApi, type TeacherData } from "../../api/training";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ListFilters, ListPage } from "../../components/ListPage";
import { OrgTreePicker } from "../../components/OrgTreePicker";
import { RecordFormButton } from "../../components/RecordForm";
import { useI18n } from "../../i18n";
import { pageParams, pagingQuery, positiveInt } from "../../lib/query";
import { useAuth } from "../auth/AuthContext";
import { TopicTag } from "./labels";
import { teacherFields } from "./recordForms";

/** 四级师资: the teachers' roster by level (province, city, county, township), unit and topics, searchable by name or unit. */
export default function TeachersPage() {
  const i18n = useI18n();
  const { can } = useAuth();
  const { query } = useLocation();
  const org = positiveInt(query.get("org"));
  const level = teacherLevels.find((value) => value === query.get("level"));
  const q = query.get("q") ?? undefined;
  const paging = pageParams(query);
  const go = (next: Record<string, string | number | undefined>) => navigate(withQuery("/training/teachers", { org, level, q, ...next }));
  const list = useAsync((signal) => trainingApi.teachers({ org, level, q, ...paging }, signal), [org, level, q, paging.page, paging.pageSize]);
  const columns: NonNullable<TableProps<TeacherData>["columns"]> = [
    { key: "name", title: i18n.t("training.person"), dataIndex: "name" },
    { key: "level", title: i18n.t("training.field.teacherLevel"), render: (_: unknown, teacher: TeacherData) => i18n.t(`training.teacherLevel.${teacher.level}`) },
    { key: "unit", title: i18n.t("training.field.unit"), dataIndex: "unit", responsive: ["md"] },
    {
      key: "topics",
      title: i18n.t("training.topic"),
      responsive: ["md"],
      render: (_: unknown, teacher: TeacherData) => (
        <Space size={4} wrap>
          {teacher.topics.map((topic) => (
            <TopicTag key={topic} topic={topic} />
          ))}
        </Space>
      ),
    },
  ];
  return (
    <ListPage<TeacherData>
      pageTestId="training-teachers-page"
      filters={
        <ListFilters>
          <Form.Item label={i18n.t("training.node")} style={{ minWidth: 220 }}>
            <OrgTreePicker value={org ?? null} onChange={(id) => go({ org: id ?? undefined })} />
          </Form.Item>
          <Form.Item label={i18n.t("training.field.teacherLevel")}>
            <Select allowClear style={{ minWidth: 120 }} value={level} onChange={(value?: string) => go({ level: value })} options={teacherLevels.map((value) => ({ value, label: i18n.t(`training.teacherLevel.${value}`) }))} data-testid="teachers-level" />
          </Form.Item>
          <Form.Item>
            <Input.Search allowClear defaultValue={q} placeholder={i18n.t("training.searchTeachers")} onSearch={(text) => go({ q: text.trim() || undefined })} style={{ width: 220 }} data-testid="teachers-search" />
          </Form.Item>
        </ListFilters>
      }
      actions={
        can("training.manage") ? (
          <RecordFormButton title="training.new.teacher" button="training.new.teacher" testId="teacher" fields={teacherFields(i18n)} initial={{ nodeId: org }} send={(body) => trainingApi.createTeacher(body as never)} onSaved={list.reload} />
        ) : undefined
      }
      list={list}
      columns={columns}
      testId="training-teachers"
      empty={i18n.t(q || level || org ? "training.teachersNone" : "training.teachersEmpty")}
      paging={{ ...paging, onChange: (page, pageSize) => go(pagingQuery({ page, pageSize })) }}
    />
  );
}
