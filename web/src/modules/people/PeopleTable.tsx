import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Space, Tag, Tooltip, type TableProps } from "antd";
import { useMemo, useState } from "react";
import { peopleApi, type PersonData, type RevealFieldName } from "../../api/people";
import { useAsync } from "../../app/useAsync";
import { ListTable } from "../../components/ListPage";
import { MaskedText } from "../../components/MaskedText";
import { useI18n } from "../../i18n";

export interface PeopleColumnsOptions {
  /** Hide the organisation column (on a node's own page). */
  hideNode?: boolean;
  /** Row actions, offered per row only where the person's abilities allow. */
  onEdit?: (person: PersonData) => void;
  onDelete?: (person: PersonData) => void;
}

/** People's columns: personal fields masked, with reveal where the server allows. */
export function usePeopleColumns({ hideNode = false, onEdit, onDelete }: PeopleColumnsOptions): NonNullable<TableProps<PersonData>["columns"]> {
  const i18n = useI18n();
  return useMemo<NonNullable<TableProps<PersonData>["columns"]>>(() => {
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
}

export function peopleScrollX({ onEdit, onDelete }: PeopleColumnsOptions): number {
  return onEdit || onDelete ? 1056 : 960;
}

export interface PeopleTableProps extends PeopleColumnsOptions {
  /** The people of this node's subtree. */
  org: number;
  pageSize: number;
  /** Change it to load the page again (after an add, edit or delete). */
  refreshKey?: number;
}

/** A node's people, paged within its page (the people list has the filters). */
export function PeopleTable({ org, pageSize: firstSize, refreshKey = 0, ...options }: PeopleTableProps) {
  const i18n = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: firstSize });
  const list = useAsync((signal) => peopleApi.list({ org, ...paging }, signal), [org, paging.page, paging.pageSize, refreshKey]);
  const columns = usePeopleColumns(options);
  return (
    <ListTable<PersonData>
      list={list}
      columns={columns}
      scrollX={peopleScrollX(options)}
      testId="people-table"
      empty={i18n.t("people.empty")}
      paging={{ ...paging, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
    />
  );
}
