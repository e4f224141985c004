import { Typography } from "antd";
import { useI18n } from "../i18n";

/** "共 527 条": the total of a list, readable by tests through data-total. */
export function ListTotal({ total, loading = false, unit = "items" }: { total: number | undefined; loading?: boolean; unit?: "items" | "count" }) {
  const i18n = useI18n();
  if (total === undefined) return null;
  return (
    <Typography.Text type="secondary" data-testid="list-total" data-total={loading ? undefined : total} style={{ whiteSpace: "nowrap" }}>
      {i18n.t(unit === "count" ? "common.countOf" : "common.total", { total: i18n.number(total) })}
    </Typography.Text>
  );
}
