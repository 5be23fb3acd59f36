import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { Language, Role, User } from "../../lib/api/types.js";
import { Button } from "../../lib/ui/Button.js";
import { SelectField, TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { Section } from "../../lib/ui/Page.js";
import { EditorFooter } from "./admin/AdminList.js";
import { ResetTotp } from "./ResetTotp.js";
import { RoleChecks } from "./RoleChecks.js";
import { UserLinkActions } from "./UserLinkActions.js";

/**
 * Invites a staff user: name, e-mail, the language of the invitation and the roles, none ticked —
 * the admin chooses. The person gets a one-time link and chooses their own password; the admin never
 * types one.
 */
export function InviteUserForm({ onDone }: { onDone: (user: User | null) => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ name: "", email: "" });
  const [language, setLanguage] = useState<Language>(i18n.language === "en" ? "en" : "sv");
  const [roles, setRoles] = useState<Role[]>([]);
  const invite = useMutation({
    mutationFn: () => api<User>("POST", "/users", { ...form, roles, language }),
    onSuccess: (user) => {
      onDone(user);
      void client.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const fieldErrors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Section title={t("invite.title")} id="invite-user">
      {invite.isError ? <Notice tone="error">{errorMessage(t, invite.error)}</Notice> : null}
      <p className="muted">{t("invite.intro")}</p>
      <form onSubmit={submit} className="form-cols">
        <div>
          <TextField
            label={t("users.name")}
            name="name"
            required
            value={form.name}
            onChange={set("name")}
            error={fieldErrors.name}
            autoFocus
          />
          <TextField
            label={t("users.email")}
            name="email"
            type="email"
            required
            value={form.email}
            onChange={set("email")}
            error={fieldErrors.email}
          />
          <SelectField
            label={t("invite.language")}
            value={language}
            onChange={(e) => setLanguage(e.target.value === "en" ? "en" : "sv")}
            options={[
              { value: "sv", label: t("invite.languages.sv") },
              { value: "en", label: t("invite.languages.en") },
            ]}
          />
        </div>
        <div>
          <RoleChecks
            value={roles}
            onChange={setRoles}
            error={fieldErrors.roles === undefined ? undefined : t("invite.rolesRequired")}
          />
        </div>
        <div className="form-span">
          <EditorFooter saveLabel={t("invite.send")} busy={invite.isPending} onCancel={() => onDone(null)} />
        </div>
      </form>
    </Section>
  );
}

/**
 * Changes a user's roles, disables / re-enables the account, sends a password-reset link (or the
 * invitation again), or resets their two-step verification.
 */
export function EditUserForm({
  user,
  isSelf,
  onDone,
}: {
  user: User;
  isSelf: boolean;
  onDone: (msg: string | null) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const patch = useMutation({
    mutationFn: (body: { roles?: Role[]; disabled?: boolean }) => api<User>("PATCH", `/users/${user.id}`, body),
    onSuccess: (_updated, body) => {
      // Close the form first, then refresh the list: closing after an awaited refetch could
      // shut a form the person has meanwhile opened for another user.
      if (body.disabled === true) onDone(t("users.disabledDone", { email: user.email }));
      else if (body.disabled === false) onDone(t("users.enabledDone", { email: user.email }));
      else onDone(t("users.rolesSaved", { email: user.email }));
      void client.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const fieldErrors = patch.error instanceof ApiError ? patch.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    patch.mutate({ roles });
  };
  return (
    <Section title={t("users.editTitle", { name: user.name })} id="edit-user">
      {patch.isError ? <Notice tone="error">{errorMessage(t, patch.error)}</Notice> : null}
      <p className="muted">{user.email}</p>
      <form onSubmit={submit}>
        <RoleChecks
          value={roles}
          onChange={setRoles}
          error={fieldErrors.roles === undefined ? undefined : t("invite.rolesRequired")}
        />
        <EditorFooter
          saveLabel={t("users.saveRoles")}
          busy={patch.isPending && patch.variables.roles !== undefined}
          onCancel={() => onDone(null)}
        >
          {user.disabled ? (
            <Button onClick={() => patch.mutate({ disabled: false })}>{t("users.enable")}</Button>
          ) : (
            <Button variant="danger" disabled={isSelf} onClick={() => patch.mutate({ disabled: true })}>
              {t("users.disable")}
            </Button>
          )}
        </EditorFooter>
      </form>
      <UserLinkActions user={user} isSelf={isSelf} onDone={onDone} />
      {user.totpEnabled ? <ResetTotp user={user} isSelf={isSelf} onDone={onDone} /> : null}
    </Section>
  );
}
