#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socius::auth {

// DESIGN §3. The wire names (Name) are stable API values.
enum class Role {
  kSocialWorker,      // social_worker
  kHeadOfService,     // head_of_service
  kBenefitsOfficer,   // benefits_officer
  kCommissionMember,  // commission_member
  kProviderStaff,     // provider_staff
  kAnalyst,           // analyst: aggregates only, never names
  kAdministrator,     // administrator
  kAuditor,           // auditor: reads the audit log
};

// What a role lets its holder do, within the territory subtree of the grant.
enum class Permission {
  kTerritoryRead,
  kTerritoryWrite,
  kUserRead,
  kUserWrite,
  kAuditRead,
  kPersonRead,
  kPersonWrite,
  kPersonImport,
  kCaseRead,
  kCaseWork,
  kCaseSupervise,
  // The assessments room.
  kAssessmentRead,
  kAssessmentWrite,
  kQuestionnaireWrite,
  kScreeningRead,  // aggregate counts of household screenings, never names
  // The services room.
  kServiceRead,    // providers and services: the catalogue, never a person's name
  kServiceManage,  // create and change providers and services
  kEnrolmentWork,  // enrol persons into services, move their enrolments
  kProviderWork,   // as a provider's staff: its services, their persons, attendance
  // The benefits room.
  kProgrammeManage,  // define benefit programmes, their rules and budgets
  kBenefitRead,      // programmes; applications and decisions of households in scope
  kBenefitWork,      // record applications, decide, approve a second time
  // The reports room.
  kReportRead,   // aggregate figures of the territory; suppressed without kReportDrill
  kReportDrill,  // the records behind a figure, names included (audited)
  kReportConfigure,

  // Deduplication (src/dedup).
  kPersonMerge,  // review possible duplicates, merge persons and undo merges
  kDedupRun,     // start a batch search for duplicates over a territory  // the aggregate-export
                 // mapping (DHIS2 data elements, org units)
};

std::string_view Name(Role role);
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();
std::string_view Name(Permission permission);
// The permissions `role` carries. The one table of who may do what.
const std::vector<Permission>& PermissionsOf(Role role);

}  // namespace socius::auth
