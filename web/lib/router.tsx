import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

// A small history-API router: the console has a handful of flat routes, not worth a dependency.
const NAVIGATE_EVENT = "fyr:navigate";
let navigations = 0;

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path (without query or hash); re-renders on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current query string as URLSearchParams; re-renders on navigation. */
export function useSearch(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return new URLSearchParams(search);
}

/** How many in-app navigations happened (0 on first load): pages move focus only after one. */
export function navigationCount(): number {
  return navigations;
}

/** Goes to a path inside the app without reloading. */
export function navigate(
  to: string,
  { replace = false, state = null }: { replace?: boolean; state?: unknown } = {},
): void {
  if (to === window.location.pathname + window.location.search && state === null) return;
  if (replace) window.history.replaceState(state, "", to);
  else window.history.pushState(state, "", to);
  navigations += 1;
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates in-app on a plain click (new tab etc. still work). */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
