// The person import on both backends: format, mapping, row errors, modes, duplicates, resume.
#include "registry/import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <sstream>

#include "registry/identifiers.h"
#include "registry/test_fixture.h"

namespace socius::registry {
namespace {

using core::Result;

class ImportTest : public testing::RegistryDatabaseTest {
 protected:
  Result<ImportReport> Import(const std::string& csv, ImportOptions options = {},
                              const ImportProgress& progress = nullptr) {
    std::istringstream in(csv);
    options.file_name = "persons.csv";
    return ImportPersonsCsv(db(), &index_, in, options, progress);
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db().Read([&](store::Session& tx) -> core::Status {
                      auto rows = tx.Query(sql);
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  }

  // `n` valid rows (n <= 50) of one name in one community, born in 1950, 1951, ...
  static std::string AnaPopRows(int n) {
    std::string csv = "given_name,family_name,birth_date,community_code\n";
    for (int i = 0; i < n; ++i) {
      csv += "Ana,Pop,19" + std::to_string(50 + i) + "-01-01,RO:1017\n";
    }
    return csv;
  }

  static std::string Cnp(int year, int month, int day, uint64_t seed) {
    return *GenerateIdentifier("RO-CNP", core::Date{year, month, day}, Sex::kFemale, seed);
  }

  static bool HasProblem(const ImportReport& r, int64_t row, const std::string& field,
                         const std::string& code) {
    for (const ImportProblem& p : r.problems) {
      if (p.row == row && p.field == field && p.code == code) return true;
    }
    for (const ImportProblem& p : r.problems) {
      ADD_FAILURE() << "problem: row " << p.row << " field " << p.field << " " << p.code;
    }
    return false;
  }

  PersonIndex index_;
};

TEST_P(ImportTest, ImportsCommaFileWithBomCrlfAndQuotes) {
  const std::string csv =
      "\xEF\xBB\xBFgiven_name,family_name,birth_date,community_code,address,notes\r\n"
      "Ana,Popescu,1980-02-03,RO:1017,\"Str. Mare 1, ap. \"\"2\"\"\",\r\n"
      "Ion,Ionescu,07.03.1984,RO:1017,,\"two\nlines\"\r\n"
      "Eva,Lungu,1990-05-06,RO:1017,,\r\n";
  Result<ImportReport> r = Import(csv);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(HasProblem(*r, 0, "", "none"));
  EXPECT_EQ(r->status, "done");
  EXPECT_EQ(r->rows_total, 3);
  EXPECT_EQ(r->rows_written, 3);
  EXPECT_EQ(Count("SELECT source_row FROM persons WHERE given_name = 'Eva'"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE address = 'Str. Mare 1, ap. \"2\"'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE birth_date = '1984-03-07'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'"), 1);
  EXPECT_EQ(index_.Stats().persons, 3u);
}

TEST_P(ImportTest, ReadsBareCarriageReturnsAsLineEnds) {
  // Old spreadsheet programs end lines with a bare CR.
  const std::string csv =
      "given_name;family_name;birth_date;community_code\r"
      "Ana;Popescu;1980-02-03;RO:1017\r"
      "Ion;Ionescu;1984-03-07;RO:1017\r"
      "Eva;Lungu;1990-05-06;RO:1017";
  Result<ImportReport> r = Import(csv);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "done");
  EXPECT_EQ(r->rows_total, 3);
  EXPECT_EQ(r->rows_written, 3);
  EXPECT_EQ(Count("SELECT source_row FROM persons WHERE given_name = 'Eva'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE birth_date = '1984-03-07'"), 1);
}

TEST_P(ImportTest, DetectsSemicolonAndMapsColumns) {
  const std::string csv =
      "Prenume;Nume;Comuna;Limbi;Cod intern\n"
      "Ana;Popescu;RO:1017;ro|ru;77\n";
  ImportOptions options;
  options.mapping = {{"prenume", "given_name"},
                     {"NUME", "family_name"},
                     {"Comuna", "community_code"},
                     {"Limbi", "languages"},
                     {"Cod intern", "ignore"}};
  Result<ImportReport> r = Import(csv, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows_written, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE languages = 'ro,ru'"), 1);
}

TEST_P(ImportTest, RefusesUnknownColumn) {
  Result<ImportReport> r = Import("given_name,family_name,shoe_size\nAna,Pop,42\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "failed");
  EXPECT_TRUE(HasProblem(*r, 1, "shoe_size", "import.unknown_column"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 0);
}

TEST_P(ImportTest, ReportsEveryRowErrorWithRowAndField) {
  std::string bad_cnp = Cnp(1980, 1, 1, 3);
  bad_cnp.back() = bad_cnp.back() == '9' ? '0' : static_cast<char>(bad_cnp.back() + 1);
  const std::string csv =
      "given_name,family_name,birth_date,identifier_scheme,identifier_value,community_code,"
      "phone,languages\n"
      "Ana,Popescu,1980-02-03,,,RO:1017,,\n"  // 2 ok
      ",Popescu,1980-02-03,,,RO:1017,,\n"     // 3 empty name
      "Ana,Pop3scu,1980-02-03,,,RO:1017,,\n"  // 4 invalid characters
      "Ana,Popa,31.02.1980,,,RO:1017,,\n"     // 5 impossible date
      "Ana,Popa,1980-01-01,RO-CNP," +
      bad_cnp +
      ",RO:1017,,\n"                              // 6 bad check digit
      "Ana,Popa,1980-01-01,,,RO:9999,,\n"         // 7 unknown territory
      "Ana,Popa,1980-01-01,,,RO:1017,12,\n"       // 8 phone
      "Ana,Popa,1980-01-01,,,RO:1017,,english\n"  // 9 language
      "Ana,\"Popa,1980-01-01,,,RO:1017,,\n"       // 10 unbalanced quote
      ;
  Result<ImportReport> r = Import(csv);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "failed");
  EXPECT_TRUE(HasProblem(*r, 3, "given_name", "person.empty_name"));
  EXPECT_TRUE(HasProblem(*r, 4, "family_name", "person.invalid_characters"));
  EXPECT_TRUE(HasProblem(*r, 5, "birth_date", "person.invalid_birth_date"));
  EXPECT_TRUE(HasProblem(*r, 6, "identifier_value", "identifier.bad_check_digit"));
  EXPECT_TRUE(HasProblem(*r, 7, "community_code", "person.territory_not_found"));
  EXPECT_TRUE(HasProblem(*r, 8, "phone", "person.invalid_phone"));
  EXPECT_TRUE(HasProblem(*r, 9, "languages", "person.invalid_language"));
  EXPECT_TRUE(HasProblem(*r, 10, "", "import.malformed_row"));
  EXPECT_EQ(r->rows_rejected, 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 0);  // all or nothing
}

TEST_P(ImportTest, ReportsWrongColumnCountAndInvalidUtf8) {
  Result<ImportReport> r = Import(
      "given_name,family_name,community_code\nAna,Pop\nAna,P\xC3,RO:1017\n"
      "Ion,Pop,RO:1017\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(HasProblem(*r, 2, "", "import.malformed_row"));
  EXPECT_TRUE(HasProblem(*r, 3, "family_name", "import.invalid_utf8"));
}

TEST_P(ImportTest, PartialWritesTheGoodRows) {
  const std::string csv =
      "given_name,family_name,community_code\nAna,Pop,RO:1017\n,Pop,RO:1017\nIon,Pop,RO:1017\n";
  ImportOptions options;
  options.partial = true;
  Result<ImportReport> r = Import(csv, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "done");
  EXPECT_EQ(r->rows_written, 2);
  EXPECT_EQ(r->rows_rejected, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 2);
}

TEST_P(ImportTest, FindsDuplicatesWithinTheFileAndAgainstTheRegistry) {
  const std::string a = Cnp(1980, 2, 3, 1);
  const std::string b = Cnp(1981, 4, 5, 2);
  ASSERT_TRUE(Import("given_name,family_name,birth_date,identifier_scheme,identifier_value,"
                     "community_code\nAna,Pop,1980-02-03,RO-CNP," +
                     a +
                     ",RO:1017\n"
                     "Maria,Lungu,1970-01-01,,,RO:1017\n")
                  ->status == "done");
  const std::string csv =
      "given_name,family_name,birth_date,identifier_scheme,identifier_value,community_code\n"
      "Ioana,Pop,1981-04-05,RO-CNP," +
      b +
      ",RO:1017\n"  // 2 ok
      "Ioana,Rusu,1981-04-05,RO-CNP," +
      b +
      ",RO:1017\n"                        // 3 same identifier as row 2
      "Dan,Marin,1990-01-01,,,RO:1017\n"  // 4 ok
      "Dan,Marin,1990-01-01,,,RO:1017\n"  // 5 same person as row 4
      "Ana,Pop,1980-02-03,RO-CNP," +
      a +
      ",RO:1017\n"                           // 6 registered identifier
      "Maria,Lungu,1970-01-01,,,RO:1017\n";  // 7 possible duplicate
  ImportOptions options;
  options.partial = true;
  Result<ImportReport> r = Import(csv, options);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(HasProblem(*r, 3, "identifier_value", "import.duplicate_in_file"));
  EXPECT_TRUE(HasProblem(*r, 5, "family_name", "import.duplicate_in_file"));
  EXPECT_TRUE(HasProblem(*r, 6, "identifier_value", "person.duplicate_identifier"));
  EXPECT_TRUE(HasProblem(*r, 7, "family_name", "import.possible_duplicate"));
  EXPECT_EQ(r->rows_written, 3);  // rows 2, 4 and 7 (a warning does not reject)
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 5);
}

TEST_P(ImportTest, SkipsPossibleDuplicatesWhenAsked) {
  ASSERT_EQ(Import("given_name,family_name,birth_date,community_code\n"
                   "Maria,Lungu,1970-01-01,RO:1017\n")
                ->status,
            "done");
  ImportOptions options;
  options.skip_possible_duplicates = true;
  Result<ImportReport> r = Import(
      "given_name,family_name,birth_date,community_code\n"
      "Maria,Lungu,1970-01-01,RO:1017\nMaria,Lungu,1970-01-01,RO:2000\nIon,Lungu,1999-09-09,RO:"
      "2000\n",
      options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, "done");
  // A namesake born the same day in another community of the importer's territory may be the
  // same person who moved: skipped too.
  EXPECT_TRUE(HasProblem(*r, 2, "family_name", "import.possible_duplicate"));
  EXPECT_TRUE(HasProblem(*r, 3, "family_name", "import.possible_duplicate"));
  EXPECT_EQ(r->rows_written, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 2);
}

// The parameters of the first problem of `code` on `row`.
std::map<std::string, std::string> ParamsOf(const ImportReport& r, int64_t row,
                                            const std::string& code) {
  for (const ImportProblem& p : r.problems) {
    if (p.row == row && p.code == code) return p.params;
  }
  ADD_FAILURE() << "no " << code << " on row " << row;
  return {};
}

bool AnyProblemOn(const ImportReport& r, int64_t row) {
  for (const ImportProblem& p : r.problems) {
    if (p.row == row) return true;
  }
  return false;
}

TEST_P(ImportTest, ReportsTheRegisteredPersonARowProbablyIsAcrossScriptsTyposAndSwappedDates) {
  ASSERT_EQ(Import("given_name,family_name,birth_date,sex,community_code\n"
                   "Ольга,Поліщук,1948-05-02,female,RO:1017\n")
                ->status,
            "done");
  const int64_t registered = Count("SELECT COUNT(*) FROM persons");
  Result<ImportReport> r = Import(
      "given_name,family_name,birth_date,sex,community_code\n"
      "Olha,Polishchuk,1948-05-02,female,RO:1017\n"    // 2 the other script: the same key
      "Olha,Pilishchuk,1948-05-02,female,RO:1017\n"    // 3 a typo in the family name
      "Olha,Polishchuk,1948-02-05,female,RO:2000\n"    // 4 day and month swapped, elsewhere
      "Elena,Rusu,1948-05-02,female,RO:1017\n"         // 5 born the same day, someone else
      "Olha,Polishchuk,1991-11-30,female,RO:1017\n");  // 6 a namesake of another age
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "done");  // warnings do not stop an import
  std::string id;
  ASSERT_TRUE(db().Read([&](store::Session& tx) -> core::Status {
                    auto rows = tx.Query("SELECT id FROM persons WHERE family_name = 'Поліщук'");
                    if (!rows.ok()) return rows.status();
                    id = (*rows)[0].Text(0);
                    return core::Status::Ok();
                  })
                  .ok());
  std::map<std::string, std::string> same_key = ParamsOf(*r, 2, "import.possible_duplicate");
  EXPECT_EQ(same_key["person_id"], id);
  EXPECT_EQ(same_key["reason"], "name_and_birth_date");
  for (int64_t row : {3, 4}) {
    std::map<std::string, std::string> probable = ParamsOf(*r, row, "import.possible_duplicate");
    EXPECT_EQ(probable["person_id"], id) << row;
    EXPECT_EQ(probable["reason"], "probable") << row;
    EXPECT_GE(std::stoi(probable["percent"]), 90) << row;
    EXPECT_LE(std::stoi(probable["percent"]), 99) << row;
  }
  EXPECT_FALSE(AnyProblemOn(*r, 5));
  for (const ImportProblem& p : r->problems) {
    EXPECT_FALSE(p.row == 6 && p.code == "import.possible_duplicate");
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), registered + 5);
}

TEST_P(ImportTest, ReportsRowsOfTheFileThatAreProbablyOnePerson) {
  Result<ImportReport> r = Import(
      "given_name,family_name,birth_date,community_code,household_ref,relationship_to_head\n"
      "Ion,Moraru,1970-05-06,RO:1017,,\n"            // 2
      "Ion,Morari,1970-05-06,RO:1017,,\n"            // 3 row 2 with a typo
      "Іон,Морару,1970-06-05,RO:1017,,\n"            // 4 row 2 in Cyrillic, date swapped
      "Ana,Rusu,2015-03-03,RO:1017,h,head\n"         // 5 twins of one household:
      "Maria,Rusu,2015-03-03,RO:1017,h,sibling\n");  // 6 not one person
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, "done");
  EXPECT_EQ(ParamsOf(*r, 3, "import.possible_duplicate_in_file")["row"], "2");
  EXPECT_EQ(ParamsOf(*r, 4, "import.possible_duplicate_in_file")["row"], "2");
  EXPECT_FALSE(AnyProblemOn(*r, 5));
  EXPECT_FALSE(AnyProblemOn(*r, 6));
  EXPECT_EQ(r->rows_written, 5);
}

TEST_P(ImportTest, NamesNoRegisteredPersonOutsideTheImportersScope) {
  ASSERT_EQ(Import("given_name,family_name,birth_date,community_code\n"
                   "Maria,Lungu,1970-01-01,RO:2000\n")
                ->status,
            "done");
  auth::Principal head = Worker("RO:1017", "/RO/RO:10/RO:1017/", auth::Role::kHeadOfService);
  ImportOptions options;
  options.actor = &head;
  options.link_possible_duplicates = true;
  Result<ImportReport> r =
      Import("given_name,family_name,birth_date,community_code\nMaria,Lungu,1970-01-01,RO:1017\n",
             options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  EXPECT_EQ(r->rows_written, 1);
  EXPECT_EQ(r->rows_linked, 0);
}

TEST_P(ImportTest, LinksARowToTheRegisteredPersonItIsAndFillsOnlyWhatTheyLack) {
  const std::string cnp = Cnp(1970, 1, 1, 7);
  const std::string held = Cnp(1985, 6, 7, 8);
  ASSERT_EQ(Import("given_name,family_name,birth_date,phone,identifier_scheme,identifier_value,"
                   "community_code\n"
                   "Maria,Lungu,1970-01-01,,,,RO:1017\n"
                   "Dan,Marin,1985-06-07,+40 258 111 111,RO-CNP," +
                   held + ",RO:1017\n")
                ->status,
            "done");
  ImportOptions options;
  options.link_possible_duplicates = true;
  Result<ImportReport> r = Import(
      "given_name,family_name,birth_date,phone,address,identifier_scheme,identifier_value,"
      "community_code,household_ref,relationship_to_head\n"
      "Maria,Lungu,1970-01-01,+40 258 222 222,Str. Mare 1,RO-CNP," +
          cnp +
          ",RO:1017,,\n"  // 2 linked by name and date
          "Daniel,Marinescu,1985-06-07,+40 258 999 999,,RO-CNP," +
          held +
          ",RO:1017,,\n"                                // 3 linked by identifier
          "Dan,Marin,1985-06-07,,,,,RO:1017,h,head\n",  // 4 of a household: never linked
      options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->status, "done");
  EXPECT_EQ(r->rows_linked, 2);
  EXPECT_EQ(r->rows_written, 1);  // the household's row
  EXPECT_EQ(ParamsOf(*r, 2, "import.linked")["reason"], "name_and_birth_date");
  EXPECT_EQ(ParamsOf(*r, 3, "import.linked")["reason"], "identifier");
  EXPECT_EQ(ParamsOf(*r, 4, "import.possible_duplicate")["reason"], "name_and_birth_date");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE given_name = 'Dan'"), 2);
  // Maria: the phone, address and identifier she lacked; Dan keeps his phone and his names.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE given_name = 'Maria' AND "
                  "phone = '+40 258 222 222' AND address = 'Str. Mare 1' AND version = 2"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_identifiers WHERE value = '" + cnp + "'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE given_name = 'Dan' AND family_name = 'Marin' "
                  "AND phone = '+40 258 111 111' AND version = 1"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE given_name = 'Daniel'"), 0);
  // Each change is in the person's history, with the import it came from.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.update' AND detail "
                  "LIKE '%import_id%' AND detail LIKE '%phone%'"),
            1);
  EXPECT_EQ(Count("SELECT rows_linked FROM person_imports WHERE id = '" + r->import_id + "'"), 2);
}

TEST_P(ImportTest, NeverLinksANamesakeBornTheSameDayWhoHoldsAnotherIdentifier) {
  const std::string mine = Cnp(1980, 2, 3, 1), theirs = Cnp(1980, 2, 3, 2);
  ASSERT_EQ(Import("given_name,family_name,birth_date,identifier_scheme,identifier_value,"
                   "community_code\nAna,Popescu,1980-02-03,RO-CNP," +
                   theirs + ",RO:1017\n")
                ->status,
            "done");
  ImportOptions options;
  options.link_possible_duplicates = true;
  Result<ImportReport> r = Import(
      "given_name,family_name,birth_date,identifier_scheme,identifier_value,"
      "community_code\nAna,Popescu,1980-02-03,RO-CNP," +
          mine + ",RO:1017\n",
      options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Still worth a look (the rule on entry), but two codes of one scheme say two persons.
  EXPECT_EQ(ParamsOf(*r, 2, "import.possible_duplicate")["reason"], "name_and_birth_date");
  EXPECT_EQ(r->rows_linked, 0);
  EXPECT_EQ(r->rows_written, 1);
}

TEST_P(ImportTest, ResumesAfterAnInterruptionWithoutDoubles) {
  const std::string csv = AnaPopRows(25);
  ImportOptions options;
  options.batch_size = 10;
  int batches = 0;
  Result<ImportReport> first = Import(csv, options, [&](const ImportProgressInfo& p) {
    if (p.phase == "writing") ++batches;
    return batches < 2;  // stop after the second batch
  });
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->status, "cancelled");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 20);
  Result<ImportReport> second = Import(csv, options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->status, "done");
  EXPECT_TRUE(second->resumed);
  EXPECT_EQ(second->import_id, first->import_id);
  EXPECT_EQ(second->rows_written, 25);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 25);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT source_row) FROM persons"), 25);
}

