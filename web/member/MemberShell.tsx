import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, setCsrfToken } from "../lib/api/client.js";
import type { Me } from "../lib/api/types.js";
import { Link, navigate } from "../lib/router.js";
import { Button } from "../lib/ui/Button.js";
import { PageHeader, SkipLink } from "../lib/ui/Page.js";
import { TokensSection } from "../console/screens/account/TokensSection.js";
import { ME_KEY } from "../console/session.js";
import { CoordinationCaseScreen, CoordinationListScreen } from "./CoordinationScreen.js";
import { EventsScreen } from "./EventsScreen.js";
import { MyForumScreen, MyForumsScreen } from "./ForumsScreen.js";
import { OrganisationScreen } from "./OrganisationScreen.js";
import { RequestsScreen } from "./RequestsScreen.js";

const PAGES = [
  { path: "/member", key: "member.nav.organisation" },
  { path: "/member/events", key: "member.nav.events" },
  { path: "/member/requests", key: "member.nav.requests" },
  { path: "/member/forums", key: "forums.my.nav" },
  { path: "/member/tokens", key: "member.nav.tokens" },
  { path: "/member/coordination", key: "coordination.title" },
] as const;

/** An external member (another CERT's, bound to no organisation) has their forums and account alone. */
const EXTERNAL_PAGES = PAGES.filter((p) => p.path === "/member/forums" || p.path === "/member/tokens");

/** The signed-in member area: navigation and the current page. */
export function MemberShell({ me, path }: { me: Me; path: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = path.replace(/\/+$/, "") || "/member";
  const external = me.organisationId === null;
  const forumId = /^\/member\/forums\/([0-9a-f-]{36})$/.exec(current)?.[1];
  const signOut = async () => {
    try {
      await api("POST", "/auth/logout");
    } catch {
      // Gone on the server already: sign out here all the same.
    }
    setCsrfToken(null);
    client.setQueryData(ME_KEY, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    navigate("/member");
  };
  let page;
  if (forumId) page = <MyForumScreen key={forumId} id={forumId} />;
  else if (current === "/member/forums" || (external && current !== "/member/tokens")) page = <MyForumsScreen />;
  else if (current === "/member/requests") page = <RequestsScreen />;
  else if (current === "/member/events") page = <EventsScreen />;
  else if (current === "/member/coordination") page = <CoordinationListScreen />;
  else if (current.startsWith("/member/coordination/"))
    page = <CoordinationCaseScreen reference={decodeURIComponent(current.slice("/member/coordination/".length))} />;
  else if (current === "/member/tokens")
    page = (
      <>
        <PageHeader title={t("member.tokens.title")} />
        <p>{t("member.tokens.intro")}</p>
        <TokensSection />
      </>
    );
  else page = <OrganisationScreen />;
  return (
    <div className="shell">
      <SkipLink label={t("common.skipToContent")} />
      <header className="topbar">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="22" height="22" />
          Fyr <span className="brand-sub">{t("member.name")}</span>
        </span>
        <span className="topbar-user">{me.name}</span>
        <Button variant="quiet" onClick={() => void signOut()}>
          {t("member.nav.signOut")}
        </Button>
      </header>
      <nav className="sidenav" aria-label={t("member.name")}>
        <ul>
          {(external ? EXTERNAL_PAGES : PAGES).map((p) => (
            <li key={p.path}>
              <Link
                to={p.path}
                aria-current={current === p.path || (p.path === "/member/forums" && forumId) ? "page" : undefined}
              >
                {t(p.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {page}
      </main>
    </div>
  );
}
