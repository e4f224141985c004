import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Empty, Space, Table, Tag, Tooltip, type TableProps } from "antd";
import { useMemo, useState, type ReactNode } from "react";
import { peopleApi, type PersonData, type PersonParams, type RevealFieldName } from "../../api/people";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ListTotal } from "../../components/ListTotal";
import { MaskedText } from "../../components/MaskedText";
import { useI18n } from "../../i18n";

export interface PeopleTableProps {
  params: PersonParams;
  onPageChange?: (page: number, pageSize: number) => void;
  /** Hide the organisation column (on a node's own page). */
  hideNode?: boolean;
  size?: "small" | "middle";
  /** Shown above the table on the left (e.g. the filter tags); the total stands on the right. */
  header?: ReactNode;
  /** Change it to load the page again (after an add, edit or delete). */
  refreshKey?: number;
  /** Row actions, offered per row only where the person's abilities allow. */
  onEdit?: (person: PersonData) => void;
  onDelete?: (person: PersonData) => void;
}

/** A page of people from /persons: personal fields masked, with reveal where the server allows. */
export function PeopleTable({ params, onPageChange, hideNode = false, size = "small", header, refreshKey = 0, onEdit, onDelete }: PeopleTableProps) {
  const i18n = useI18n();
  // Without a page handler from the parent (e.g. on a node's page), the table pages by itself.
  const [ownPage, setOwnPage] = useState<{ page: number; pageSize: number } | null>(null);
  const effective: PersonParams = onPageChange || !ownPage ? params : { ...params, ...ownPage };
  const key = JSON.stringify(effective);
  const result = useAsync((signal) => peopleApi.list(effective, signal), [key, refreshKey]);
  const changePage = onPageChange ?? ((page: number, pageSize: number) => setOwnPage({ page, pageSize }));

  const columns = useMemo<NonNullable<TableProps<PersonData>["columns"]>>(() => {
    const masked = (field: RevealFieldName, label: string) => (_: unknown, person: PersonData) => (
      <MaskedText
        value={person[field]}
        label={label}
        canReveal={person.abilities.reveal === true}
        onReveal={async () => (await peopleApi.reveal(person.id, field)).value}
      />
    );
    const all: NonNullable<TableProps<PersonData>["columns"]> = [
      {
        key: "name",
        dataIndex: "name",
        title: i18n.t("people.name"),
        fixed: "left",
        width: 96,
        sorter: (a, b) => i18n.compare(a.name, b.name),
      },
      { key: "gender", dataIndex: "gender", title: i18n.t("people.gender"), width: 72, render: (_: unknown, p: PersonData) => i18n.t(`people.gender.${p.gender}`) },
      ...(hideNode
        ? []
        : [{ key: "node", dataIndex: "nodeName", title: i18n.t("people.node"), width: 140, sorter: (a: PersonData, b: PersonData) => i18n.compare(a.nodeName, b.nodeName) }]),
      { key: "phone", dataIndex: "phone", title: i18n.t("people.phone"), width: 150, render: masked("phone", i18n.t("people.phone")) },
      { key: "idNumber", dataIndex: "idNumber", title: i18n.t("people.idNumber"), width: 210, render: masked("idNumber", i18n.t("people.idNumber")) },
      { key: "address", dataIndex: "address", title: i18n.t("people.address"), width: 280, render: masked("address", i18n.t("people.address")) },
      {
        key: "party",
        dataIndex: "isPartyMember",
        title: i18n.t("people.filter.partyMember"),
        width: 100,
        render: (_: unknown, p: PersonData) => (p.isPartyMember ? <Tag color="red">{i18n.t("people.partyMember")}</Tag> : <Tag>{i18n.t("people.nonPartyMember")}</Tag>),
      },
      {
        key: "posts",
        dataIndex: "posts",
        title: i18n.t("people.posts"),
        render: (_: unknown, person: PersonData) => person.posts.map((p) => <Tag key={`${p.post}:${p.nodeId}`}>{p.title}</Tag>),
      },
    ];
    if (onEdit || onDelete) {
      all.push({
        key: "actions",
        title: i18n.t("common.actions"),
        width: 96,
        fixed: "right",
        render: (_: unknown, person: PersonData) => (
          <Space size={0}>
            {onEdit && person.abilities.update === true ? (
              <Tooltip title={i18n.t("common.edit")}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={`${i18n.t("common.edit")} ${person.name}`} onClick={() => onEdit(person)} data-testid="person-edit" />
              </Tooltip>
            ) : null}
            {onDelete && person.abilities.delete === true ? (
              <Tooltip title={i18n.t("common.delete")}>
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${i18n.t("common.delete")} ${person.name}`}
                  onClick={() => onDelete(person)}
                  data-testid="person-delete-button"
                />
              </Tooltip>
            ) : null}
          </Space>
        ),
      });
    }
    return all;
  }, [i18n, hideNode, onEdit, onDelete]);

  return (
    <div>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
        <div style={{ minWidth: 0 }}>{header}</div>
        <ListTotal total={result.data?.total} loading={result.loading} />
      </div>
      <ErrorAlert error={result.error} onRetry={result.reload} />
      <Table<PersonData>
        rowKey="id"
        size={size}
        columns={columns}
        dataSource={result.data?.items ?? []}
        loading={result.loading}
        scroll={{ x: onEdit || onDelete ? 1056 : 960 }}
        locale={{ emptyText: result.error ? " " : <Empty description={i18n.t("people.empty")} /> }}
        pagination={{
          current: result.data?.page ?? effective.page ?? 1,
          pageSize: result.data?.pageSize ?? effective.pageSize ?? 20,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => i18n.t("common.total", { total: i18n.number(total) }),
          onChange: changePage,
          size: "small",
        }}
        data-testid="people-table"
      />
    </div>
  );
}
