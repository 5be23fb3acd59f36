import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PgpKeyView } from "../../../../contract/correspondence.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";

export const PGP_KEYS_KEY = ["pgp-keys"] as const;

/** Adds a recipient's public key pasted in ASCII armour; the address defaults to the key's own. */
export function PgpKeyForm({ onAdded }: { onAdded: (key: PgpKeyView) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [armoredKey, setArmoredKey] = useState("");
  const [email, setEmail] = useState("");
  const add = useMutation({
    mutationFn: () =>
      api<PgpKeyView>("POST", "/pgp-keys", { armoredKey, ...(email.trim() ? { email: email.trim() } : {}) }),
    onSuccess: (key) => {
      setArmoredKey("");
      setEmail("");
      void client.invalidateQueries({ queryKey: PGP_KEYS_KEY });
      onAdded(key);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <Section title={t("pgpKeysAdmin.addTitle")} id="pgp-add">
      <form onSubmit={submit} noValidate>
        {add.isError ? <Notice tone="error">{errorMessage(t, add.error)}</Notice> : null}
        <TextAreaField
          label={t("pgpKeysAdmin.armoredKey")}
          hint={t("pgpKeysAdmin.armoredKeyHint")}
          className="pgp-armor"
          value={armoredKey}
          rows={8}
          required
          spellCheck={false}
          error={fields.armoredKey}
          onChange={(e) => setArmoredKey(e.target.value)}
        />
        <TextField
          label={t("pgpKeysAdmin.email")}
          hint={t("pgpKeysAdmin.emailHint")}
          type="email"
          autoComplete="off"
          value={email}
          error={fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={add.isPending} disabled={armoredKey.trim() === ""}>
            {t("pgpKeysAdmin.add")}
          </Button>
        </div>
      </form>
    </Section>
  );
}
