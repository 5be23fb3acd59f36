import { useTranslation } from "react-i18next";
import { formatBytes } from "../../../lib/intake/limits.js";

/** A raw message as evidence: the .eml download with its size and SHA-256 (first mail and replies alike). */
export function RawMessageLink(props: {
  href: string;
  filename: string;
  label: string;
  size: number | null;
  sha256: string | null;
}) {
  const { i18n } = useTranslation();
  return (
    <>
      <a href={props.href} download={props.filename}>
        {props.label}
      </a>
      {props.size !== null ? ` (${formatBytes(props.size, i18n.language)})` : ""}
      {props.sha256 ? (
        <>
          {" "}
          · SHA-256 <code className="hash">{props.sha256}</code>
        </>
      ) : null}
    </>
  );
}
