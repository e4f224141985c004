import { useI18n } from "../i18n";

/** "共 527 条": the total of a list, readable by tests through data-total; "共 10,000+ 条" when the server stopped counting (`capped`). */
export function ListTotal({ total, loading = false, unit = "items", capped = false }: { total: number | undefined; loading?: boolean; unit?: "items" | "count"; capped?: boolean }) {
  const i18n = useI18n();
  if (total === undefined) return null;
  return (
    <span className="zl-muted" data-testid="list-total" data-total={loading ? undefined : total} style={{ whiteSpace: "nowrap" }}>
      {i18n.t(unit === "count" ? "common.countOf" : "common.total", { total: `${i18n.number(total)}${capped ? "+" : ""}` })}
    </span>
  );
}
