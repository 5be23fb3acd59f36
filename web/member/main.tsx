import { QueryCache, QueryClient, QueryClientProvider, MutationCache } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "../lib/api/client.js";
import { setUpI18n } from "../lib/i18n/index.js";
import "../lib/ui/base.css";
import "../lib/intake/intake.css";
import "../console/console.css";
import "./member.css";
import { App } from "./App.js";
import { ME_KEY } from "../console/session.js";

// A lost session (401) anywhere sends the person back to sign-in; a 2FA requirement to enrolment.
function onApiError(client: QueryClient, err: unknown): void {
  if (!(err instanceof ApiError)) return;
  if (err.status === 401 && err.code === "unauthenticated") client.setQueryData(ME_KEY, null);
  if (err.code === "totp_enrolment_required") void client.invalidateQueries({ queryKey: ME_KEY });
}

async function start(): Promise<void> {
  await setUpI18n();
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
  if (!root) throw new Error("#root missing from member/index.html");
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
