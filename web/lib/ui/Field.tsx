import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and error message, both tied to it for screen readers. */
export function TextField({ label, error, hint, id, className, ref, ...input }: FieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", error ? "field-invalid" : "", className].filter(Boolean).join(" ")}>
      <label htmlFor={inputId}>{label}</label>
      <input ref={ref} id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
}

/** A checkbox with its label to the right; the whole label is clickable. */
export function CheckboxField({ label, id, ...input }: CheckboxProps) {
  const auto = useId();
  const inputId = id ?? auto;
  return (
    <div className="check">
      <input id={inputId} type="checkbox" {...input} />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  options: { value: string; label: string }[];
}

/** A labelled native select. */
export function SelectField({ label, options, id, ...select }: SelectProps) {
  const auto = useId();
  const selectId = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface FieldsetProps {
  legend: string;
  children: ReactNode;
  error?: string | undefined;
}

/** Groups related controls (such as role checkboxes) under a legend. */
export function Fieldset({ legend, children, error }: FieldsetProps) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {children}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
