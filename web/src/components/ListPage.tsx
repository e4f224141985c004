import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Form, Grid, List, Space, Table, type FormInstance, type PaginationProps, type TableProps } from "antd";
import { useState, type ReactNode } from "react";
import { useI18n } from "../i18n";
import { ErrorAlert } from "./ErrorAlert";
import { FilterTags, type FilterTag } from "./FilterTags";
import { ListTotal } from "./ListTotal";
import "./list.css";

/** A page of records as the API returns it. */
export interface Paged<T> {
  items: readonly T[];
  total: number;
  /** The server counted up to 10,000 and stopped: the total reads "10,000+". */
  totalCapped?: boolean;
  page?: number;
  pageSize?: number;
}

/** A loading page of records (useAsync of a list call). */
export interface ListSource<T> {
  data: Paged<T> | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export interface Paging {
  page: number;
  pageSize: number;
  /** A new page size starts again at page 1. */
  onChange: (page: number, pageSize: number) => void;
}

export interface ListTableProps<T> {
  list: ListSource<T>;
  columns: NonNullable<TableProps<T>["columns"]>;
  rowKey?: TableProps<T>["rowKey"];
  testId: string;
  /** What the table says when no record meets the filters. */
  empty: ReactNode;
  paging: Paging;
  /** The filters in force, each removable, on the line of the total. */
  tags?: readonly FilterTag[];
  onClearTags?: () => void;
  /** Another error worth showing while the list itself is fine (the filter's node could not load). */
  otherError?: unknown;
  scrollX?: number | "max-content";
  pageSizeOptions?: number[];
  size?: "small" | "middle";
  expandable?: TableProps<T>["expandable"];
  /** On a phone, each record as a card instead of a table row, so nothing needs scrolling sideways. */
  card?: (row: T) => ReactNode;
}

function useIsMobile(): boolean {
  return !Grid.useBreakpoint().md;
}

/** The records of a list: the filters in force and the total, an error with a retry, the table, its pages. */
export function ListTable<T extends object>({
  list,
  columns,
  rowKey = "id",
  testId,
  empty,
  paging,
  tags = [],
  onClearTags,
  otherError,
  scrollX,
  pageSizeOptions = [20, 50, 100, 200],
  size = "small",
  expandable,
  card,
}: ListTableProps<T>) {
  const i18n = useI18n();
  const isMobile = useIsMobile();
  const pageSize = list.data?.pageSize ?? paging.pageSize;
  const pagination: PaginationProps = {
    current: list.data?.page ?? paging.page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !isMobile,
    pageSizeOptions,
    showTotal: isMobile ? undefined : (total) => i18n.t("common.total", { total: i18n.number(total) }),
    onChange: (page, size) => paging.onChange(size !== pageSize ? 1 : page, size),
    size: "small",
    simple: isMobile,
  };
  return (
    <div>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <FilterTags tags={tags} onClear={onClearTags} />
        </div>
        <ListTotal total={list.data?.total} loading={list.loading} capped={list.data?.totalCapped === true} />
      </div>
      <ErrorAlert error={list.error ?? otherError} onRetry={list.reload} />
      {isMobile && card ? (
        <List<T>
          dataSource={[...(list.data?.items ?? [])]}
          loading={list.loading}
          rowKey={typeof rowKey === "function" ? rowKey : (row) => String(row[rowKey as keyof T])}
          renderItem={(row) => <List.Item style={{ padding: "4px 0", border: 0 }}>{card(row)}</List.Item>}
          locale={{ emptyText: list.error ? " " : <Empty description={empty} /> }}
          pagination={{ ...pagination, align: "center" }}
          data-testid={testId}
        />
      ) : (
        <Table<T>
          rowKey={rowKey}
          size={size}
          columns={columns}
          dataSource={[...(list.data?.items ?? [])]}
          loading={list.loading}
          scroll={scrollX === undefined ? undefined : { x: scrollX }}
          expandable={expandable}
          locale={{ emptyText: list.error ? " " : <Empty description={empty} /> }}
          pagination={pagination}
          data-testid={testId}
        />
      )}
    </div>
  );
}

export interface ListExport {
  run: () => void;
  exporting: boolean;
  testId: string;
  /** The button's words, when not "导出". */
  label?: ReactNode;
}

export interface ListPageProps<T> extends ListTableProps<T> {
  /** The page's own test id. */
  pageTestId?: string;
  /** A note above everything, on what the list is for. */
  intro?: ReactNode;
  /** The filters (ListFilters), in a card of their own above the list. */
  filters?: ReactNode;
  /** Buttons above the records: add, import, saved views … */
  actions?: ReactNode;
  export?: ListExport;
  /** The dialogs and drawers the page opens. */
  children?: ReactNode;
}

/** A list page as every module lays it out: filters, then the records with their buttons, total, pages and export. */
export function ListPage<T extends object>({ pageTestId, intro, filters, actions, export: exporter, children, ...table }: ListPageProps<T>) {
  const i18n = useI18n();
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid={pageTestId}>
      {intro}
      {filters ? <Card size="small">{filters}</Card> : null}
      <Card size="small">
        {actions || exporter ? (
          <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 8, marginBottom: 8 }}>
            {actions}
            {exporter ? (
              <Button icon={<DownloadOutlined />} loading={exporter.exporting} onClick={exporter.run} data-testid={exporter.testId}>
                {exporter.label ?? i18n.t("export.button")}
              </Button>
            ) : null}
          </div>
        ) : null}
        <ListTable<T> {...table} />
      </Card>
      {children}
    </Space>
  );
}

/** Whether a phone shows the secondary filters: once asked for, or while one of them is in use. */
export interface MoreFilters {
  shown: boolean;
  show: () => void;
}

export function useMoreFilters(inUse: boolean): MoreFilters {
  const isMobile = useIsMobile();
  const [asked, setAsked] = useState(false);
  return { shown: !isMobile || asked || inUse, show: () => setAsked(true) };
}

export interface ListFiltersProps<V> {
  form?: FormInstance<V>;
  name?: string;
  /** Applies the form's filters (a search button); without it each control applies as it changes. */
  onSearch?: (values: V) => void;
  onReset?: () => void;
  searchTestId?: string;
  /** The "more filters" link on a phone (useMoreFilters); the page hides its secondary items until then. */
  more?: MoreFilters;
  children: ReactNode;
}

/** A list's filters: a row of labelled controls (two to a row on a phone) and search, reset, more. */
export function ListFilters<V>({ form, name, onSearch, onReset, searchTestId, more, children }: ListFiltersProps<V>) {
  const i18n = useI18n();
  const isMobile = useIsMobile();
  const showMore = more !== undefined && !more.shown;
  return (
    <Form<V> form={form} name={name} layout={isMobile ? "vertical" : "inline"} onFinish={onSearch} className="zl-list-filters">
      {children}
      {onSearch || onReset || showMore ? (
        <Form.Item className="zl-list-filters-buttons">
          <Space wrap>
            {onSearch ? (
              <Button type="primary" htmlType="submit" data-testid={searchTestId}>
                {i18n.t("common.search")}
              </Button>
            ) : null}
            {onReset ? <Button onClick={onReset}>{i18n.t("common.reset")}</Button> : null}
            {showMore ? (
              <Button type="link" onClick={more.show}>
                {i18n.t("common.moreFilters")}
              </Button>
            ) : null}
          </Space>
        </Form.Item>
      ) : null}
    </Form>
  );
}
