import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { ME_KEY } from "../../session.js";
import { TotpEnrolment } from "./TotpEnrolment.js";

/**
 * Two-step verification on My account: enrol when off; when on, turn it off with a current code
 * from the app or the password (the server asks for one of them).
 */
export function TotpSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirmOff, setConfirmOff] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const [proof, setProof] = useState("");
  // Six digits is a code from the app; anything else is taken as the password.
  const proofBody = () => (/^\d{6}$/.test(proof.trim()) ? { code: proof.trim() } : { password: proof });
  const turnOff = useMutation({
    mutationFn: () => api("DELETE", "/auth/totp", proofBody()),
    onSuccess: async () => {
      setConfirmOff(false);
      setProof("");
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const finished = async () => {
    setEnrolling(false);
    await client.invalidateQueries({ queryKey: ME_KEY });
  };

  return (
    <Section title={t("account.totp.title")} id="totp">
      {me.totpEnabled && !enrolling ? (
        <>
          <p>
            <Badge tone="good">{t("common.on")}</Badge> {t("account.totp.isOn")}
          </p>
          {turnOff.isError ? <Notice tone="error">{errorMessage(t, turnOff.error)}</Notice> : null}
          {confirmOff ? (
            <Notice tone="warning">
              <p>{t("account.totp.offConfirm")}</p>
              <TextField
                label={t("account.totp.offProof")}
                name="totpOffProof"
                type="password"
                autoComplete="current-password"
                required
                value={proof}
                onChange={(e) => setProof(e.target.value)}
              />
              <div className="form-actions">
                <Button
                  variant="danger"
                  onClick={() => turnOff.mutate()}
                  busy={turnOff.isPending}
                  disabled={proof === ""}
                >
                  {t("account.totp.turnOff")}
                </Button>
                <Button variant="quiet" onClick={() => setConfirmOff(false)}>
                  {t("common.cancel")}
                </Button>
              </div>
            </Notice>
          ) : (
            <Button variant="danger" onClick={() => setConfirmOff(true)}>
              {t("account.totp.turnOff")}
            </Button>
          )}
        </>
      ) : (
        <TotpEnrolment onConfirmed={() => setEnrolling(true)} onFinished={() => void finished()} />
      )}
    </Section>
  );
}
