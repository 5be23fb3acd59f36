import { useEffect } from "react";

// Another part of the incident page asks the composer to start from an advice template (resolving
// offers the closing message): a window event, so neither component has to hold the other's state.

const EVENT = "fyr:compose-template";

/** Asks the composer on this page to load the template `key` and brings it into view. */
export function requestTemplate(key: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: key }));
  document.getElementById("composer")?.scrollIntoView({ block: "start" });
}

/** The composer's side: `onRequest(key)` whenever a template is asked for. */
export function useTemplateRequests(onRequest: (key: string) => void): void {
  useEffect(() => {
    const listener = (e: Event) => {
      if (e instanceof CustomEvent && typeof e.detail === "string") onRequest(e.detail);
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [onRequest]);
}
