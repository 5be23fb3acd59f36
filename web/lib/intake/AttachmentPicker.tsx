import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui/Button.js";
import { checkFiles, formatBytes } from "./limits.js";
import { useIntakeLimits } from "./useIntakeLimits.js";

interface Props {
  files: File[];
  onChange: (files: File[]) => void;
  label: string;
  id?: string;
}

/** Picks several files, states the server's limits up front and refuses too-large files before any upload. */
export function AttachmentPicker({ files, onChange, label, id }: Props) {
  const { t, i18n } = useTranslation();
  const auto = useId();
  const inputId = id ?? auto;
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const limits = useIntakeLimits();
  const size = (n: number) => formatBytes(n, i18n.language);

  const add = (list: FileList | null) => {
    const { accepted, problems: found } = checkFiles(files, [...(list ?? [])], limits);
    setProblems(
      found.map((p) =>
        p.kind === "file_too_large"
          ? t("attachments.fileTooLarge", { name: p.name, limit: size(limits.file) })
          : t("attachments.totalTooLarge", { limit: size(limits.total) }),
      ),
    );
    if (accepted.length > 0) onChange([...files, ...accepted]);
    // Reset so choosing the same file again (after removing it) fires a change.
    if (input.current) input.current.value = "";
  };

  const total = files.reduce((sum, f) => sum + f.size, 0);
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <div className={problems.length ? "field attachments field-invalid" : "field attachments"}>
      <label htmlFor={inputId}>{label}</label>
      <p id={hintId} className="field-hint">
        {t("attachments.limits", { file: size(limits.file), total: size(limits.total) })}
      </p>
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        aria-describedby={problems.length ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => add(e.target.files)}
      />
      {problems.length ? (
        <div id={errorId} className="field-error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      {files.length ? (
        <ul className="file-list" aria-label={t("attachments.chosen")}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span className="file-name">{f.name}</span>
              <span className="file-size">{size(f.size)}</span>
              <Button
                variant="quiet"
                onClick={() => onChange(files.filter((_, j) => j !== i))}
                aria-label={t("attachments.removeNamed", { name: f.name })}
              >
                {t("attachments.remove")}
              </Button>
            </li>
          ))}
          <li className="file-total">{t("attachments.total", { size: size(total) })}</li>
        </ul>
      ) : null}
    </div>
  );
}
