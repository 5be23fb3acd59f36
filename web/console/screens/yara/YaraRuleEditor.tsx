import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TlpLabel } from "../../../../contract/intake.js";
import type { YaraRule, YaraRuleCreate, YaraSourceCheckResult } from "../../../../contract/yara.js";
import { YARA_SOURCE_MAX } from "../../../../contract/yara.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { TLP_LABELS } from "../../../lib/intake/options.js";
import { navigate } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { ruleHref, useYaraRule, yaraKeys } from "./api.js";
import "./yara.css";

const EXAMPLE = `rule example_name {
  meta:
    description = "…"
  strings:
    $a = "text to look for"
  condition:
    $a
}
`;

type Draft = YaraRuleCreate;

/** Where YARA-X placed a compile error, and its own text (the engine's words, shown as they are). */
function CompileProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error.fieldProblems.source : undefined;
  if (!problem || problem.code !== "yara_compile_error") return null;
  const { line, column } = problem.params ?? {};
  return (
    <div className="field-error" id="yara-source-details">
      {line !== undefined ? <p>{t("yara.editor.errorAt", { line, column: column ?? 1 })}</p> : null}
      <pre className="yara-compile-error">{problem.message}</pre>
    </div>
  );
}

function RuleForm({ rule, onSaved }: { rule?: YaraRule; onSaved: (saved: YaraRule) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    rule
      ? {
          name: rule.name,
          tlp: rule.tlp,
          description: rule.description,
          source: rule.source ?? "",
          enabled: rule.enabled,
        }
      : { name: "", tlp: "TLP:AMBER", description: "", source: EXAMPLE, enabled: true },
  );
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    check.reset();
  };
  const save = useMutation({
    mutationFn: () =>
      rule
        ? api<YaraRule>("PATCH", `/yara/rules/${rule.id}`, { version: rule.version, ...draft })
        : api<YaraRule>("POST", "/yara/rules", draft),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: yaraKeys.all });
      onSaved(saved);
    },
  });
  const check = useMutation({
    mutationFn: () =>
      api<YaraSourceCheckResult>("POST", "/yara/rules/check", {
        source: draft.source,
        ...(rule ? { ruleId: rule.id } : {}),
      }),
  });
  const failed = save.error ?? check.error;
  const fields = failed instanceof ApiError ? failed.fieldErrors : {};
  const conflict = failed instanceof ApiError && failed.code === "version_conflict";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    check.reset();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="yara-editor">
      {conflict ? <Notice tone="warning">{t("yara.editor.conflict")}</Notice> : null}
      {failed && !conflict ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {check.data ? (
        <Notice tone="success">
          {t("yara.editor.checked", { names: check.data.identifiers.join(", ") })}
          {check.data.warnings.length > 0 ? (
            <>
              {" "}
              {t("yara.editor.warnings", { count: check.data.warnings.length })}
              <pre className="yara-compile-error">{check.data.warnings.map((w) => w.message).join("\n\n")}</pre>
            </>
          ) : null}
        </Notice>
      ) : null}
      <div className="form-cols">
        <TextField
          label={t("yara.fields.name")}
          value={draft.name}
          required
          maxLength={100}
          error={fields.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <SelectField
          label="TLP"
          value={draft.tlp}
          onChange={(e) => set({ tlp: TLP_LABELS.find((l) => l === e.target.value) ?? draft.tlp })}
          options={TLP_LABELS.map((l: TlpLabel) => ({ value: l, label: l }))}
        />
      </div>
      <p className="field-hint">{t("yara.editor.tlpHint")}</p>
      <TextAreaField
        label={t("yara.fields.description")}
        value={draft.description}
        rows={2}
        maxLength={2000}
        error={fields.description}
        onChange={(e) => set({ description: e.target.value })}
      />
      <TextAreaField
        label={t("yara.fields.source")}
        hint={t("yara.editor.sourceHint")}
        value={draft.source}
        rows={18}
        required
        spellCheck={false}
        maxLength={YARA_SOURCE_MAX}
        error={fields.source}
        onChange={(e) => set({ source: e.target.value })}
      />
      <CompileProblem error={failed} />
      <CheckboxField
        label={t("yara.editor.enabled")}
        checked={draft.enabled}
        onChange={(e) => set({ enabled: e.target.checked })}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t("yara.editor.save")}
        </Button>
        <Button busy={check.isPending} onClick={() => check.mutate()}>
          {t("yara.editor.check")}
        </Button>
        <Button variant="quiet" onClick={() => navigate(rule ? ruleHref(rule.id) : "/console/yara")}>
          {t("yara.editor.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** A new rule: written, checked and saved; then its page. */
export function NewYaraRule() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("yara.editor.newTitle")} />
      <Section title={t("yara.editor.rule")} id="yara-editor">
        <RuleForm onSaved={(saved) => navigate(ruleHref(saved.id), { replace: true })} />
      </Section>
    </>
  );
}

/** Changing a rule (its author or an admin for a TLP:RED one; the server says so). */
export function EditYaraRule({ id }: { id: string }) {
  const { t } = useTranslation();
  const rule = useYaraRule(id);
  return (
    <>
      <PageHeader title={rule.data ? t("yara.editor.editTitle", { name: rule.data.name }) : t("yara.editor.rule")} />
      {rule.isError ? <Notice tone="error">{errorMessage(t, rule.error)}</Notice> : null}
      {rule.data && !rule.data.mayEdit ? <Notice tone="warning">{t("yara.editor.notYours")}</Notice> : null}
      {rule.data?.mayEdit ? (
        <Section title={t("yara.editor.rule")} id="yara-editor">
          <RuleForm
            key={`${rule.data.id}-${rule.data.version}`}
            rule={rule.data}
            onSaved={(saved) => navigate(ruleHref(saved.id))}
          />
        </Section>
      ) : null}
    </>
  );
}
