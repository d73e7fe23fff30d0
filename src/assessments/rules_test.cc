// The room's rules besides the engine: subjects, case ids, finished records, the summary.
#include "assessments/rules.h"

#include <gtest/gtest.h>

namespace socius::assessments {
namespace {

TEST(CheckSubject, WantsExactlyOne) {
  AssessmentInput in;
  EXPECT_EQ(CheckSubject(in).code(), "assessment.subject_required");
  in.person_id = "p";
  EXPECT_TRUE(CheckSubject(in).ok());
  in.household_id = "h";
  EXPECT_EQ(CheckSubject(in).code(), "assessment.subject_required");
  in.person_id.reset();
  EXPECT_TRUE(CheckSubject(in).ok());
}

TEST(CheckCaseId, AcceptsOpaqueReferencesOnly) {
  EXPECT_TRUE(CheckCaseId(std::nullopt).ok());
  EXPECT_TRUE(CheckCaseId("HRJ-2025-000123").ok());
  EXPECT_TRUE(CheckCaseId("0f8a_b").ok());
  for (const char* bad : {"", "has space", "semi;colon", "ü"}) {
    EXPECT_EQ(CheckCaseId(std::string(bad)).code(), "assessment.invalid_case_id") << bad;
  }
  EXPECT_EQ(CheckCaseId(std::string(65, 'a')).code(), "assessment.invalid_case_id");
}

TEST(CheckChange, AFinalAssessmentIsReadOnly) {
  EXPECT_TRUE(CheckChange(AssessmentStatus::kDraft).ok());
  core::Status s = CheckChange(AssessmentStatus::kFinal);
  EXPECT_EQ(s.code(), "assessment.finished");
  EXPECT_EQ(s.kind(), core::StatusKind::kConflict);
}

TEST(Summarize, CountsTheLatestScreeningOfEachHousehold) {
  const std::vector<ScreeningRow> rows = {
      {"h1", "RO:1", "Berca", "2026-01-01T00:00:00.000Z", {"poverty", "disability"}},
      {"h1", "RO:1", "Berca", "2026-03-01T00:00:00.000Z", {"disability"}},  // latest of h1
      {"h2", "RO:1", "Berca", "2026-02-01T00:00:00.000Z", {}},
      {"h3", "RO:2", "Pătârlagele", "2026-02-01T00:00:00.000Z", {"violence_risk", "retired"}},
  };
  ScreeningSummary s = Summarize(rows, {"poverty", "disability", "violence_risk"});
  EXPECT_EQ(s.households_screened, 3);
  EXPECT_EQ(s.households_vulnerable, 2);
  ASSERT_EQ(s.flags.size(), 4u);
  EXPECT_EQ(s.flags[0].code, "poverty");
  EXPECT_EQ(s.flags[0].households, 0);
  EXPECT_EQ(s.flags[1].households, 1);
  EXPECT_EQ(s.flags[2].households, 1);
  EXPECT_EQ(s.flags[3].code, "retired");  // a flag of an older version, after the form's own
  ASSERT_EQ(s.communities.size(), 2u);
  EXPECT_EQ(s.communities[0].code, "RO:1");
  EXPECT_EQ(s.communities[0].households_screened, 2);
  EXPECT_EQ(s.communities[0].households_vulnerable, 1);
}

}  // namespace
}  // namespace socius::assessments
