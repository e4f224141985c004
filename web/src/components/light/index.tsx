import { useEffect, useId, useRef, useState, useSyncExternalStore, type ButtonHTMLAttributes, type CSSProperties, type ReactNode } from "react";
import "./light.css";

/*
 * The light kit: button, card, field, tag, alert, result and toast in a few hundred bytes each, styled
 * by light.css. The pages a grid worker opens on a phone use these instead of antd, whose core alone
 * would be a quarter of the phone's budget (bench/web-js.ts); desktop shows the same pages.
 */

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & {
  kind?: "primary" | "default" | "text" | "link";
  danger?: boolean;
  size?: "small" | "middle" | "large";
  block?: boolean;
  shape?: "circle";
  loading?: boolean;
  icon?: ReactNode;
  /** Submits its form. */
  submit?: boolean;
  "data-testid"?: string;
};

export function Button({ kind = "default", danger, size, block, shape, loading, icon, submit, className, children, disabled, ...rest }: ButtonProps) {
  const classes = ["zl-btn", kind !== "default" && `zl-btn-${kind}`, danger && "zl-btn-danger", size && size !== "middle" && `zl-btn-${size}`, block && "zl-btn-block", shape && `zl-btn-${shape}`, className];
  return (
    <button type={submit ? "submit" : "button"} className={classes.filter(Boolean).join(" ")} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
      {loading ? <Spinner /> : icon}
      {children}
    </button>
  );
}

export function Spinner() {
  return <span className="zl-spin" aria-hidden="true" />;
}

export function Card({ title, extra, children, style, className, ...rest }: { title?: ReactNode; extra?: ReactNode; children?: ReactNode; style?: CSSProperties; className?: string; "data-testid"?: string; [data: `data-${string}`]: unknown }) {
  return (
    <section className={className ? `zl-card ${className}` : "zl-card"} style={style} {...rest}>
      {title || extra ? (
        <div className="zl-card-head">
          <div>{title}</div>
          {extra}
        </div>
      ) : null}
      <div className="zl-card-body">{children}</div>
    </section>
  );
}

/**
 * A form field: its label, the control (given the id to label), and the message under it when invalid.
 * The control is a function of its id, so label and control are tied for screen readers and clicks.
 */
export function Field({ label, error, extra, children, testId }: { label: ReactNode; error?: string | null; extra?: ReactNode; children: (id: string) => ReactNode; testId?: string }) {
  const id = useId();
  return (
    <div className={error ? "zl-field zl-field-invalid" : "zl-field"} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? (
        <div className="zl-field-error" role="alert">
          {error}
        </div>
      ) : null}
      {extra ? <div className="zl-field-extra">{extra}</div> : null}
    </div>
  );
}

export type TagColor = "default" | "blue" | "green" | "gold" | "red" | "orange" | "magenta";
export function Tag({ color = "default", children, ...rest }: { color?: TagColor; children: ReactNode; [data: `data-${string}`]: unknown }) {
  return (
    <span className={color === "default" ? "zl-tag" : `zl-tag zl-tag-${color}`} {...rest}>
      {children}
    </span>
  );
}

const marks = { success: "✓", info: "i", warning: "!", error: "✕", "403": "⊘", "404": "?" } as const;

export function Alert({ type, title, description, action, style, ...rest }: { type: "error" | "warning" | "info" | "success"; title: ReactNode; description?: ReactNode; action?: ReactNode; style?: CSSProperties; role?: string; "data-testid"?: string }) {
  return (
    <div className={`zl-alert zl-alert-${type}`} style={style} role={type === "error" ? "alert" : undefined} {...rest}>
      <span aria-hidden="true">{marks[type]}</span>
      <div className="zl-alert-body">
        <div className="zl-alert-title">{title}</div>
        {description ? <div>{description}</div> : null}
      </div>
      {action}
    </div>
  );
}

export function Result({ status, title, subTitle, extra, children, ...rest }: { status: keyof typeof marks; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; children?: ReactNode; "data-testid"?: string }) {
  return (
    <div className={`zl-result zl-result-${status}`} {...rest}>
      <div className="zl-result-icon" aria-hidden="true">
        {marks[status]}
      </div>
      <div className="zl-result-title">{title}</div>
      {subTitle ? <div className="zl-result-sub">{subTitle}</div> : null}
      {extra ? <div className="zl-result-extra">{extra}</div> : null}
      {children}
    </div>
  );
}

/* A small toast (“已提交”): one list for the whole app, shown by <Toasts /> in either frame. */
type Toast = { id: number; type: "success" | "info" | "warning" | "error"; text: string };
let toasts: readonly Toast[] = [];
let nextToast = 1;
const listeners = new Set<() => void>();
const publish = (next: readonly Toast[]) => {
  toasts = next;
  for (const listener of listeners) listener();
};
function show(type: Toast["type"], text: string) {
  const id = nextToast++;
  publish([...toasts, { id, type, text }]);
  setTimeout(() => publish(toasts.filter((toast) => toast.id !== id)), 3000);
}
export const toast = {
  success: (text: string) => show("success", text),
  info: (text: string) => show("info", text),
  warning: (text: string) => show("warning", text),
  error: (text: string) => show("error", text),
};

export function Toasts() {
  const shown = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
  return (
    <div className="zl-toasts" role="status" aria-live="polite">
      {shown.map((item) => (
        <div key={item.id} className={`zl-toast zl-toast-${item.type}`}>
          {item.text}
        </div>
      ))}
    </div>
  );
}

/** A panel under a button, closed by a second press, a press elsewhere or Escape. */
export function Popover({ button, children }: { button: (open: boolean, toggle: () => void) => ReactNode; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", away);
    document.addEventListener("keydown", away);
    return () => {
      document.removeEventListener("pointerdown", away);
      document.removeEventListener("keydown", away);
    };
  }, [open]);
  return (
    <div ref={box} style={{ position: "relative", display: "inline-block" }}>
      {button(open, () => setOpen(!open))}
      {open ? <div className="zl-popover">{children(() => setOpen(false))}</div> : null}
    </div>
  );
}

export interface Option<V extends string | number> {
  value: V;
  label: string;
}

/**
 * A native select (the phone's own picker): options, or options in groups; the empty choice, labelled
 * by the placeholder, stands for none. Numbers stay numbers.
 */
export function Select<V extends string | number>({ id, value, onChange, options, groups, placeholder, invalid, testId, allowEmpty = true }: {
  id?: string;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  options?: readonly Option<V>[];
  groups?: readonly (readonly [string, readonly Option<V>[]])[];
  placeholder?: string;
  invalid?: boolean;
  testId?: string;
  allowEmpty?: boolean;
}) {
  const all = [...(options ?? []), ...(groups ?? []).flatMap(([, list]) => list)];
  const draw = (list: readonly Option<V>[]) =>
    list.map((option) => (
      <option key={option.value} value={String(option.value)}>
        {option.label}
      </option>
    ));
  return (
    <select
      id={id}
      className="zl-input"
      value={value === undefined ? "" : String(value)}
      onChange={(event) => onChange(all.find((option) => String(option.value) === event.target.value)?.value)}
      aria-invalid={invalid || undefined}
      data-testid={testId}
    >
      {allowEmpty || value === undefined ? <option value="">{placeholder ?? ""}</option> : null}
      {options ? draw(options) : null}
      {(groups ?? []).map(([label, list]) => (
        <optgroup key={label} label={label}>
          {draw(list)}
        </optgroup>
      ))}
    </select>
  );
}
