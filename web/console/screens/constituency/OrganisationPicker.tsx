import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OrganisationList, OrganisationRef } from "../../../../contract/constituency.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";

interface Props {
  label: string;
  onPick: (o: OrganisationRef) => void;
  /** Organisations not to offer (the organisation itself, those already linked). */
  exclude?: readonly string[];
  busy?: boolean;
}

/**
 * Finds an organisation in the directory and picks it: a search box (Enter or the button) and the first
 * matches, each with a button naming it. Not a form of its own, so it may sit inside one.
 */
export function OrganisationPicker({ label, onPick, exclude = [], busy = false }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["constituency", "picker", q],
    queryFn: () => api<OrganisationList>("GET", `/organisations${query({ q, limit: 8 })}`),
    enabled: q !== "",
  });
  const find = () => setQ(text.trim());
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    find();
  };
  const rows = (found.data?.items ?? []).filter((o) => !exclude.includes(o.id));
  return (
    <div className="cy-picker">
      <div className="inline-form">
        <TextField
          label={label}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        <Button onClick={find}>{t("constituency.picker.find")}</Button>
      </div>
      {found.isError ? <Notice tone="error">{errorMessage(t, found.error)}</Notice> : null}
      {q !== "" && found.data ? (
        rows.length === 0 ? (
          <p className="empty" role="status">
            {t("constituency.directory.none", { q })}
          </p>
        ) : (
          <ul className="plain-list" aria-label={t("constituency.picker.results")}>
            {rows.map((o) => (
              <li key={o.id} className="cy-pick-row">
                <span>{o.name}</span>
                <Button
                  variant="quiet"
                  busy={busy}
                  aria-label={t("constituency.picker.chooseNamed", { name: o.name })}
                  onClick={() => onPick({ id: o.id, name: o.name })}
                >
                  {t("constituency.picker.choose")}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
