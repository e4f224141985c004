import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { problemsApi, type ProblemData } from "../../api/problems";
import { useI18n } from "../../i18n";
import { statusLabel } from "./labels";

export interface ProblemPickerProps {
  /** Searched within this node's subtree when given. */
  org?: number | null;
  multiple?: boolean;
  value?: number | number[] | null;
  onChange?: (value: number | number[] | null) => void;
  placeholder?: string;
  id?: string;
  "data-testid"?: string;
}

/** Picks problems by code or words of their title, asking the server as one types. */
export function ProblemPicker({ org, multiple = false, value, onChange, placeholder, id, ...rest }: ProblemPickerProps) {
  const i18n = useI18n();
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<ProblemData[]>([]);
  const [known, setKnown] = useState<Map<number, ProblemData>>(new Map());
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = window.setTimeout(() => {
      const code = /^\s*WT0*(\d+)\s*$/i.exec(search);
      const load = code ? problemsApi.get(Number(code[1])).then((p) => [p as ProblemData]) : problemsApi.list({ org: org ?? undefined, q: search.trim() || undefined, pageSize: 20 }).then((r) => r.items);
      load
        .then((items) => {
          if (mine !== seq.current) return;
          setFound(items);
          setKnown((m) => {
            const next = new Map(m);
            for (const p of items) next.set(p.id, p);
            return next;
          });
        })
        .catch(() => mine === seq.current && setFound([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search, org]);

  const label = (p: ProblemData) => `${p.code} · ${p.title} · ${p.nodeName} · ${statusLabel(i18n, p.status)}`;
  const selected = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => !found.some((p) => p.id === v));
  const optionList = [
    ...selected.map((v) => ({ value: v, label: known.get(v) ? label(known.get(v)!) : `WT${String(v).padStart(6, "0")}` })),
    ...found.map((p) => ({ value: p.id, label: label(p) })),
  ];

  return (
    <Select<number | number[]>
      id={id}
      data-testid={rest["data-testid"]}
      mode={multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      allowClear
      value={value ?? (multiple ? [] : undefined)}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={placeholder ?? i18n.t("problems.picker.placeholder")}
      notFoundContent={loading ? <Spin size="small" /> : i18n.t("problems.empty")}
      options={optionList}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: "calc(100vw - 16px)" } } }}
    />
  );
}
