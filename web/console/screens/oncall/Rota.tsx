import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Shift } from "../../../../contract/oncall.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime, stockholmLocalToIso } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { Phones } from "./Phones.js";
import { Swaps } from "./Swaps.js";
import { isAdmin, isDuty, oncallKeys, formatDate, useOfficers, useOnDuty, useWeek, weekStart } from "./api.js";

/** The duty rota: who is on duty now, the week's shifts (mine marked), swaps, and planning for admins. */
export function Rota({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [offset, setOffset] = useState(0);
  const from = weekStart(offset);
  const to = weekStart(offset + 1);
  const week = useWeek(from, to);
  const now = useOnDuty();
  const officers = useOfficers();
  const [swapTo, setSwapTo] = useState<Record<string, string>>({});
  const refresh = () => client.invalidateQueries({ queryKey: oncallKeys.all });
  const askSwap = useMutation({
    mutationFn: ({ shift, to }: { shift: string; to: string }) =>
      api("POST", `/oncall/shifts/${shift}/swaps`, { toUserId: to }),
    onSuccess: refresh,
  });
  const calendar = useMutation({ mutationFn: () => api<{ url: string }>("POST", "/oncall/calendar") });
  const lang = i18n.language;
  const others = (officers.data?.items ?? []).filter((o) => o.id !== me.id);
  const names = (shifts: Shift[]) => shifts.map((s) => s.user.name).join(", ") || t("oncall.nobody");
  return (
    <>
      <PageHeader title={t("oncall.rota.title")} />
      <Section title={t("oncall.now.title")} id="oncall-now">
        {now.data ? (
          <p role="status">
            {t("oncall.now.primary")}: <strong>{names(now.data.primary)}</strong> · {t("oncall.now.backup")}:{" "}
            <strong>{names(now.data.backup)}</strong>
          </p>
        ) : null}
      </Section>
      <Section title={t("oncall.rota.week", { date: formatDate(from.toISOString(), lang) })} id="oncall-week">
        <p>
          <Button variant="quiet" onClick={() => setOffset(offset - 1)}>
            {t("oncall.rota.previous")}
          </Button>{" "}
          <Button variant="quiet" onClick={() => setOffset(0)}>
            {t("oncall.rota.thisWeek")}
          </Button>{" "}
          <Button variant="quiet" onClick={() => setOffset(offset + 1)}>
            {t("oncall.rota.next")}
          </Button>
        </p>
        {week.isError ? <Notice tone="error">{errorMessage(t, week.error)}</Notice> : null}
        {askSwap.isError ? <Notice tone="error">{errorMessage(t, askSwap.error)}</Notice> : null}
        {askSwap.isSuccess ? <Notice tone="success">{t("oncall.swaps.asked")}</Notice> : null}
        <Table<Shift>
          caption={t("oncall.rota.shifts")}
          rows={week.data?.items ?? []}
          rowKey={(s) => s.id}
          empty={t("oncall.rota.empty")}
          columns={[
            { key: "start", header: t("oncall.rota.starts"), cell: (s) => formatDateTime(s.startsAt, lang) },
            { key: "end", header: t("oncall.rota.ends"), cell: (s) => formatDateTime(s.endsAt, lang) },
            { key: "role", header: t("oncall.rota.role"), cell: (s) => t(`oncall.roles.${s.role}`) },
            {
              key: "who",
              header: t("oncall.rota.who"),
              cell: (s) => (
                <>
                  {s.user.name}
                  {s.user.id === me.id ? <span className="cell-sub">{t("oncall.rota.mine")}</span> : null}
                  {s.swap ? (
                    <span className="cell-sub">{t("oncall.swaps.pendingTo", { name: s.swap.toUser.name })}</span>
                  ) : null}
                </>
              ),
            },
            {
              key: "swap",
              header: t("oncall.swaps.title"),
              cell: (s) =>
                (s.user.id === me.id || isAdmin(me)) && !s.swap && isDuty(me) ? (
                  <span>
                    <SelectField
                      label={t("oncall.swaps.to")}
                      value={swapTo[s.id] ?? ""}
                      onChange={(e) => setSwapTo({ ...swapTo, [s.id]: e.target.value })}
                      options={[{ value: "", label: "—" }, ...others.map((o) => ({ value: o.id, label: o.name }))]}
                    />
                    <Button
                      disabled={!swapTo[s.id]}
                      busy={askSwap.isPending}
                      onClick={() => askSwap.mutate({ shift: s.id, to: swapTo[s.id] ?? "" })}
                    >
                      {t("oncall.swaps.ask")}
                    </Button>
                  </span>
                ) : null,
            },
          ]}
        />
      </Section>
      {isDuty(me) ? <Swaps me={me} /> : null}
      {isAdmin(me) ? <PlanShift officers={officers.data?.items ?? []} onDone={refresh} /> : null}
      {isAdmin(me) ? <Phones /> : null}
      {isDuty(me) ? (
        <Section title={t("oncall.calendar.title")} id="oncall-calendar">
          <p>{t("oncall.calendar.intro")}</p>
          <Button busy={calendar.isPending} onClick={() => calendar.mutate()}>
            {t("oncall.calendar.issue")}
          </Button>
          {calendar.data ? <p className="mono">{calendar.data.url}</p> : null}
        </Section>
      ) : null}
    </>
  );
}

/** An admin plans one shift. */
function PlanShift({ officers, onDone }: { officers: { id: string; name: string }[]; onDone: () => unknown }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState("primary");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const plan = useMutation({
    mutationFn: () =>
      api("POST", "/oncall/shifts", {
        userId,
        role,
        startsAt: stockholmLocalToIso(start),
        endsAt: stockholmLocalToIso(end),
      }),
    onSuccess: onDone,
  });
  return (
    <Section title={t("oncall.plan.title")} id="oncall-plan">
      {plan.isError ? <Notice tone="error">{errorMessage(t, plan.error)}</Notice> : null}
      {plan.isSuccess ? <Notice tone="success">{t("oncall.plan.done")}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          plan.mutate();
        }}
      >
        <SelectField
          label={t("oncall.rota.who")}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          options={[{ value: "", label: "—" }, ...officers.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          label={t("oncall.rota.role")}
          value={role}
          onChange={(e) => setRole(e.target.value)}
          options={[
            { value: "primary", label: t("oncall.roles.primary") },
            { value: "backup", label: t("oncall.roles.backup") },
          ]}
        />
        <TextField
          label={t("oncall.rota.starts")}
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          required
        />
        <TextField
          label={t("oncall.rota.ends")}
          type="datetime-local"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          required
        />
        <Button type="submit" variant="primary" busy={plan.isPending} disabled={!userId}>
          {t("oncall.plan.submit")}
        </Button>
      </form>
    </Section>
  );
}
