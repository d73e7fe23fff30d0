#include "auth/roles.h"

#include <array>
#include <utility>

namespace socius::auth {
namespace {

struct RoleRow {
  Role role;
  std::string_view name;
  std::vector<Permission> permissions;
};

using P = Permission;

// docs/api-contract.md, "Roles → permissions". The one table of who may do what.
const std::vector<RoleRow>& RoleTable() {
  static const std::vector<RoleRow> table = {
      {Role::kSocialWorker,
       "social_worker",
       {P::kTerritoryRead, P::kPersonRead, P::kPersonWrite, P::kCaseRead, P::kCaseWork,
        P::kAssessmentRead, P::kAssessmentWrite, P::kScreeningRead, P::kServiceRead,
        P::kEnrolmentWork, P::kBenefitRead}},
      {Role::kHeadOfService,
       "head_of_service",
       {P::kTerritoryRead, P::kUserRead, P::kPersonRead, P::kPersonWrite, P::kPersonImport,
        P::kCaseRead, P::kCaseWork, P::kCaseSupervise, P::kAssessmentRead, P::kAssessmentWrite,
        P::kScreeningRead, P::kServiceRead, P::kServiceManage, P::kEnrolmentWork, P::kBenefitRead,
        P::kBenefitWork, P::kReportRead, P::kReportDrill, P::kPersonMerge}},
      {Role::kBenefitsOfficer,
       "benefits_officer",
       {P::kTerritoryRead, P::kPersonRead, P::kCaseRead, P::kServiceRead, P::kBenefitRead,
        P::kBenefitWork}},
      {Role::kCommissionMember,
       "commission_member",
       {P::kTerritoryRead, P::kPersonRead, P::kCaseRead, P::kServiceRead}},
      {Role::kProviderStaff, "provider_staff", {P::kTerritoryRead, P::kProviderWork}},
      {Role::kAnalyst,
       "analyst",
       {P::kTerritoryRead, P::kScreeningRead, P::kServiceRead, P::kReportRead}},
      {Role::kAdministrator,
       "administrator",
       {P::kTerritoryRead, P::kTerritoryWrite, P::kUserRead,        P::kUserWrite,
        P::kAuditRead,     P::kPersonRead,     P::kPersonWrite,     P::kPersonImport,
        P::kCaseRead,      P::kAssessmentRead, P::kAssessmentWrite, P::kQuestionnaireWrite,
        P::kScreeningRead, P::kServiceRead,    P::kServiceManage,   P::kProgrammeManage,
        P::kBenefitRead,   P::kReportRead,     P::kReportDrill,     P::kReportConfigure,
        P::kPersonMerge,   P::kDedupRun}},
      {Role::kAuditor, "auditor", {P::kTerritoryRead, P::kAuditRead}},
  };
  return table;
}

const RoleRow& RowOf(Role role) {
  for (const RoleRow& row : RoleTable()) {
    if (row.role == role) return row;
  }
  return RoleTable().front();  // unreachable: every enumerator has a row
}

}  // namespace

std::string_view Name(Role role) { return RowOf(role).name; }

std::optional<Role> ParseRole(std::string_view name) {
  for (const RoleRow& row : RoleTable()) {
    if (row.name == name) return row.role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const RoleRow& row : RoleTable()) out.push_back(row.role);
    return out;
  }();
  return roles;
}

std::string_view Name(Permission permission) {
  switch (permission) {
    case Permission::kTerritoryRead:
      return "territory.read";
    case Permission::kTerritoryWrite:
      return "territory.write";
    case Permission::kUserRead:
      return "user.read";
    case Permission::kUserWrite:
      return "user.write";
    case Permission::kAuditRead:
      return "audit.read";
    case Permission::kPersonRead:
      return "person.read";
    case Permission::kPersonWrite:
      return "person.write";
    case Permission::kPersonImport:
      return "person.import";
    case Permission::kCaseRead:
      return "case.read";
    case Permission::kCaseWork:
      return "case.work";
    case Permission::kCaseSupervise:
      return "case.supervise";
    case Permission::kAssessmentRead:
      return "assessment.read";
    case Permission::kAssessmentWrite:
      return "assessment.write";
    case Permission::kQuestionnaireWrite:
      return "questionnaire.write";
    case Permission::kScreeningRead:
      return "screening.read";
    case Permission::kServiceRead:
      return "service.read";
    case Permission::kServiceManage:
      return "service.manage";
    case Permission::kEnrolmentWork:
      return "enrolment.work";
    case Permission::kProviderWork:
      return "provider.work";
    case Permission::kProgrammeManage:
      return "programme.manage";
    case Permission::kBenefitRead:
      return "benefit.read";
    case Permission::kBenefitWork:
      return "benefit.work";
    case Permission::kReportRead:
      return "report.read";
    case Permission::kReportDrill:
      return "report.drill";
    case Permission::kReportConfigure:
      return "report.configure";
    case Permission::kPersonMerge:
      return "person.merge";
    case Permission::kDedupRun:
      return "dedup.run";
  }
  return "unknown";
}

const std::vector<Permission>& PermissionsOf(Role role) { return RowOf(role).permissions; }

}  // namespace socius::auth
