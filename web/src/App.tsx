import { Suspense, lazy, type ReactNode } from "react";
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

// The registry screens are loaded when first opened, keeping the first download small.
const RegistrySearchPage = lazy(() =>
  import("./features/registry/RegistrySearchPage").then((m) => ({ default: m.RegistrySearchPage })),
);
const NewPersonPage = lazy(() => import("./features/registry/NewPersonPage").then((m) => ({ default: m.NewPersonPage })));
const PersonPage = lazy(() => import("./features/registry/PersonPage").then((m) => ({ default: m.PersonPage })));
const HouseholdPage = lazy(() => import("./features/registry/HouseholdPage").then((m) => ({ default: m.HouseholdPage })));
const CasesListPage = lazy(() => import("./features/cases/CasesListPage").then((m) => ({ default: m.CasesListPage })));
const OpenCasePage = lazy(() => import("./features/cases/OpenCasePage").then((m) => ({ default: m.OpenCasePage })));
const CasePage = lazy(() => import("./features/cases/CasePage").then((m) => ({ default: m.CasePage })));
const CasePrintPage = lazy(() => import("./features/cases/CasePrintPage").then((m) => ({ default: m.CasePrintPage })));
const TeamPage = lazy(() => import("./features/cases/TeamPage").then((m) => ({ default: m.TeamPage })));
const CaseSettingsPage = lazy(() =>
  import("./features/cases/CaseSettingsPage").then((m) => ({ default: m.CaseSettingsPage })),
);
const AssessmentPage = lazy(() =>
  import("./features/assessments/AssessmentPage").then((m) => ({ default: m.AssessmentPage })),
);
const NewAssessmentPage = lazy(() =>
  import("./features/assessments/NewAssessmentPage").then((m) => ({ default: m.NewAssessmentPage })),
);
const ScreeningPage = lazy(() => import("./features/assessments/ScreeningPage").then((m) => ({ default: m.ScreeningPage })));
const QuestionnairesPage = lazy(() =>
  import("./features/assessments/QuestionnairesPage").then((m) => ({ default: m.QuestionnairesPage })),
);
const ServicesListPage = lazy(() =>
  import("./features/services/ServicesListPage").then((m) => ({ default: m.ServicesListPage })),
);
const ServicesMapPage = lazy(() =>
  import("./features/services/ServicesMapPage").then((m) => ({ default: m.ServicesMapPage })),
);
const ServicePage = lazy(() => import("./features/services/ServicePage").then((m) => ({ default: m.ServicePage })));
const ServiceFormPage = lazy(() =>
  import("./features/services/ServiceFormPage").then((m) => ({ default: m.ServiceFormPage })),
);
const ProvidersListPage = lazy(() =>
  import("./features/services/ProvidersListPage").then((m) => ({ default: m.ProvidersListPage })),
);
const ProviderPage = lazy(() => import("./features/services/ProviderPage").then((m) => ({ default: m.ProviderPage })));
const NewProviderPage = lazy(() =>
  import("./features/services/ProviderPage").then((m) => ({ default: m.NewProviderPage })),
);
const HelpRequestsPage = lazy(() =>
  import("./features/intake/HelpRequestsPage").then((m) => ({ default: m.HelpRequestsPage })),
);
const HelpRequestPage = lazy(() => import("./features/intake/HelpRequestPage").then((m) => ({ default: m.HelpRequestPage })));
const DuplicatesPage = lazy(() =>
  import("./features/duplicates/DuplicatesPage").then((m) => ({ default: m.DuplicatesPage })),
);
const DuplicateReviewPage = lazy(() =>
  import("./features/duplicates/DuplicateReviewPage").then((m) => ({ default: m.DuplicateReviewPage })),
);
const MergesPage = lazy(() => import("./features/duplicates/MergesPage").then((m) => ({ default: m.MergesPage })));
const ImportPage = lazy(() => import("./features/registry/ImportPage").then((m) => ({ default: m.ImportPage })));
const ProgrammesListPage = lazy(() =>
  import("./features/benefits/ProgrammesListPage").then((m) => ({ default: m.ProgrammesListPage })),
);
const ProgrammeFormPage = lazy(() =>
  import("./features/benefits/ProgrammeFormPage").then((m) => ({ default: m.ProgrammeFormPage })),
);
const ProgrammePage = lazy(() => import("./features/benefits/ProgrammePage").then((m) => ({ default: m.ProgrammePage })));
const ApplicationsListPage = lazy(() =>
  import("./features/benefits/ApplicationsListPage").then((m) => ({ default: m.ApplicationsListPage })),
);
const ApplicationFormPage = lazy(() =>
  import("./features/benefits/ApplicationFormPage").then((m) => ({ default: m.ApplicationFormPage })),
);
const ApplicationPage = lazy(() =>
  import("./features/benefits/ApplicationPage").then((m) => ({ default: m.ApplicationPage })),
);
const PaymentListsPage = lazy(() =>
  import("./features/benefits/PaymentListsPage").then((m) => ({ default: m.PaymentListsPage })),
);
const PaymentListPage = lazy(() =>
  import("./features/benefits/PaymentListPage").then((m) => ({ default: m.PaymentListPage })),
);
const DecisionsListPage = lazy(() =>
  import("./features/benefits/DecisionsListPage").then((m) => ({ default: m.DecisionsListPage })),
);
const MonthlyReportPage = lazy(() =>
  import("./features/reports/MonthlyReportPage").then((m) => ({ default: m.MonthlyReportPage })),
);
const ReportRecordsPage = lazy(() =>
  import("./features/reports/ReportRecordsPage").then((m) => ({ default: m.ReportRecordsPage })),
);
// The dashboard alone brings chart.js.
const DashboardPage = lazy(() => import("./features/reports/DashboardPage").then((m) => ({ default: m.DashboardPage })));
const Dhis2MappingPage = lazy(() =>
  import("./features/reports/Dhis2MappingPage").then((m) => ({ default: m.Dhis2MappingPage })),
);
const DecisionPage = lazy(() => import("./features/benefits/DecisionPage").then((m) => ({ default: m.DecisionPage })));

