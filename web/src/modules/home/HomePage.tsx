import { Typography } from "antd";
import { figuresApi } from "../../api/figures";
import { useAsync } from "../../app/useAsync";
import { FiguresPanel } from "../../components/FiguresPanel";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";

/** The figures of the caller's whole scope. */
export default function HomePage() {
  const i18n = useI18n();
  const figures = useAsync((signal) => figuresApi.get(undefined, signal), []);
  if (figures.error) return <PageError error={figures.error} onRetry={figures.reload} />;
  if (!figures.data) return <Loading />;
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {i18n.t("home.scope", { name: figures.data.org.name })}
      </Typography.Title>
      <FiguresPanel data={figures.data} />
    </div>
  );
}
