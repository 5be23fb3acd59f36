import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { staffRolesOf } from "../../../contract/roles.js";
import type { Me } from "../../lib/api/types.js";
import { Link } from "../../lib/router.js";
import { Button } from "../../lib/ui/Button.js";
import { PageHeader, SkipLink } from "../../lib/ui/Page.js";
import { matchConsoleRoute, mayOpen, navigationFor, normalisePath } from "../routes.js";
import { SCREENS } from "../screens.js";
import { useSignOut } from "../session.js";
import { UnreadSignals } from "./unread/UnreadSignals.js";

/**
 * The signed-in console: top bar, navigation and the current page, all from the route table
 * (routes.ts). On a narrow screen the navigation folds behind a menu button.
 */
export function Shell({ me, path }: { me: Me; path: string }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const [menuOpen, setMenuOpen] = useState(false);
  const current = normalisePath(path);
  const match = matchConsoleRoute(current);
  const allowed = match !== null && mayOpen(match.route, staffRolesOf(me.roles));
  // A report's own page belongs to the Reports item, an incident's to Incidents.
  const section = match && "section" in match.route ? match.route.section : match?.route.id;
  const nav = navigationFor(staffRolesOf(me.roles));

  // Following a link (or going back) folds the menu again.
  useEffect(() => setMenuOpen(false), [current]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setMenuOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className="shell">
      <SkipLink label={t("common.skipToContent")} />
      <UnreadSignals me={me} />
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="console-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="menu-icon" aria-hidden="true" />
          {t("nav.menu")}
        </button>
        <Link to="/console" className="brand">
          <img src="/favicon.svg" alt="" width="22" height="22" />
          Fyr <span className="brand-sub">{t("console.name")}</span>
        </Link>
        <div className="topbar-user">
          <span className="topbar-name">{me.name}</span>
          <span className="topbar-email">{me.email}</span>
          <Button variant="quiet" onClick={() => void signOut()}>
            {t("nav.signOut")}
          </Button>
        </div>
      </header>
      <nav id="console-nav" className={menuOpen ? "sidenav open" : "sidenav"} aria-label={t("nav.label")}>
        <ul>
          {nav.map((n) => (
            <li key={n.id}>
              <Link to={n.path} aria-current={n.path === current ? "page" : n.id === section ? "location" : undefined}>
                {t(n.navKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {match && allowed ? SCREENS[match.route.id]({ me, params: match.params }) : <NotFound />}
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <p>{t("notFound.body")}</p>
      <Link to="/console">{t("notFound.back")}</Link>
    </>
  );
}
