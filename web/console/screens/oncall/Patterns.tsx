import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OncallRole, Shift } from "../../../../contract/oncall.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { formatDate, oncallKeys, useOfficers, useWeek, weekStart } from "./api.js";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Weekly rota patterns and their exceptions (admins): a pattern makes a shift every week. */
export function Patterns() {
  const { t } = useTranslation();
  const from = useMemo(() => weekStart(0), []);
  const to = useMemo(() => weekStart(12), []);
  const shifts = useWeek(from, to);
  const patterns = new Map<string, Shift[]>();
  for (const s of shifts.data?.items ?? [])
    if (s.patternId) patterns.set(s.patternId, [...(patterns.get(s.patternId) ?? []), s]);
  return (
    <>
      <PageHeader title={t("oncallOps.patterns.title")} />
      <p className="ws-intro">{t("oncallOps.patterns.intro")}</p>
      <CreatePattern />
      <Section title={t("oncallOps.patterns.existing")} id="oncall-patterns">
        {shifts.isError ? <Notice tone="error">{errorMessage(t, shifts.error)}</Notice> : null}
        {patterns.size === 0 ? <p>{t("oncallOps.patterns.none")}</p> : null}
        {[...patterns.entries()].map(([id, list]) => (
          <PatternCard key={id} id={id} shifts={list} />
        ))}
      </Section>
    </>
  );
}

function CreatePattern() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const officers = useOfficers();
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({
    userId: "",
    role: "primary" as OncallRole,
    weekday: "1",
    startTime: "08:00",
    endTime: "17:00",
    validFrom: today,
    validUntil: today,
    exceptions: "",
  });
  const set = (change: Partial<typeof form>) => setForm({ ...form, ...change });
  const create = useMutation({
    mutationFn: () =>
      api<{ id: string; shifts: number }>("POST", "/oncall/patterns", {
        ...form,
        weekday: Number(form.weekday),
        exceptions: form.exceptions
          .split(",")
          .map((d) => d.trim())
          .filter(Boolean),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
  return (
    <Section title={t("oncallOps.patterns.create")} id="oncall-pattern-create">
      {create.isError ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
      {create.isSuccess ? (
        <Notice tone="success">{t("oncallOps.patterns.created", { count: create.data.shifts })}</Notice>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <SelectField
          label={t("oncallOps.patterns.who")}
          value={form.userId}
          required
          onChange={(e) => set({ userId: e.target.value })}
          options={[
            { value: "", label: "—" },
            ...(officers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <SelectField
          label={t("oncallOps.patterns.role")}
          value={form.role}
          onChange={(e) => set({ role: e.target.value === "backup" ? "backup" : "primary" })}
          options={[
            { value: "primary", label: t("oncallOps.patterns.primary") },
            { value: "backup", label: t("oncallOps.patterns.backup") },
          ]}
        />
        <SelectField
          label={t("oncallOps.patterns.weekday")}
          value={form.weekday}
          onChange={(e) => set({ weekday: e.target.value })}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`oncallOps.patterns.days.${d}`) }))}
        />
        <TextField
          label={t("oncallOps.patterns.start")}
          type="time"
          required
          value={form.startTime}
          onChange={(e) => set({ startTime: e.target.value })}
        />
        <TextField
          label={t("oncallOps.patterns.end")}
          type="time"
          required
          value={form.endTime}
          onChange={(e) => set({ endTime: e.target.value })}
        />
        <TextField
          label={t("oncallOps.patterns.from")}
          type="date"
          required
          value={form.validFrom}
          onChange={(e) => set({ validFrom: e.target.value })}
        />
        <TextField
          label={t("oncallOps.patterns.until")}
          type="date"
          required
          value={form.validUntil}
          onChange={(e) => set({ validUntil: e.target.value })}
        />
        <TextField
          label={t("oncallOps.patterns.exceptions")}
          placeholder="2026-12-24, 2026-12-31"
          value={form.exceptions}
          onChange={(e) => set({ exceptions: e.target.value })}
        />
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t("oncallOps.patterns.save")}
        </Button>
      </form>
    </Section>
  );
}

function PatternCard({ id, shifts }: { id: string; shifts: Shift[] }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const first = shifts[0];
  const [date, setDate] = useState("");
  const add = useMutation({
    mutationFn: () => api("POST", `/oncall/patterns/${id}/exceptions`, { date }),
    onSuccess: () => client.invalidateQueries({ queryKey: oncallKeys.all }),
  });
  const name = first?.user.name ?? "—";
  return (
    <article className="card" aria-label={t("oncallOps.patterns.exceptionFor", { name })}>
      <h3>
        {name} · {first ? t(`oncallOps.patterns.${first.role}`) : ""}
      </h3>
      <p>
        {t("oncallOps.patterns.shifts")}: {shifts.map((s) => formatDate(s.startsAt, i18n.language)).join(", ")}
      </p>
      {add.isError ? <Notice tone="error">{errorMessage(t, add.error)}</Notice> : null}
      {add.isSuccess ? <Notice tone="success">{t("oncallOps.patterns.exceptionSaved", { date })}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <TextField
          label={t("oncallOps.patterns.date")}
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <Button type="submit" busy={add.isPending}>
          {t("oncallOps.patterns.addException")}
        </Button>
      </form>
    </article>
  );
}
