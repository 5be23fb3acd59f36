import { type ReactNode, type TextareaHTMLAttributes, useId } from "react";

interface RadioGroupProps<V extends string> {
  /** Becomes the first radio's id, so an error summary or focus can point at the group. */
  id: string;
  name: string;
  legend: ReactNode;
  options: readonly { value: V; label: ReactNode; help?: ReactNode }[];
  value: V | "";
  onChange: (value: V) => void;
  error?: string | undefined;
  hint?: ReactNode;
  /** Lay the options out side by side (short answers such as yes / no / don't know). */
  inline?: boolean;
}

/** A set of radio buttons under a legend; hint and error are tied to the group for screen readers. */
export function RadioGroup<V extends string>(props: RadioGroupProps<V>) {
  const { id, name, legend, options, value, onChange, error, hint, inline = false } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={["fieldset", "choice", error ? "field-invalid" : ""].filter(Boolean).join(" ")}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
    >
      <legend>{legend}</legend>
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
      <div className={inline ? "choice-options choice-inline" : "choice-options"}>
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          const helpId = o.help ? `${optionId}-help` : undefined;
          return (
            <div className="choice-option" key={o.value}>
              <input
                type="radio"
                id={optionId}
                name={name}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
                aria-describedby={helpId}
                aria-invalid={error ? true : undefined}
              />
              <div className="choice-text">
                <label htmlFor={optionId}>{o.label}</label>
                {o.help ? (
                  <span id={helpId} className="choice-help">
                    {o.help}
                  </span>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
}

/** A labelled multi-line text box with an optional hint and error. */
export function TextAreaField({ label, error, hint, id, className, rows = 4, ...rest }: TextAreaProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={["field", "field-wide", error ? "field-invalid" : "", className].filter(Boolean).join(" ")}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={inputId}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...rest}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