function Loading() {
  const { t } = useI18n();
  return (
    <p className="page" role="status">
      {t("common.loading")}
    </p>
  );
}

function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  const anyOf = typeof permission === "string" ? [permission] : permission;
  if (!anyOf.some((p) => permissions.has(p))) {
    return (
      <section className="page">
        <h1>{t("error.forbiddenTitle")}</h1>
        <p>{t("error.forbiddenBody")}</p>
      </section>
    );
  }
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
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
          path="registry"
          element={
            <RequirePermission permission="person.read">
              <RegistrySearchPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/persons/new"
          element={
            <RequirePermission permission="person.write">
              <NewPersonPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/persons/:id"
          element={
            <RequirePermission permission="person.read">
              <PersonPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/households/new"
          element={
            <RequirePermission permission="person.write">
              <HouseholdPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/households/:id"
          element={
            <RequirePermission permission="person.read">
              <HouseholdPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/import"
          element={
            <RequirePermission permission="person.import">
              <ImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/duplicates"
          element={
            <RequirePermission permission="person.merge">
              <DuplicatesPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/duplicates/:id"
          element={
            <RequirePermission permission="person.merge">
              <DuplicateReviewPage />
            </RequirePermission>
          }
        />
        <Route
          path="registry/merges"
          element={
            <RequirePermission permission="person.merge">
              <MergesPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases"
          element={
            <RequirePermission permission="case.read">
              <CasesListPage />
            </RequirePermission>
          }
        />
        <Route
          path="team"
          element={
            <RequirePermission permission="case.supervise">
              <TeamPage />
            </RequirePermission>
          }
        />
        <Route
          path="assessments/new"
          element={
            <RequirePermission permission="assessment.write">
              <NewAssessmentPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases/new"
          element={
            <RequirePermission permission="case.work">
              <OpenCasePage />
            </RequirePermission>
          }
        />
        <Route
          path="assessments/:id"
          element={
            <RequirePermission permission="assessment.read">
              <AssessmentPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases/:id"
          element={
            <RequirePermission permission="case.read">
              <CasePage />
            </RequirePermission>
          }
        />
        <Route
          path="screening"
          element={
            <RequirePermission permission="screening.read">
              <ScreeningPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases/:id/print"
          element={
            <RequirePermission permission="case.read">
              <CasePrintPage />
            </RequirePermission>
          }
        />
        <Route
          path="services"
          element={
            <RequirePermission permission={["service.read", "provider.work"]}>
              <ServicesListPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/new"
          element={
            <RequirePermission permission="service.manage">
              <ServiceFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/map"
          element={
            <RequirePermission permission="service.read">
              <ServicesMapPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/:id"
          element={
            <RequirePermission permission={["service.read", "provider.work"]}>
              <ServicePage />
            </RequirePermission>
          }
        />
        <Route
          path="services/:id/edit"
          element={
            <RequirePermission permission="service.manage">
              <ServiceFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="help-requests"
          element={
            <RequirePermission permission="case.work">
              <HelpRequestsPage />
            </RequirePermission>
          }
        />
        <Route
          path="help-requests/:id"
          element={
            <RequirePermission permission="case.work">
              <HelpRequestPage />
            </RequirePermission>
          }
        />
        <Route
          path="providers"
          element={
            <RequirePermission permission={["service.read", "provider.work"]}>
              <ProvidersListPage />
            </RequirePermission>
          }
        />
        <Route
          path="providers/new"
          element={
            <RequirePermission permission="service.manage">
              <NewProviderPage />
            </RequirePermission>
          }
        />
        <Route
          path="providers/:id"
          element={
            <RequirePermission permission={["service.read", "provider.work"]}>
              <ProviderPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/programmes"
          element={
            <RequirePermission permission={["benefit.read", "programme.manage"]}>
              <ProgrammesListPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/programmes/new"
          element={
            <RequirePermission permission={"programme.manage"}>
              <ProgrammeFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/programmes/:id"
          element={
            <RequirePermission permission={["benefit.read", "programme.manage"]}>
              <ProgrammePage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/programmes/:id/edit"
          element={
            <RequirePermission permission={"programme.manage"}>
              <ProgrammeFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/applications"
          element={
            <RequirePermission permission={"benefit.read"}>
              <ApplicationsListPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/applications/new"
          element={
            <RequirePermission permission={"benefit.work"}>
              <ApplicationFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/applications/:id"
          element={
            <RequirePermission permission={"benefit.read"}>
              <ApplicationPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/payments"
          element={
            <RequirePermission permission={"benefit.read"}>
              <PaymentListsPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/payments/:id"
          element={
            <RequirePermission permission={"benefit.read"}>
              <PaymentListPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/decisions"
          element={
            <RequirePermission permission={"benefit.read"}>
              <DecisionsListPage />
            </RequirePermission>
          }
        />
        <Route
          path="benefits/decisions/:id"
          element={
            <RequirePermission permission={"benefit.read"}>
              <DecisionPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports"
          element={
            <RequirePermission permission="report.read">
              <MonthlyReportPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports/records"
          element={
            <RequirePermission permission="report.drill">
              <ReportRecordsPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports/dashboard"
          element={
            <RequirePermission permission="report.read">
              <DashboardPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/dhis2"
          element={
            <RequirePermission permission="report.configure">
              <Dhis2MappingPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/case-settings"
          element={
            <RequirePermission permission={["case.supervise", "territory.write"]}>
              <CaseSettingsPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/questionnaires"
          element={
            <RequirePermission permission="questionnaire.write">
              <QuestionnairesPage />
            </RequirePermission>
          }
        />
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
