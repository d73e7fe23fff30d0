import { useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** Header with the user, language and logout; navigation; the routed page. */
export function Shell() {
  const { t } = useI18n();
  const { user, permissions, logout } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, put keyboard and screen-reader focus on the new page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  if (!user) return null;
  const forced = user.must_change_password;
  const admin = {
    caseSettings: permissions.has("case.supervise") || permissions.has("territory.write"),
    territories: permissions.has("territory.write"),
    users: permissions.has("user.read"),
    audit: permissions.has("audit.read"),
    questionnaires: permissions.has("questionnaire.write"),
    dhis2: permissions.has("report.configure"),
  };
  const showAdmin =
    !forced && (admin.territories || admin.users || admin.audit || admin.caseSettings || admin.questionnaires || admin.dhis2);

  async function doLogout() {
    setBusy(true);
    try {
      await logout();
    } catch {
      // The session is forgotten here all the same; one the server could not end expires there.
    } finally {
      setBusy(false);
      void navigate("/login", { replace: true });
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <div className="topbar-right">
          <span className="user-name" data-testid="current-user">
            {user.display_name}
          </span>
          <LanguageSwitcher />
          <button type="button" className="button-secondary" onClick={() => void doLogout()} disabled={busy}>
            {t("shell.logout")}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav className="sidenav" aria-label={t("nav.label")}>
          {forced ? null : (
            <ul>
              <li>
                <NavLink to="/" end>
                  {t("nav.workspace")}
                </NavLink>
              </li>
              {permissions.has("case.work") ? (
                <li>
                  <NavLink to="/help-requests">{t("nav.helpRequests")}</NavLink>
                </li>
              ) : null}
              {permissions.has("case.read") ? (
                <li>
                  <NavLink to="/cases">{t("nav.cases")}</NavLink>
                </li>
              ) : null}
              {permissions.has("case.supervise") ? (
                <li>
                  <NavLink to="/team">{t("nav.team")}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/account/password">{t("nav.password")}</NavLink>
              </li>
            </ul>
          )}
          {!forced && permissions.has("person.read") ? (
            <div className="nav-group">
              <h2 id="nav-registry">{t("nav.registryGroup")}</h2>
              <ul aria-labelledby="nav-registry">
                <li>
                  <NavLink to="/registry" end>
                    {t("nav.registry")}
                  </NavLink>
                </li>
                {permissions.has("person.import") ? (
                  <li>
                    <NavLink to="/registry/import">{t("nav.import")}</NavLink>
                  </li>
                ) : null}
                {permissions.has("person.merge") ? (
                  <li>
                    <NavLink to="/registry/duplicates">{t("nav.duplicates")}</NavLink>
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
          {!forced && (permissions.has("service.read") || permissions.has("provider.work")) ? (
            <div className="nav-group">
              <h2 id="nav-services">{t("nav.servicesGroup")}</h2>
              <ul aria-labelledby="nav-services">
                <li>
                  <NavLink to="/services">{t("nav.services")}</NavLink>
                </li>
                <li>
                  <NavLink to="/providers">{t("nav.providers")}</NavLink>
                </li>
              </ul>
            </div>
          ) : null}
          {!forced && (permissions.has("benefit.read") || permissions.has("programme.manage")) ? (
            <div className="nav-group">
              <h2 id="nav-benefits">{t("nav.benefitsGroup")}</h2>
              <ul aria-labelledby="nav-benefits">
                <li>
                  <NavLink to="/benefits/programmes">{t("nav.programmes")}</NavLink>
                </li>
                {permissions.has("benefit.read") ? (
                  <>
                    <li>
                      <NavLink to="/benefits/applications">{t("nav.applications")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/benefits/decisions">{t("nav.decisions")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/benefits/payments">{t("nav.payments")}</NavLink>
                    </li>
                  </>
                ) : null}
              </ul>
            </div>
          ) : null}
          {!forced && permissions.has("screening.read") ? (
            <div className="nav-group">
              <h2 id="nav-assessments">{t("nav.assessmentsGroup")}</h2>
              <ul aria-labelledby="nav-assessments">
                <li>
                  <NavLink to="/screening">{t("nav.screening")}</NavLink>
                </li>
              </ul>
            </div>
          ) : null}
          {!forced && permissions.has("report.read") ? (
            <div className="nav-group">
              <h2 id="nav-reports">{t("nav.reportsGroup")}</h2>
              <ul aria-labelledby="nav-reports">
                <li>
                  <NavLink to="/reports" end>
                    {t("nav.reports")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/reports/dashboard">{t("nav.dashboard")}</NavLink>
                </li>
              </ul>
            </div>
          ) : null}
          {showAdmin ? (
            <div className="nav-group">
              <h2 id="nav-admin">{t("nav.administration")}</h2>
              <ul aria-labelledby="nav-admin">
                {admin.territories ? (
                  <li>
                    <NavLink to="/admin/territories">{t("nav.territories")}</NavLink>
                  </li>
                ) : null}
                {admin.caseSettings ? (
                  <li>
                    <NavLink to="/admin/case-settings">{t("nav.caseSettings")}</NavLink>
                  </li>
                ) : null}
                {admin.users ? (
                  <li>
                    <NavLink to="/admin/users">{t("nav.users")}</NavLink>
                  </li>
                ) : null}
                {admin.audit ? (
                  <li>
                    <NavLink to="/admin/audit">{t("nav.audit")}</NavLink>
                  </li>
                ) : null}
                {admin.questionnaires ? (
                  <li>
                    <NavLink to="/admin/questionnaires">{t("nav.questionnaires")}</NavLink>
                  </li>
                ) : null}
                {admin.dhis2 ? (
                  <li>
                    <NavLink to="/admin/dhis2">{t("nav.dhis2")}</NavLink>
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
        </nav>
        <main className="content" id="main" tabIndex={-1} ref={mainRef}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
