import type { ReactNode } from "react";

type Tone = "error" | "success" | "info" | "warning";

/** A message block: errors are announced at once (role=alert), the rest politely (role=status). */
export function Notice({ tone = "info", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** A small coloured label, e.g. a status or a role. */
export function Badge({
  tone = "neutral",
  children,
}: {
  tone?: "neutral" | "good" | "bad" | "warn";
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
