import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { useI18n } from "./i18n/i18n";
import { ChangePasswordPage } from "./features/account/password/ChangePasswordPage";
import { AuditPage } from "./features/admin/audit/AuditPage";
import { TerritoriesPage } from "./features/admin/territories/TerritoriesPage";
import { NewUserPage } from "./features/admin/users/NewUserPage";
import { UserDetailPage } from "./features/admin/users/UserDetailPage";
import { UsersPage } from "./features/admin/users/UsersPage";
import { LoginPage } from "./features/login/LoginPage";
import { useSession } from "./features/session/session";
import { Shell } from "./features/shell/Shell";
import { WorkspaceHome } from "./features/shell/WorkspaceHome";

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  if (!permissions.has(permission)) {
    return (
      <section className="page">
        <h1>{t("error.forbiddenTitle")}</h1>
        <p>{t("error.forbiddenBody")}</p>
      </section>
    );
  }
  return <>{children}</>;
}

export function App() {
  const { t } = useI18n();
  const { status, user } = useSession();
  const location = useLocation();

  if (status === "loading") {
    return (
      <p className="loading-screen" role="status">
        {t("common.loading")}
      </p>
    );
  }
  if (status === "anonymous" || !user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  if (user.must_change_password && location.pathname !== "/account/password") {
    return <Navigate to="/account/password" replace />;
  }
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={from && from !== "/login" ? from : "/"} replace />} />
      <Route element={<Shell />}>
        <Route index element={<WorkspaceHome />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route
          path="admin/territories"
          element={
            <RequirePermission permission="territory.read">
              <TerritoriesPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/users/new"
          element={
            <RequirePermission permission="user.write">
              <NewUserPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/users/:id"
          element={
            <RequirePermission permission="user.read">
              <UserDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="*"
          element={
            <section className="page">
              <h1>{t("error.notFoundTitle")}</h1>
              <p>{t("error.notFoundBody")}</p>
            </section>
          }
        />
      </Route>
    </Routes>
  );
}
