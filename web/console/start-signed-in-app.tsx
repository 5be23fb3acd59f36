import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, type ComponentType } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "../lib/api/client.js";
import { setUpI18n } from "../lib/i18n/index.js";
import { messages } from "../lib/i18n/messages.js";
import { ME_KEY } from "./session.js";

// The console and the member area start alike: one session (ME_KEY), the same retry rules and the same
// answer to a lost session, so a fix to either reaches both.

// A lost session (401) anywhere sends the person back to sign-in; a 2FA requirement to enrolment.
function onApiError(client: QueryClient, err: unknown): void {
  if (!(err instanceof ApiError)) return;
  if (err.status === 401 && err.code === "unauthenticated") client.setQueryData(ME_KEY, null);
  if (err.code === "totp_enrolment_required") void client.invalidateQueries({ queryKey: ME_KEY });
}

/** Mounts a signed-in app into #root of `page` (named in the error when the page lacks it). */
export async function startSignedInApp(App: ComponentType, page: string): Promise<void> {
  await setUpI18n(messages);
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err) => onApiError(client, err) }),
    mutationCache: new MutationCache({ onError: (err) => onApiError(client, err) }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      },
    },
  });
  const root = document.getElementById("root");
  if (!root) throw new Error(`#root missing from ${page}`);
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
