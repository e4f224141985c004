import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Radio, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { calendarApi, type CalendarYearData } from "../../api/calendar";
import { navigate, useLocation, withQuery } from "../../app/router";
import { useAsync } from "../../app/useAsync";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading, PageError } from "../../components/PageState";
import { useI18n } from "../../i18n";
import { checkDays, cityToday, holidayRange, isWeekend, putDay, sameDays, sortDays, summarize, weekday, type CalendarDay, type DayKind, type DayProblem } from "./logic";

interface AddForm {
  range?: [Dayjs, Dayjs] | null;
  kind?: DayKind;
  name?: string;
}

const problemKeys: Record<DayProblem, "calendar.problem.outsideYear" | "calendar.problem.duplicate" | "calendar.problem.workdayNotWeekend" | "calendar.problem.badDate"> = {
  outsideYear: "calendar.problem.outsideYear",
  duplicate: "calendar.problem.duplicate",
  workdayNotWeekend: "calendar.problem.workdayNotWeekend",
  badDate: "calendar.problem.badDate",
};

/** The editor of one year: the list as saved, the list being edited, and saving it whole. */
function YearEditor({ saved, onSaved }: { saved: CalendarYearData; onSaved: (data: CalendarYearData) => void }) {
  const i18n = useI18n();
  const { message } = App.useApp();
  const [days, setDays] = useState<CalendarDay[]>(() => sortDays(saved.days));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<AddForm>();
  const manage = saved.abilities.manage === true;
  const problems = useMemo(() => checkDays(saved.year, days), [saved.year, days]);
  const dirty = !sameDays(days, saved.days);
  const counts = summarize(days);
  const weekdayName = (day: string) => i18n.t(`calendar.weekday.${weekday(day)}` as "calendar.weekday.0");

  useEffect(() => setDays(sortDays(saved.days)), [saved]);

  const add = (values: AddForm) => {
    const [from, to] = values.range ?? [];
    if (!from) return;
    const name = values.name?.trim() ?? "";
    const kind = values.kind ?? "holiday";
    const start = from.format("YYYY-MM-DD");
    const end = (to ?? from).format("YYYY-MM-DD");
    const added = kind === "holiday" ? holidayRange(start, end, name) : holidayRange(start, end, name).map((d) => ({ ...d, kind: "workday" as const }));
    setDays((list) => added.reduce((acc, day) => putDay(acc, day), list));
    form.resetFields(["range", "name"]);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const data = await calendarApi.put({ year: saved.year, version: saved.version, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) });
      message.success(i18n.t("calendar.saved", { year: saved.year }));
      onSaved(data);
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      {!saved.configured ? <Alert type="warning" showIcon title={i18n.t("calendar.notConfigured", { year: saved.year })} /> : null}
      <ErrorAlert error={error} onReload={() => onSaved(saved)} fieldLabels={{ days: i18n.t("calendar.days") }} />
      {manage ? (
        <Card size="small" title={i18n.t("calendar.add")}>
          <Form<AddForm> form={form} layout="inline" name="calendarAdd" onFinish={add} initialValues={{ kind: "holiday" }} style={{ rowGap: 8 }}>
            <Form.Item name="range" label={i18n.t("calendar.dates")} rules={[{ required: true, message: i18n.t("common.required", { field: i18n.t("calendar.dates") }) }]}>
              <DatePicker.RangePicker allowEmpty={[false, true]} data-testid="calendar-range" />
            </Form.Item>
            <Form.Item name="kind" label={i18n.t("calendar.kind")}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: "holiday", label: i18n.t("calendar.kind.holiday") },
                  { value: "workday", label: i18n.t("calendar.kind.workday") },
                ]}
              />
            </Form.Item>
            <Form.Item name="name" label={i18n.t("calendar.name")} rules={[{ max: 20 }]}>
              <Input maxLength={20} style={{ width: 160 }} placeholder={i18n.t("calendar.namePlaceholder")} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" icon={<PlusOutlined />} data-testid="calendar-add">
                {i18n.t("calendar.addButton")}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {i18n.t("calendar.rule")}
          </Typography.Paragraph>
        </Card>
      ) : (
        <Alert type="info" showIcon title={i18n.t("calendar.readOnly")} />
      )}
      <Card
        size="small"
        title={i18n.t("calendar.listTitle", { year: saved.year, holidays: counts.holidays, workdays: counts.workdays })}
        extra={
          manage ? (
            <Space>
              <Button disabled={!dirty || saving} onClick={() => setDays(sortDays(saved.days))}>
                {i18n.t("calendar.discard")}
              </Button>
              <Button type="primary" loading={saving} disabled={!dirty || problems.size > 0} onClick={() => void save()} data-testid="calendar-save">
                {i18n.t("common.save")}
              </Button>
            </Space>
          ) : null
        }
      >
        {dirty ? <Typography.Paragraph type="warning">{i18n.t("calendar.unsaved")}</Typography.Paragraph> : null}
        <Table<CalendarDay & { index: number }>
          rowKey="date"
          size="small"
          dataSource={days.map((d, index) => ({ ...d, index }))}
          pagination={false}
          scroll={{ x: 520 }}
          locale={{ emptyText: <Empty description={i18n.t("calendar.empty")} /> }}
          data-testid="calendar-table"
          columns={[
            { key: "date", title: i18n.t("calendar.date"), width: 120, render: (_: unknown, d) => d.date },
            { key: "weekday", title: i18n.t("calendar.weekday"), width: 80, render: (_: unknown, d) => <span style={{ color: isWeekend(d.date) ? "#cf1322" : undefined }}>{weekdayName(d.date)}</span> },
            {
              key: "kind",
              title: i18n.t("calendar.kind"),
              width: 110,
              render: (_: unknown, d) =>
                manage ? (
                  <Select<DayKind>
                    size="small"
                    value={d.kind}
                    style={{ width: 100 }}
                    onChange={(kind) => setDays((list) => putDay(list, { ...d, kind }))}
                    options={[
                      { value: "holiday", label: i18n.t("calendar.kind.holiday") },
                      { value: "workday", label: i18n.t("calendar.kind.workday") },
                    ]}
                  />
                ) : (
                  <Tag color={d.kind === "holiday" ? "red" : "blue"}>{i18n.t(`calendar.kind.${d.kind}`)}</Tag>
                ),
            },
            { key: "name", title: i18n.t("calendar.name"), render: (_: unknown, d) => d.name || "—" },
            {
              key: "problem",
              title: "",
              width: 200,
              render: (_: unknown, d) => {
                const problem = problems.get(d.index);
                return problem ? <Typography.Text type="danger">{i18n.t(problemKeys[problem])}</Typography.Text> : null;
              },
            },
            ...(manage
              ? [
                  {
                    key: "remove",
                    title: "",
                    width: 48,
                    render: (_: unknown, d: CalendarDay & { index: number }) => (
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={i18n.t("common.delete")} onClick={() => setDays((list) => list.filter((x) => x.date !== d.date))} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}

/** 工作日历: the city's holidays and swapped working days per year; deadlines in working days are counted on it. */
export default function CalendarPage() {
  const i18n = useI18n();
  const location = useLocation();
  const thisYear = Number(cityToday().slice(0, 4));
  const requested = Number(location.query.get("year"));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : thisYear;
  const result = useAsync((signal) => calendarApi.get(year, signal), [year]);
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  if (!years.includes(year)) years.push(year);

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="calendar-page">
      <Card size="small">
        <Space wrap>
          <Typography.Text>{i18n.t("calendar.year")}</Typography.Text>
          <Select
            value={year}
            style={{ width: 120 }}
            onChange={(y) => navigate(withQuery("/calendar", { year: y === thisYear ? undefined : y }), { replace: true })}
            options={years.sort().map((y) => ({ value: y, label: i18n.t("calendar.yearN", { year: y }) }))}
            data-testid="calendar-year"
          />
          {result.data ? (
            <Typography.Text type="secondary">
              {i18n.t("calendar.hours", { hours: result.data.workingHours.map((h) => `${h.from}–${h.to}`).join("，") })}
              {result.data.updatedAt ? ` · ${i18n.t("calendar.updatedAt", { time: i18n.dateTime(result.data.updatedAt) })}` : ""}
            </Typography.Text>
          ) : null}
        </Space>
      </Card>
      {result.error && !result.data ? <PageError error={result.error} onRetry={result.reload} /> : null}
      {!result.data && !result.error ? <Loading /> : null}
      {result.data && result.data.year === year ? <YearEditor key={`${year}:${result.data.version}`} saved={result.data} onSaved={(data) => (data === result.data ? result.reload() : result.setData(data))} /> : null}
    </Space>
  );
}
