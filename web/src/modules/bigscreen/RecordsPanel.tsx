import { Drawer, List, Typography } from "antd";
import { figuresApi, type FiguresData } from "../../api/figures";
import { hrefTo } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { useI18n } from "../../i18n";
import { figureLabel } from "../../i18n/figureLabels";

type FigureItemData = FiguresData["items"][number];

/** The records behind a figure, in a side panel: the same list its drill-down opens, first 20 of them. */
export function RecordsPanel({ item, onClose }: { item: FigureItemData | null; onClose: () => void }) {
  const i18n = useI18n();
  const records = useAsync((signal) => (item?.drill?.api ? figuresApi.drill(item.drill.api, 20, signal) : Promise.resolve(null)), [item?.drill?.api]);
  const name = (record: Record<string, unknown>) =>
    [record.code, record.title ?? record.typeName ?? record.name, record.nodeName].filter((part) => typeof part === "string" && part).join(" · ");
  return (
    <Drawer open={item !== null} onClose={onClose} size={560} title={item ? i18n.t("bigscreen.records", { label: figureLabel(i18n, item.key) }) : ""} data-testid="records-panel">
      <List
        loading={records.loading}
        dataSource={records.data?.items ?? []}
        renderItem={(record) => (
          <List.Item data-testid="record">
            <Typography.Text>{name(record) || String(record.id)}</Typography.Text>
          </List.Item>
        )}
      />
      {records.data && item?.drill ? (
        <a href={hrefTo(item.drill.page)} target="_blank" rel="noreferrer">
          {i18n.t("bigscreen.more", { total: records.data.totalCapped ? `${i18n.number(records.data.total)}+` : i18n.number(records.data.total) })}
        </a>
      ) : null}
    </Drawer>
  );
}

