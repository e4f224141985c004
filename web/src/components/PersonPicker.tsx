import { Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { peopleApi } from "../api/people";
import { useI18n } from "../i18n";

/**
 * A person of the caller's reach, found by name as it is typed (the people list's own search), for a
 * form field that takes a person's id. Shows the name and the node; nothing personal.
 */
type Props =
  | { multiple?: false; value?: number; onChange?: (value: number | undefined) => void; id?: string }
  | { multiple: true; value?: number[]; onChange?: (value: number[]) => void; id?: string };

export function PersonPicker(props: Props) {
  const { id } = props;
  const i18n = useI18n();
  // Options found earlier stay, so people already chosen keep their names while another is searched for.
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const request = useRef<AbortController | null>(null);
  const search = (q: string) => {
    request.current?.abort();
    if (q.trim() === "") return;
    const controller = new AbortController();
    request.current = controller;
    setLoading(true);
    peopleApi
      .list({ q: q.trim(), pageSize: 20 }, controller.signal)
      .then((page) =>
        setOptions((known) => {
          const found = page.items.map((person) => ({ value: person.id, label: `${person.name}（${person.nodeName}）` }));
          const chosen = new Set(props.multiple ? (props.value ?? []) : props.value === undefined ? [] : [props.value]);
          return [...known.filter((option) => chosen.has(option.value) && !found.some((f) => f.value === option.value)), ...found];
        }),
      )
      .catch(() => undefined)
      .finally(() => {
        if (request.current === controller) setLoading(false);
      });
  };
  useEffect(() => () => request.current?.abort(), []);
  return (
    <Select<number | number[]>
      id={id}
      mode={props.multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={props.value}
      onChange={(next) => (props.multiple ? props.onChange?.((next as number[] | undefined) ?? []) : props.onChange?.(next as number | undefined))}
      options={options}
      loading={loading}
      placeholder={i18n.t("common.searchPerson")}
      notFoundContent={null}
      data-testid="person-picker"
    />
  );
}