TEST_P(ImportTest, ASuspendedImportLeavesItsJobQueuedAndIsAuditedOnceWhenItEnds) {
  const std::string csv = AnaPopRows(25);
  ImportOptions options;
  options.batch_size = 10;
  options.suspended = [] { return true; };  // as the server shutting down
  Result<ImportReport> first = Import(csv, options, [&](const ImportProgressInfo& p) {
    return p.phase != "writing";  // stop after the first batch
  });
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->status, "suspended");
  EXPECT_EQ(first->rows_written, 10);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_imports WHERE status = 'queued'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'"), 0)
      << "the run is not over";

  options.suspended = nullptr;
  options.job_id = first->import_id;  // as the worker at the next start
  Result<ImportReport> second = Import(csv, options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->status, "done");
  EXPECT_TRUE(second->resumed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 25);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'"), 1);
}

// Passes reads and writes through, failing the writes numbered in `failing` (1 = the first).
class FailingWrites : public store::Database {
 public:
  FailingWrites(store::Database& inner, std::function<bool(int)> failing)
      : inner_(inner), failing_(std::move(failing)) {}
  store::Dialect dialect() const override { return inner_.dialect(); }
  core::Status Read(const store::TxFn& fn) override { return inner_.Read(fn); }
  core::Status Write(const store::TxFn& fn) override {
    if (failing_(++writes_)) return core::Status::Unavailable("store.unavailable", "disk gone");
    return inner_.Write(fn);
  }
  core::Status Backup(const std::string& path) override { return inner_.Backup(path); }
  void Close() override {}

