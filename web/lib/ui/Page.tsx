import { type ReactNode, useEffect, useRef } from "react";
import { navigationCount } from "../router.js";

/** A page's heading; after an in-app navigation it takes focus so screen readers announce the page. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigationCount() > 0) ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} · Fyr`;
  }, [title]);
  return (
    <header className="page-header">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

/** A titled panel grouping one task on a page. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** The "skip to content" link, first in the tab order. */
export function SkipLink({ label }: { label: string }) {
  return (
    <a className="skip-link" href="#main">
      {label}
    </a>
  );
}
