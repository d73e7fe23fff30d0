import { useI18n } from "../../i18n/i18n";
import { usePageTitle } from "../../components/usePageTitle";
import { useSession } from "../session/session";
import { RoleName } from "../admin/users/RoleName";
import { TerritoryCode, TerritoryName } from "../../components/TerritoryName";
import { TodayPanel } from "../cases/TodayPanel";
import { MyServices } from "../services/MyServices";
import { AwaitingApprovals } from "../benefits/AwaitingApprovals";

/** The user's home: for caseworkers "Today" (caseload, visits, actions due, places offered, approvals), for
 * those who decide on benefits the decisions awaiting their second approval; for the others a welcome with
 * their roles and territories. */
export function WorkspaceHome() {
  const { t } = useI18n();
  usePageTitle(t("nav.workspace"));
  const { user, permissions } = useSession();
  if (!user) return null;
  const casework = permissions.has("case.read");
  return (
    <section className="page" aria-labelledby="workspace-title">
      <h1 id="workspace-title">{t("workspace.welcome", { name: user.display_name })}</h1>
      {casework ? (
        <section aria-labelledby="today-title">
          <h2 id="today-title">{t("today.title")}</h2>
          <TodayPanel
            supervise={permissions.has("case.supervise")}
            work={permissions.has("case.work")}
            enrolments={permissions.has("enrolment.work")}
          />
        </section>
      ) : null}
      {permissions.has("benefit.work") ? <AwaitingApprovals /> : null}
      <h2>{t("workspace.rolesTitle", { count: user.roles.length })}</h2>
      {user.roles.length === 0 ? (
        <p>{t("workspace.noRoles")}</p>
      ) : (
        <ul className="role-list">
          {user.roles.map((assignment) => (
            <li key={`${assignment.role}@${assignment.territory_code}`}>
              {t("workspace.roleAt", {
                role: RoleName.text(assignment.role, t),
                territory: TerritoryName.text({ code: assignment.territory_code, name: assignment.territory_name }, t),
              })}{" "}
              <TerritoryCode code={assignment.territory_code} besideName className="muted" />
            </li>
          ))}
        </ul>
      )}
      {permissions.has("provider.work") ? <MyServices /> : null}
      {casework || permissions.has("provider.work") ? null : (
        <div className="empty-state">
          <h2>{t("workspace.emptyTitle")}</h2>
          <p>{t("workspace.emptyBody")}</p>
        </div>
      )}
    </section>
  );
}
