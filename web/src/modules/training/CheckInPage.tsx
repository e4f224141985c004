import { Alert, Card, Result } from "antd";
import { useEffect, useState } from "react";
import { trainingApi } from "../../api/training";
import { useLocation } from "../../app/router";
import { errorText } from "../../components/errors";
import { Loading } from "../../components/PageState";
import { useI18n } from "../../i18n";

/** Where the QR code leads: the signed-in attendee is checked in with the code it carries. */
export default function CheckInPage({ id }: { id: number }) {
  const i18n = useI18n();
  const { query } = useLocation();
  const code = query.get("code") ?? "";
  const [state, setState] = useState<{ done: boolean; error: unknown }>({ done: false, error: null });
  useEffect(() => {
    let live = true;
    trainingApi.checkIn(id, code).then(
      () => live && setState({ done: true, error: null }),
      (error: unknown) => live && setState({ done: true, error }),
    );
    return () => {
      live = false;
    };
  }, [id, code]);
  return (
    <Card size="small" data-testid="check-in-page">
      {!state.done ? <Loading /> : state.error ? <Alert type="error" showIcon title={errorText(i18n, state.error)} /> : <Result status="success" title={i18n.t("training.checkedIn")} />}
    </Card>
  );
}