 private:
  store::Database& inner_;
  std::function<bool(int)> failing_;
  int writes_ = 0;
};

TEST_P(ImportTest, AStoreFailureMarksTheJobFailedAndRunningTheFileAgainResumes) {
  const std::string csv = AnaPopRows(5);
  ImportOptions options;
  options.file_name = "persons.csv";
  options.batch_size = 2;
  // Writes: 1 the job, 2 and 3 the first two batches, 4 the third batch.
  FailingWrites flaky(db(), [](int write) { return write == 3; });
  std::istringstream in(csv);
  Result<ImportReport> first = ImportPersonsCsv(flaky, &index_, in, options);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), "store.unavailable");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 2) << "the committed batch stays";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_imports WHERE status = 'failed' "
                  "AND last_committed_row = 3"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_import_problems WHERE seq = 0 "
                  "AND code = 'import.store_failed'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'"), 1)
      << "rows were written: the failed run is audited";

  Result<ImportReport> second = Import(csv, options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->status, "done");
  EXPECT_TRUE(second->resumed);
  EXPECT_EQ(second->rows_written, 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 5);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT source_row) FROM persons"), 5);
}

TEST_P(ImportTest, WhenTheStoreTakesNothingMoreTheJobStaysAsItWasAndResumes) {
  const std::string csv = AnaPopRows(5);
  ImportOptions options;
  options.file_name = "persons.csv";
  options.batch_size = 2;
  FailingWrites flaky(db(), [](int write) { return write >= 3; });
  std::istringstream in(csv);
  ASSERT_FALSE(ImportPersonsCsv(flaky, &index_, in, options).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_imports WHERE status = 'writing'"), 1);

  Result<ImportReport> second = Import(csv, options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->status, "done");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 5);
}

