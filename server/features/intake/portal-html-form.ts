import { TlpLabel, YesNoUnknown } from "../../../contract/intake.js";
import { formatBytes } from "../../platform/files/blobs.js";
import { type Html, html } from "../../platform/http/html.js";
import type { PlainField, PlainProblem, PlainValues } from "./plain-form.js";
import type { Words } from "./portal-words.js";

// The report form as plain HTML (the portal without JavaScript): the web form's markup and classes
// (web/lib/ui/Field.tsx, Choice.tsx), so portal.css styles it the same, and its words.

export interface PlainFormState {
  values: PlainValues;
  problems: Partial<Record<PlainField, PlainProblem>>;
  /** Said above the form: why it came back (fields to fix, a refused file, too many tries). */
  failure: string | null;
}

export interface FormLimits {
  maxAttachmentBytes: number;
  maxReportBytes: number;
}

const id = (field: string) => `plain-${field}`;

function described(field: string, hint: boolean, error: string | null): string | null {
  const ids = [hint ? `${id(field)}-hint` : null, error ? `${id(field)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : null;
}

function hintAndError(field: string, hint: string | null, error: string | null): Html {
  return html`${hint ? html`<p id="${id(field)}-hint" class="field-hint">${hint}</p>` : null}${
    error ? html`<p id="${id(field)}-error" class="field-error">${error}</p>` : null
  }`;
}

/** A labelled text input or text area, with its hint and error tied to it for screen readers. */
function textField(
  w: Words,
  state: PlainFormState,
  field: PlainField,
  opts: { label: string; hint?: string; type?: string; autocomplete?: string; area?: boolean; required?: boolean },
): Html {
  const error = errorText(w, state.problems[field]);
  const value = state.values[field];
  const aria = html`${error ? html` aria-invalid="true"` : null}${
    described(field, Boolean(opts.hint), error)
      ? html` aria-describedby="${described(field, Boolean(opts.hint), error)}"`
      : null
  }`;
  const label = opts.required ? `${opts.label} ${w("intake.required")}` : opts.label;
  const input = opts.area
    ? html`<textarea id="${id(field)}" name="${field}" rows="8" ${opts.required ? html` required` : null}${aria}>
${value}</textarea>`
    : html`<input
        id="${id(field)}"
        name="${field}"
        type="${opts.type ?? "text"}"
        value="${value}"
        ${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : null}${aria}
      />`;
  const classes = ["field", opts.area ? "field-wide" : "", error ? "field-invalid" : ""].filter(Boolean).join(" ");
  return html`<div class="${classes}">
    <label for="${id(field)}">${label}</label>${
      opts.area ? hintAndError(field, opts.hint ?? null, null) : null
    }${input}${opts.area ? hintAndError(field, null, error) : hintAndError(field, opts.hint ?? null, error)}
  </div>`;
}

/** Radio buttons under a legend, each option with an optional explanation. */
function radioGroup(
  w: Words,
  state: PlainFormState,
  field: PlainField,
  legend: string,
  options: { value: string; label: string; help?: string }[],
  hint?: string,
): Html {
  const error = errorText(w, state.problems[field]);
  const describedBy = described(field, Boolean(hint), error);
  return html`<fieldset
    class="fieldset choice${error ? " field-invalid" : ""}"
    ${describedBy ? html` aria-describedby="${describedBy}"` : null}
  >
    <legend>${legend}</legend>
    ${hintAndError(field, hint ?? null, error)}
    <div class="choice-options">
      ${options.map((o) => {
        const optionId = `${id(field)}-${o.value.replace(/[^a-z0-9-]/gi, "-")}`;
        return html`<div class="choice-option">
          <input
            type="radio"
            id="${optionId}"
            name="${field}"
            value="${o.value}"
            ${
              state.values[field] === o.value ? html` checked` : null
            }${o.help ? html` aria-describedby="${optionId}-help"` : null}
          />
          <div class="choice-text">
            <label for="${optionId}">${o.label}</label
            >${o.help ? html`<span id="${optionId}-help" class="choice-help">${o.help}</span>` : null}
          </div>
        </div>`;
      })}
    </div>
  </fieldset>`;
}

function errorText(w: Words, problem: PlainProblem | undefined): string | null {
  return problem ? w(`intake.errors.${problem}`) : null;
}

const tlpKey = (label: string) => label.replace("TLP:", "").replace("+", "-").toLowerCase();

/**
 * The whole form, posting to /report; `state` carries what was sent back with its problems. The
 * file input comes last: a multipart body's text fields then all arrive before its first file.
 * `novalidate`: the server checks and words every problem in the page's language (the browser's
 * own bubbles would speak the browser's).
 */
export function plainReportForm(w: Words, state: PlainFormState, limits: FormLimits): Html {
  const yesNo = YesNoUnknown.options.map((v) => ({ value: v, label: w(`intake.answers.${v}`) }));
  const part = (key: string, body: Html) =>
    html`<section class="form-part" aria-labelledby="plain-${key}-title">
      <h2 id="plain-${key}-title">${w(`report.parts.${key}`)}</h2>
      ${body}
    </section>`;
  return html`<form
    method="post"
    action="/report"
    enctype="multipart/form-data"
    class="report-form plain-form"
    novalidate
  >
    <input type="hidden" name="language" value="${state.values.language}" />
    ${state.failure ? html`<div class="notice notice-error" role="alert">${state.failure}</div>` : null}
    ${part(
      "incident",
      html`${textField(w, state, "whatHappened", {
        label: w("intake.q.whatHappened"),
        hint: w("intake.hint.whatHappened"),
        area: true,
        required: true,
      })}${textField(w, state, "summary", { label: w("intake.q.summary"), hint: w("intake.hint.summary") })}${radioGroup(
        w,
        state,
        "ongoing",
        w("intake.q.ongoing"),
        yesNo,
      )}`,
    )}
    ${part(
      "contact",
      html`<p class="form-part-intro">${w("intake.hint.contact")}</p>
        ${textField(w, state, "reporterName", {
          label: w("intake.q.reporterName"),
          autocomplete: "name",
        })}${textField(w, state, "reporterEmail", {
          label: w("intake.q.reporterEmail"),
          type: "email",
          autocomplete: "email",
        })}${textField(w, state, "reporterPhone", {
          label: w("intake.q.reporterPhone"),
          type: "tel",
          autocomplete: "tel",
        })}${textField(w, state, "organisationName", {
          label: w("intake.q.organisationName"),
          autocomplete: "organization",
        })}`,
    )}
    ${part(
      "tlp",
      radioGroup(
        w,
        state,
        "tlp",
        w("intake.q.tlp"),
        TlpLabel.options.map((label) => ({ value: label, label, help: w(`intake.tlp.${tlpKey(label)}`) })),
        w("intake.hint.tlp"),
      ),
    )}
    ${part("nis2", radioGroup(w, state, "nis2Applies", w("intake.q.nis2Applies"), yesNo, w("intake.hint.nis2Applies")))}
    <div class="hp" aria-hidden="true">
      <label for="plain-website">${w("report.honeypot")}</label
      ><input id="plain-website" name="website" type="text" tabindex="-1" autocomplete="off" />
    </div>
    ${part(
      "files",
      html`<div class="field field-wide">
        <label for="plain-attachments">${w("attachments.label")}</label>
        <p id="plain-attachments-hint" class="field-hint">
          ${w("attachments.limits", {
            file: formatBytes(limits.maxAttachmentBytes),
            total: formatBytes(limits.maxReportBytes),
          })}
        </p>
        <input
          id="plain-attachments"
          name="attachments"
          type="file"
          multiple
          aria-describedby="plain-attachments-hint"
        />
      </div>`,
    )}
    <div class="form-submit">
      <button type="submit" class="btn btn-primary">${w("report.send")}</button>
      <p class="field-hint">${w("report.sendHint")}</p>
    </div>
  </form>`;
}
