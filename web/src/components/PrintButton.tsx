import { PrinterOutlined } from "@ant-design/icons";
import { useI18n } from "../i18n";
import "./light/light.css";

/** Opens one record's A4 督办单 (its own page, served by the API) in a new tab, to print from there. */
export function PrintButton({ entity, id }: { entity: "problems" | "events"; id: number }) {
  const i18n = useI18n();
  return (
    <a className="zl-btn" href={`/api/print/${entity}/${id}`} target="_blank" rel="noopener" data-testid="print-sheet">
      <PrinterOutlined />
      {i18n.t("print.sheet")}
    </a>
  );
}
