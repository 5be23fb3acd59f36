import { MIN_PASSWORD_LENGTH, passwordWeakness, weaknessMessage } from "../../platform/auth/password-policy.js";
import { AppError } from "../../platform/errors.js";

/** Throws 400 `password_weak` naming the field (e.g. "body.newPassword") when the password is too weak. */
export function assertStrongPassword(password: string, identity: { email: string; name: string }, field: string): void {
  const weakness = passwordWeakness(password, identity);
  if (weakness === null) return;
  throw new AppError("password_weak", "invalid", "The password is too weak", {
    errors: [
      {
        path: field,
        message: weaknessMessage(weakness),
        code: weakness,
        ...(weakness === "too_short" ? { params: { limit: MIN_PASSWORD_LENGTH } } : {}),
      },
    ],
  });
}
