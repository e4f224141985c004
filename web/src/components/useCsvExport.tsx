import { App } from "antd";
import { useCallback, useState } from "react";
import { useI18n } from "../i18n";
import { downloadText, EXPORT_CAP, exportFileName, toCsv, type Collected, type CsvCell } from "../lib/csv";
import { errorText } from "./errors";

export interface CsvExportJob<T> {
  /** The start of the file name ("人员" → 人员_20260301-1015.csv). */
  fileBase: string;
  header: readonly string[];
  row: (item: T) => readonly CsvCell[];
  /** Fetches the rows (up to EXPORT_CAP), calling onProgress(loaded, total?) as pages come in. */
  collect: (onProgress: (loaded: number, total?: number) => void) => Promise<Collected<T>>;
}

const MESSAGE_KEY = "csv-export";

/**
 * Exports a list as CSV in the browser: fetches every page of the current filters (up to 5,000
 * rows) with a progress message, then downloads the file. Returns whether one is running.
 */
export function useCsvExport(): { exporting: boolean; run: <T>(job: CsvExportJob<T>) => Promise<void> } {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const run = useCallback(
    async <T,>(job: CsvExportJob<T>) => {
      setExporting(true);
      const progress = (loaded: number, total?: number) =>
        message.open({
          key: MESSAGE_KEY,
          type: "loading",
          duration: 0,
          content: (
            <span data-testid="export-progress">
              {i18n.t("export.progress", { loaded: i18n.number(loaded), total: total === undefined ? "…" : i18n.number(total) })}
            </span>
          ),
        });
      progress(0);
      try {
        const collected = await job.collect(progress);
        if (collected.items.length === 0) {
          message.open({ key: MESSAGE_KEY, type: "info", content: i18n.t("export.empty"), duration: 3 });
          return;
        }
        downloadText(exportFileName(job.fileBase), toCsv(job.header, collected.items.map(job.row)));
        const done = <span data-testid="export-done">{i18n.t("export.done", { count: i18n.number(collected.items.length) })}</span>;
        if (collected.capped) {
          message.open({
            key: MESSAGE_KEY,
            type: "warning",
            duration: 6,
            content: (
              <span>
                {done} {i18n.t("export.capped", { cap: i18n.number(EXPORT_CAP), total: i18n.number(collected.total) })}
              </span>
            ),
          });
        } else {
          message.open({ key: MESSAGE_KEY, type: "success", content: done, duration: 3 });
        }
      } catch (error) {
        message.open({ key: MESSAGE_KEY, type: "error", content: `${i18n.t("export.failed")}: ${errorText(i18n, error)}`, duration: 5 });
      } finally {
        setExporting(false);
      }
    },
    [i18n, message],
  );
  return { exporting, run };
}
