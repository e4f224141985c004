import { useState, type FormEvent } from "react";
import { conflictKindLabels } from "../../../../shared/schemas/pairing";
import { pairingApi, type VisitInput } from "../../api/pairing";
import { hrefTo, navigate, useLocation } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFieldSubmit } from "../../components/forms";
import { Alert, Button, Card, Field, Result, Select, toast } from "../../components/light";
import { Loading } from "../../components/PageState";
import { useI18n, type MessageKey } from "../../i18n";
import { positiveInt } from "../../lib/query";
import { PlacePicker } from "../field/PlacePicker";
import { sendThroughOutbox } from "../field/send";

type Raise = "problem" | "suggestion" | "conflict";
interface VisitForm {
  pairing?: number;
  met: string;
  findings: string;
  raise: Raise[];
  problem: string;
  suggestion: string;
  kind?: keyof typeof conflictKindLabels;
  summary: string;
  parties: string;
  riskLevel: number;
}

const fieldNames = ["pairing", "met", "findings", "problem", "suggestion", "kind", "summary", "parties", "riskLevel"] as const;
const raises: readonly Raise[] = ["problem", "suggestion", "conflict"];
const fieldLabels: Record<(typeof fieldNames)[number], MessageKey> = {
  pairing: "pairing.visit.household",
  met: "pairing.visit.met",
  findings: "pairing.visit.findings",
  problem: "pairing.visit.problem",
  suggestion: "pairing.visit.suggestion",
  kind: "pairing.conflict.kind",
  summary: "pairing.conflict.summary",
  parties: "pairing.conflict.parties",
  riskLevel: "pairing.conflict.risk",
};
const raiseLabels: Record<Raise, MessageKey> = { problem: "pairing.visit.raiseProblem", suggestion: "pairing.visit.raiseSuggestion", conflict: "pairing.visit.raiseConflict" };

