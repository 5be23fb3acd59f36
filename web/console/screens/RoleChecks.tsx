import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../../lib/api/types.js";
import { CheckboxField, Fieldset } from "../../lib/ui/Field.js";

interface Props {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
}

/** One checkbox per staff role, each with a short description. */
export function RoleChecks({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const toggle = (role: Role, on: boolean) =>
    onChange(on ? ROLES.filter((r) => r === role || value.includes(r)) : value.filter((r) => r !== role));
  return (
    <Fieldset legend={t("users.roles")} error={error}>
      {ROLES.map((role) => (
        <CheckboxField
          key={role}
          name={`role-${role}`}
          checked={value.includes(role)}
          onChange={(e) => toggle(role, e.target.checked)}
          label={
            <>
              {t(`roles.${role}`)} <span className="muted">— {t(`roleHelp.${role}`)}</span>
            </>
          }
        />
      ))}
    </Fieldset>
  );
}