TEST_P(ImportTest, RefusesACompletedFileUnlessAgain) {
  const std::string csv = "given_name,family_name,community_code\nAna,Pop,RO:1017\n";
  ASSERT_EQ(Import(csv)->status, "done");
  Result<ImportReport> again = Import(csv);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), "import.already_imported");
  ImportOptions options;
  options.again = true;
  ASSERT_EQ(Import(csv, options)->status, "done");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 2);
}

TEST_P(ImportTest, RejectsRowsOutsideTheImportersScope) {
  auth::Principal head = Worker("RO:1017", "/RO/RO:10/RO:1017/", auth::Role::kHeadOfService);
  ImportOptions options;
  options.actor = &head;
  options.partial = true;
  Result<ImportReport> r =
      Import("given_name,family_name,community_code\nAna,Pop,RO:1017\nIon,Pop,RO:2000\n", options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(HasProblem(*r, 3, "community_code", "import.outside_scope"));
  EXPECT_EQ(r->rows_written, 1);
}

TEST_P(ImportTest, ImportsHouseholdsWholeOrNotAtAll) {
  ImportOptions options;
  options.partial = true;
  Result<ImportReport> r = Import(
      "given_name,family_name,community_code,household_ref,relationship_to_head\n"
      "Ana,Pop,RO:1017,h1,head\nIon,Pop,RO:1017,h1,child\n"
      "Dan,Rusu,RO:1017,h2,head\n,Rusu,RO:1017,h2,spouse\n"
      "Eva,Lup,RO:1017,h3,child\n",
      options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(HasProblem(*r, 5, "given_name", "person.empty_name"));
  EXPECT_TRUE(HasProblem(*r, 4, "household_ref", "import.household_rejected"));
  EXPECT_TRUE(HasProblem(*r, 6, "relationship_to_head", "household.head_required"));
  EXPECT_EQ(r->rows_written, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM household_members"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households WHERE head_person_id IS NOT NULL"), 1);
}

SOCIUS_INSTANTIATE_BACKENDS(ImportTest);

}  // namespace
}  // namespace socius::registry
