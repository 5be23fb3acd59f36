import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { Role, User } from "../../lib/api/types.js";
import { Button } from "../../lib/ui/Button.js";
import { TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { Section } from "../../lib/ui/Page.js";
import { ResetTotp } from "./ResetTotp.js";
import { RoleChecks } from "./RoleChecks.js";

/** Creates a staff user with name, e-mail, roles and an initial password. */
export function CreateUserForm({ onDone }: { onDone: (user: User | null) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [roles, setRoles] = useState<Role[]>(["duty"]);
  const create = useMutation({
    mutationFn: () => api<User>("POST", "/users", { ...form, roles }),
    onSuccess: (user) => {
      onDone(user);
      void client.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Section title={t("users.createTitle")} id="create-user">
      {create.isError ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
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
          <TextField
            label={t("users.initialPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            hint={t("password.rules")}
            value={form.password}
            onChange={set("password")}
            error={fieldErrors.password}
          />
        </div>
        <div>
          <RoleChecks value={roles} onChange={setRoles} error={fieldErrors.roles} />
        </div>
        <div className="form-actions form-span">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("users.create")}
          </Button>
          <Button variant="quiet" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** Changes a user's roles, disables / re-enables the account, or resets their two-step verification. */
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    patch.mutate({ roles });
  };
  return (
    <Section title={t("users.editTitle", { name: user.name })} id="edit-user">
      {patch.isError ? <Notice tone="error">{errorMessage(t, patch.error)}</Notice> : null}
      <p className="muted">{user.email}</p>
      <form onSubmit={submit}>
        <RoleChecks value={roles} onChange={setRoles} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={patch.isPending && patch.variables.roles !== undefined}>
            {t("users.saveRoles")}
          </Button>
          {user.disabled ? (
            <Button onClick={() => patch.mutate({ disabled: false })}>{t("users.enable")}</Button>
          ) : (
            <Button variant="danger" disabled={isSelf} onClick={() => patch.mutate({ disabled: true })}>
              {t("users.disable")}
            </Button>
          )}
          <Button variant="quiet" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
      {user.totpEnabled ? <ResetTotp user={user} isSelf={isSelf} onDone={onDone} /> : null}
    </Section>
  );
}