/** 登记走访: on the phone, at the door. The device's location goes with it; what was found becomes records elsewhere. */
export default function VisitPage() {
  const i18n = useI18n();
  const location = useLocation();
  const mine = useAsync((signal) => pairingApi.mine(signal), []);
  const [form, setForm] = useState<Omit<VisitForm, "pairing"> & { pairing?: number | null }>({ pairing: null, met: "", findings: "", raise: [], problem: "", suggestion: "", summary: "", parties: "", riskLevel: 2 });
  // The fields' messages show once a send was tried, and follow the fields from then on.
  const [tried, setTried] = useState(false);
  const { saving, error, fieldErrors, submit } = useFieldSubmit(fieldNames, i18n);
  const [position, setPosition] = useState<{ lon: number; lat: number } | null>(null);
  const [done, setDone] = useState<{ clueId: number | null; suggestionId: number | null; conflictId: number | null } | null>(null);

  if (mine.error) return <ErrorAlert error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Loading />;
  const items = mine.data.items;
  const household = positiveInt(location.query.get("household"));
  const village = positiveInt(location.query.get("village"));
  const preset = items.find((item) => (household !== undefined ? item.householdId === household : item.target === "village" && item.nodeId === village));
  // Until chosen, the household the page was opened for.
  const values: VisitForm = { ...form, pairing: form.pairing === null ? preset?.pairingId : form.pairing };
  const set = <K extends keyof VisitForm>(name: K, value: VisitForm[K]) => setForm((previous) => ({ ...previous, [name]: value }));
  const raise = values.raise;
  const shown = (name: (typeof fieldNames)[number]) => name === "pairing" || name === "met" || name === "findings" || (name === "problem" ? raise.includes("problem") : name === "suggestion" ? raise.includes("suggestion") : raise.includes("conflict"));
  const missing = (name: (typeof fieldNames)[number]) => {
    const value = values[name];
    return value === undefined || (typeof value === "string" && value.trim() === "");
  };
  // The form's own message (a required field left empty) first, else the server's for that field.
  const errorOf = (name: (typeof fieldNames)[number]) => (tried && shown(name) && missing(name) ? i18n.t("common.required", { field: i18n.t(fieldLabels[name]) }) : (fieldErrors.get(name)?.join(" ") ?? null));

  const locate = () =>
    navigator.geolocation?.getCurrentPosition((pos) => setPosition({ lon: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) }));

  const send = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (fieldNames.some((name) => shown(name) && missing(name))) return;
    void submit(async () => {
      const target = items.find((item) => item.pairingId === values.pairing)!;
      const personId = mine.data!.personId;
      const body: VisitInput = {
        ...(target.householdId !== null ? { householdId: target.householdId } : { villageId: target.nodeId }),
        met: values.met,
        findings: values.findings,
        ...(position ?? {}),
        raise: {
          ...(raise.includes("problem") ? { problem: { description: values.problem } } : {}),
          ...(raise.includes("suggestion") ? { suggestion: { content: values.suggestion } } : {}),
          // The one who found it answers for it until the township names another.
          ...(raise.includes("conflict") && personId !== null
            ? { conflict: { kind: values.kind!, summary: values.summary, parties: values.parties, riskLevel: values.riskLevel, responsiblePersonId: personId } }
            : {}),
        },
      };
      // Kept on the device when the village has no network, sent once when it returns.
      const outcome = await sendThroughOutbox<Awaited<ReturnType<typeof pairingApi.visit>>>("/pairing/visits", body, i18n.t("field.visit.label"));
      if (outcome.status === "queued") {
        toast.info(i18n.t("field.report.queued"));
        return setDone({ clueId: null, suggestionId: null, conflictId: null });
      }
      toast.success(i18n.t("pairing.visit.saved"));
      setDone(outcome.answer);
    });
  };

  if (done) {
    return (
      <Result
        status="success"
        title={i18n.t("pairing.visit.saved")}
        data-testid="visit-saved"
        extra={
          <div className="zl-stack" style={{ alignItems: "center" }}>
            {done.conflictId ? (
              <a href={hrefTo(`/pairing/conflicts/${done.conflictId}`)} data-testid="visit-conflict-link">
                {i18n.t("pairing.visit.linked", { what: i18n.t("pairing.nav.conflicts") })}
              </a>
            ) : null}
            <Button onClick={() => navigate("/pairing")}>{i18n.t("pairing.nav.mine")}</Button>
          </div>
        }
      />
    );
  }

  const text = (name: "met" | "findings" | "problem" | "suggestion" | "summary" | "parties", rows: number, maxLength: number, testId?: string) => (
    <Field label={i18n.t(fieldLabels[name])} error={errorOf(name)}>
      {(id) =>
        rows > 1 ? (
          <textarea id={id} className="zl-input" rows={rows} maxLength={maxLength} value={values[name]} onChange={(event) => set(name, event.target.value)} aria-invalid={Boolean(errorOf(name))} data-testid={testId} />
        ) : (
          <input id={id} className="zl-input" maxLength={maxLength} value={values[name]} onChange={(event) => set(name, event.target.value)} aria-invalid={Boolean(errorOf(name))} data-testid={testId} />
        )
      }
    </Field>
  );
  return (
    <Card data-testid="visit-page">
      <form onSubmit={send} noValidate>
        <Field label={i18n.t(fieldLabels.pairing)} error={errorOf("pairing")}>
          {(id) => (
            <Select
              id={id}
              value={values.pairing}
              onChange={(pairing) => set("pairing", pairing)}
              options={items.map((item) => ({ value: item.pairingId, label: `${item.householdCode ?? item.nodeName} · ${item.nodeName}` }))}
              testId="visit-household"
            />
          )}
        </Field>
        {text("met", 1, 200, "visit-met")}
        {text("findings", 3, 2000, "visit-findings")}
        <div className="zl-field">
          <Button onClick={locate} size="small">
            {i18n.t("pairing.visit.location")}
          </Button>{" "}
          {position ? (
            <span className="zl-muted" data-testid="visit-place" data-place={`${position.lon},${position.lat}`}>
              {i18n.t("pairing.visit.located", { lon: position.lon, lat: position.lat })}
            </span>
          ) : null}
          <PlacePicker place={position} onPlace={(lon, lat) => setPosition({ lon, lat })} testId="visit-map" />
        </div>
        <fieldset className="zl-field" style={{ border: "none", padding: 0, margin: "0 0 16px" }}>
          <legend className="zl-field-label">{i18n.t("pairing.visit.raise")}</legend>
          <div className="zl-choices zl-choices-column">
            {raises.map((what) => (
              <label key={what} className="zl-choice">
                <input type="checkbox" checked={raise.includes(what)} onChange={(event) => set("raise", event.target.checked ? [...raise, what] : raise.filter((other) => other !== what))} />
                <span data-testid={what === "conflict" ? "raise-conflict" : undefined}>{i18n.t(raiseLabels[what])}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {raise.includes("problem") ? text("problem", 2, 2000) : null}
        {raise.includes("suggestion") ? text("suggestion", 2, 2000) : null}
        {raise.includes("conflict") ? (
          <>
            <Field label={i18n.t(fieldLabels.kind)} error={errorOf("kind")}>
              {(id) => (
                <Select
                  id={id}
                  value={values.kind}
                  onChange={(kind) => set("kind", kind)}
                  options={(Object.keys(conflictKindLabels) as (keyof typeof conflictKindLabels)[]).map((kind) => ({ value: kind, label: i18n.t(`pairing.kind.${kind}` as MessageKey) }))}
                  testId="conflict-kind"
                />
              )}
            </Field>
            {text("summary", 1, 500, "conflict-summary")}
            {text("parties", 1, 500, "conflict-parties")}
            <fieldset className="zl-field" style={{ border: "none", padding: 0, margin: "0 0 16px" }}>
              <legend className="zl-field-label">{i18n.t(fieldLabels.riskLevel)}</legend>
              <div className="zl-choices">
                {[1, 2, 3, 4].map((level) => (
                  <label key={level} className="zl-choice">
                    <input type="radio" name="riskLevel" checked={values.riskLevel === level} onChange={() => set("riskLevel", level)} />
                    {i18n.t(`pairing.risk.${level}` as MessageKey)}
                  </label>
                ))}
              </div>
            </fieldset>
          </>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {mine.data.personId === null ? <Alert type="info" title={i18n.t("pairing.mine.noPerson")} style={{ marginBottom: 12 }} /> : null}
        <Button kind="primary" submit block loading={saving} data-testid="visit-submit">
          {i18n.t("pairing.visit.submit")}
        </Button>
      </form>
    </Card>
  );
}
