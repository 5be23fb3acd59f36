import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Organisation } from "../../../../contract/constituency.js";
import { ApiError } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { ConfirmButton } from "../../../lib/ui/ConfirmButton.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import {
  useOrganisationProducts,
  useProductChange,
  useProductSuggestions,
  vulnerabilityHref,
} from "../vulnerabilities/api.js";

/**
 * The products an organisation runs (vendor/product or a CPE 2.3 name), picked from what the imported
 * CVE and KEV data name: a new KEV entry naming one mails its security contact.
 */
export function ProductsPanel({ o, canEdit }: { o: Organisation; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const products = useOrganisationProducts(o.id);
  const change = useProductChange(o.id);
  return (
    <Section title={t("vulnerabilities.products.title")} id="cy-products">
      <p className="muted">{t("vulnerabilities.products.intro")}</p>
      {products.isError ? <Notice tone="error">{errorMessage(t, products.error)}</Notice> : null}
      {change.remove.isError ? <Notice tone="error">{errorMessage(t, change.remove.error)}</Notice> : null}
      {products.data && products.data.items.length === 0 ? (
        <p className="empty">{t("vulnerabilities.products.empty")}</p>
      ) : null}
      <ul className="plain-list cy-items">
        {products.data?.items.map((p) => {
          const name = `${p.vendor} ${p.product === "*" ? t("vulnerabilities.products.every") : p.product}`;
          return (
            <li key={p.id}>
              <div className="cy-item-main">
                <strong>{name}</strong>
                {p.cpe ? <span className="mono muted">{p.cpe}</span> : null}
              </div>
              {canEdit ? (
                <ConfirmButton
                  label={t("constituency.remove")}
                  name={t("constituency.removeNamed", { name })}
                  question={t("constituency.removeQuestion", { name })}
                  busy={change.remove.isPending && change.remove.variables === p.id}
                  onConfirm={() => change.remove.mutate(p.id)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {products.data && products.data.notices.length > 0 ? (
        <>
          <h3>{t("vulnerabilities.products.notices")}</h3>
          <ul className="plain-list">
            {products.data.notices.map((n) => (
              <li key={n.cve}>
                <Link to={vulnerabilityHref(n.cve)}>{n.cve}</Link>{" "}
                <span className="muted">{formatDateTime(n.sentAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canEdit ? <AddProduct change={change} /> : null}
    </Section>
  );
}

function AddProduct({ change }: { change: ReturnType<typeof useProductChange> }) {
  const { t } = useTranslation();
  const [vendor, setVendor] = useState("");
  const [product, setProduct] = useState("");
  const [cpe, setCpe] = useState("");
  const suggestions = useProductSuggestions(`${vendor} ${product}`.trim());
  const errors = change.add.error instanceof ApiError ? change.add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = cpe.trim()
      ? {
          cpe: cpe.trim(),
          ...(vendor.trim() ? { vendor: vendor.trim() } : {}),
          ...(product.trim() ? { product: product.trim() } : {}),
        }
      : { vendor: vendor.trim(), product: product.trim() };
    change.add.mutate(body, {
      onSuccess: () => {
        setVendor("");
        setProduct("");
        setCpe("");
      },
    });
  };
  const offered = suggestions.data?.items ?? [];
  return (
    <form onSubmit={submit} noValidate className="cy-form">
      <h3>{t("vulnerabilities.products.add")}</h3>
      {change.add.isError && Object.keys(errors).length === 0 ? (
        <Notice tone="error">{errorMessage(t, change.add.error)}</Notice>
      ) : null}
      <TextField
        label={t("vulnerabilities.products.vendor")}
        value={vendor}
        error={errors.vendor}
        onChange={(e) => setVendor(e.target.value)}
      />
      <TextField
        label={t("vulnerabilities.products.product")}
        hint={t("vulnerabilities.products.productHint")}
        value={product}
        error={errors.product}
        onChange={(e) => setProduct(e.target.value)}
      />
      {offered.length > 0 ? (
        <div className="vu-suggestions" role="group" aria-label={t("vulnerabilities.products.suggestions")}>
          <p className="muted">{t("vulnerabilities.products.suggestions")}</p>
          <ul className="plain-list">
            {offered.map((s) => (
              <li key={`${s.vendor}\n${s.product}`}>
                <Button
                  variant="quiet"
                  onClick={() => {
                    setVendor(s.vendor);
                    setProduct(s.product);
                    if (s.cpe) setCpe(s.cpe);
                  }}
                >
                  {s.vendor} {s.product}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField
        label={t("vulnerabilities.products.cpe")}
        hint={t("vulnerabilities.products.cpeHint")}
        value={cpe}
        error={errors.cpe}
        onChange={(e) => setCpe(e.target.value)}
      />
      <Button type="submit" busy={change.add.isPending}>
        {t("constituency.add")}
      </Button>
    </form>
  );
}
