// The questionnaire engine: every definition error names its place, conditions, answers,
// scores and flags; and every shipped form passes.
#include "assessments/questionnaire.h"

#include <gtest/gtest.h>

#include <functional>

#include "assessments/questionnaires.h"

namespace socius::assessments {
namespace {

Json Label(const std::string& en) {
  return {{"ro", en + " ro"}, {"uk", en + " uk"}, {"mk", en + " mk"},
          {"lt", en + " lt"}, {"ru", en + " ru"}, {"en", en}};
}

// A small valid form: a yes/no, a conditional choice, a scale, a number.
Json Form() {
  return {{"code", "test_form"},
          {"version", 1},
          {"title", Label("Test")},
          {"subject", "household"},
          {"sections",
           {{{"id", "main"},
             {"title", Label("Main")},
             {"questions",
              {{{"id", "poor"},
                {"type", "yes_no"},
                {"label", Label("Poor?")},
                {"required", true},
                {"points_yes", 3}},
               {{"id", "why"},
                {"type", "single_choice"},
                {"label", Label("Why?")},
                {"required", true},
                {"visible_if", {{"question", "poor"}, {"equals", true}}},
                {"options",
                 {{{"code", "job"}, {"label", Label("No job")}, {"points", 2}},
                  {{"code", "ill"}, {"label", Label("Illness")}}}}},
               {{"id", "mood"},
                {"type", "scale"},
                {"label", Label("Mood")},
                {"min", 1},
                {"max", 5},
                {"scored", true}},
               {{"id", "age"},
                {"type", "number"},
                {"label", Label("Age")},
                {"min", 0},
                {"max", 120},
                {"integer", true}},
               {{"id", "help"},
                {"type", "multiple_choice"},
                {"label", Label("Help")},
                {"options",
                 {{{"code", "food"}, {"label", Label("Food")}, {"points", 1}},
                  {{"code", "wood"}, {"label", Label("Wood")}, {"points", 1}}}}},
               {{"id", "seen"}, {"type", "date"}, {"label", Label("Seen")}},
               {{"id", "note"},
                {"type", "text"},
                {"label", Label("Note")},
                {"max_length", 5},
                {"visible_if",
                 {{"any",
                   {{{"question", "age"}, {"gte", 65}},
                    {{"question", "help"}, {"in", {"food"}}}}}}}}}}}}},
          {"flags",
           {{{"code", "poverty"},
             {"label", Label("Poverty")},
             {"when",
              {{"all",
                {{{"question", "poor"}, {"equals", true}},
                 {{"not", {{"question", "why"}, {"equals", "ill"}}}}}}}}}}},
          {"score_bands",
           {{{"code", "low"}, {"label", Label("Low")}, {"min", 0}, {"max", 4}},
            {{"code", "high"}, {"label", Label("High")}, {"min", 5}, {"max", 100}}}}};
}

Json& Question(Json& form, size_t i) { return form["sections"][0]["questions"][i]; }

TEST(ParseDefinition, AcceptsAValidFormAndWritesItBackAlike) {
  core::Result<Definition> d = ParseDefinition(Form());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->code, "test_form");
  EXPECT_EQ(d->subject, Subject::kHousehold);
  EXPECT_TRUE(d->scored);
  EXPECT_EQ(d->Questions().size(), 7u);
  core::Result<Definition> again = ParseDefinition(EncodeDefinition(*d));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(EncodeDefinition(*again), EncodeDefinition(*d));
}

struct DefinitionCase {
  const char* name;
  std::function<void(Json&)> change;
  const char* code;
  const char* field;
};

TEST(ParseDefinition, NamesThePlaceOfEachError) {
  const std::vector<DefinitionCase> cases = {
      {"unknown top field", [](Json& f) { f["colour"] = "red"; }, "questionnaire.unknown_field",
       "colour"},
      {"bad code", [](Json& f) { f["code"] = "Test Form"; }, "questionnaire.invalid_code", "code"},
      {"version zero", [](Json& f) { f["version"] = 0; }, "questionnaire.invalid_version",
       "version"},
      {"version text", [](Json& f) { f["version"] = "2"; }, "questionnaire.invalid_version",
       "version"},
      {"subject", [](Json& f) { f["subject"] = "village"; }, "questionnaire.invalid_subject",
       "subject"},
      {"missing translation", [](Json& f) { f["title"].erase("mk"); },
       "questionnaire.missing_translation", "title.mk"},
      {"blank translation", [](Json& f) { Question(f, 0)["label"]["lt"] = " "; },
       "questionnaire.missing_translation", "sections[0].questions[0].label.lt"},
      {"unknown language", [](Json& f) { f["title"]["de"] = "Test"; },
       "questionnaire.unknown_field", "title.de"},
      {"no sections", [](Json& f) { f["sections"] = Json::array(); }, "questionnaire.empty_form",
       "sections"},
      {"empty section", [](Json& f) { f["sections"][0]["questions"] = Json::array(); },
       "questionnaire.empty_section", "sections[0].questions"},
      {"duplicate question", [](Json& f) { Question(f, 2)["id"] = "poor"; },
       "questionnaire.duplicate_question", "sections[0].questions[2].id"},
      {"bad question id", [](Json& f) { Question(f, 2)["id"] = "2nd"; }, "questionnaire.invalid_id",
       "sections[0].questions[2].id"},
      {"bad type", [](Json& f) { Question(f, 0)["type"] = "slider"; }, "questionnaire.bad_type",
       "sections[0].questions[0].type"},
      {"options missing", [](Json& f) { Question(f, 1).erase("options"); },
       "questionnaire.options_missing", "sections[0].questions[1].options"},
      {"one option", [](Json& f) { Question(f, 1)["options"].erase(1); },
       "questionnaire.options_missing", "sections[0].questions[1].options"},
      {"duplicate option", [](Json& f) { Question(f, 1)["options"][1]["code"] = "job"; },
       "questionnaire.duplicate_option", "sections[0].questions[1].options[1].code"},
      {"option label", [](Json& f) { Question(f, 1)["options"][0]["label"].erase("ru"); },
       "questionnaire.missing_translation", "sections[0].questions[1].options[0].label.ru"},
      {"options on a number", [](Json& f) { Question(f, 3)["options"] = Json::array(); },
       "questionnaire.unknown_field", "sections[0].questions[3].options"},
      {"scale without max", [](Json& f) { Question(f, 2).erase("max"); }, "questionnaire.bad_range",
       "sections[0].questions[2].max"},
      {"min above max", [](Json& f) { Question(f, 3)["min"] = 200; }, "questionnaire.bad_range",
       "sections[0].questions[3].max"},
      {"points not whole", [](Json& f) { Question(f, 0)["points_yes"] = 1.5; },
       "questionnaire.invalid_points", "sections[0].questions[0].points_yes"},
      {"condition on itself",
       [](Json& f) {
         Question(f, 1)["visible_if"] = {{"question", "why"}, {"answered", true}};
       },
       "questionnaire.condition_loop", "sections[0].questions[1].visible_if.question"},
      {"condition on a later question",
       [](Json& f) {
         Question(f, 1)["visible_if"] = {{"question", "mood"}, {"gt", 2}};
       },
       "questionnaire.condition_later_question", "sections[0].questions[1].visible_if.question"},
      {"condition on an unknown question",
       [](Json& f) {
         Question(f, 1)["visible_if"] = {{"question", "ghost"}, {"equals", true}};
       },
       "questionnaire.condition_unknown_question", "sections[0].questions[1].visible_if.question"},
      {"nested condition on a later question",
       [](Json& f) {
         Question(f, 6)["visible_if"] = {{"all",
                                          {{{"question", "seen"}, {"answered", true}},
                                           {{"question", "note"}, {"answered", true}}}}};
       },
       "questionnaire.condition_loop", "sections[0].questions[6].visible_if.all[1].question"},
      {"condition with an unknown option",
       [](Json& f) {
         f["flags"][0]["when"] = {{"question", "why"}, {"equals", "war"}};
       },
       "questionnaire.condition_bad_value", "flags[0].when"},
      {"number comparison on yes/no",
       [](Json& f) {
         Question(f, 1)["visible_if"] = {{"question", "poor"}, {"gt", 1}};
       },
       "questionnaire.condition_bad_value", "sections[0].questions[1].visible_if"},
      {"two operators",
       [](Json& f) {
         Question(f, 1)["visible_if"] = {
             {"question", "poor"}, {"equals", true}, {"answered", true}};
       },
       "questionnaire.invalid_condition", "sections[0].questions[1].visible_if"},
      {"empty any",
       [](Json& f) {
         Question(f, 6)["visible_if"] = {{"any", Json::array()}};
       },
       "questionnaire.invalid_condition", "sections[0].questions[6].visible_if.any"},
      {"duplicate flag", [](Json& f) { f["flags"].push_back(f["flags"][0]); },
       "questionnaire.duplicate_flag", "flags[1].code"},
      {"flag on an unknown question",
       [](Json& f) {
         f["flags"][0]["when"] = {{"question", "ghost"}, {"answered", true}};
       },
       "questionnaire.condition_unknown_question", "flags[0].when.question"},
      {"band upside down", [](Json& f) { f["score_bands"][0]["min"] = 9; },
       "questionnaire.bad_range", "score_bands[0]"},
      {"required not a bool", [](Json& f) { Question(f, 0)["required"] = "yes"; },
       "questionnaire.wrong_type", "sections[0].questions[0].required"},
  };
  for (const DefinitionCase& c : cases) {
    Json form = Form();
    c.change(form);
    core::Result<Definition> d = ParseDefinition(form);
    ASSERT_FALSE(d.ok()) << c.name;
    EXPECT_EQ(d.status().code(), c.code) << c.name;
    EXPECT_EQ(d.status().field(), c.field) << c.name;
  }
}

TEST(ParseDefinition, ErrorsCarryTheQuestionAndLanguage) {
  Json form = Form();
  Question(form, 2)["id"] = "poor";
  core::Result<Definition> d = ParseDefinition(form);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().params().at("question"), "poor");
  form = Form();
  Question(form, 0)["label"].erase("uk");
  d = ParseDefinition(form);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().params().at("language"), "uk");
  EXPECT_EQ(d.status().params().at("question"), "poor");
}

struct ConditionCase {
  Json condition;
  Json answers;
  bool holds;
};

TEST(Holds, EvaluatesEveryOperator) {
  core::Result<Definition> d = ParseDefinition(Form());
  ASSERT_TRUE(d.ok());
  const std::vector<ConditionCase> cases = {
      {{{"question", "poor"}, {"equals", true}}, {{"poor", true}}, true},
      {{{"question", "poor"}, {"equals", true}}, {{"poor", false}}, false},
      {{{"question", "poor"}, {"equals", true}}, Json::object(), false},
      {{{"question", "why"}, {"in", {"job", "ill"}}}, {{"why", "ill"}}, true},
      {{{"question", "why"}, {"in", {"job"}}}, {{"why", "ill"}}, false},
      {{{"question", "help"}, {"equals", "food"}}, {{"help", {"wood", "food"}}}, true},
      {{{"question", "help"}, {"in", {"food"}}}, {{"help", {"wood"}}}, false},
      {{{"question", "age"}, {"answered", true}}, {{"age", 3}}, true},
      {{{"question", "age"}, {"answered", false}}, {{"age", nullptr}}, true},
      {{{"question", "help"}, {"answered", true}}, {{"help", Json::array()}}, false},
      {{{"question", "age"}, {"gt", 64}}, {{"age", 65}}, true},
      {{{"question", "age"}, {"gte", 65}}, {{"age", 65}}, true},
      {{{"question", "age"}, {"lt", 18}}, {{"age", 18}}, false},
      {{{"question", "age"}, {"lte", 18}}, {{"age", 18}}, true},
      {{{"question", "age"}, {"lt", 18}}, Json::object(), false},
      {{{"all", {{{"question", "poor"}, {"equals", true}}, {{"question", "age"}, {"gt", 1}}}}},
       {{"poor", true}, {"age", 2}},
       true},
      {{{"all", {{{"question", "poor"}, {"equals", true}}, {{"question", "age"}, {"gt", 1}}}}},
       {{"poor", true}, {"age", 1}},
       false},
      {{{"any", {{{"question", "poor"}, {"equals", true}}, {{"question", "age"}, {"gt", 1}}}}},
       {{"poor", false}, {"age", 2}},
       true},
      {{{"not", {{"question", "poor"}, {"equals", true}}}}, {{"poor", false}}, true},
  };
  for (const ConditionCase& c : cases) {
    Json form = Form();
    Question(form, 6)["visible_if"] = c.condition;
    core::Result<Definition> with = ParseDefinition(form);
    ASSERT_TRUE(with.ok()) << c.condition.dump() << " " << with.status().ToString();
    EXPECT_EQ(Holds(*with->Find("note")->visible_if, c.answers), c.holds)
        << c.condition.dump() << " on " << c.answers.dump();
  }
}

TEST(Visibility, HidesQuestionsWhoseConditionFailsAndChainsThroughHiddenOnes) {
  Json form = Form();
  // "mood" shown only when "why" is answered, which is shown only when "poor".
  Question(form, 2)["visible_if"] = {{"question", "why"}, {"answered", true}};
  core::Result<Definition> d = ParseDefinition(form);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto shown = Visibility(*d, {{"poor", true}, {"why", "job"}});
  EXPECT_TRUE(shown["why"]);
  EXPECT_TRUE(shown["mood"]);
  shown = Visibility(*d, {{"poor", false}, {"why", "job"}});
  EXPECT_FALSE(shown["why"]);
  EXPECT_FALSE(shown["mood"]);  // "why" is hidden, so it counts as unanswered
}

struct AnswerCase {
  const char* name;
  Json answers;
  bool finishing;
  const char* code;  // nullptr: accepted
  const char* field;
};

TEST(CheckAnswers, NamesTheQuestionOfEachError) {
  core::Result<Definition> d = ParseDefinition(Form());
  ASSERT_TRUE(d.ok());
  const std::vector<AnswerCase> cases = {
      {"empty draft", Json::object(), false, nullptr, ""},
      {"complete", {{"poor", true}, {"why", "job"}, {"mood", 3}}, true, nullptr, ""},
      {"required missing when finishing",
       {{"mood", 3}},
       true,
       "assessment.required_answer",
       "answers.poor"},
      {"required visible one missing",
       {{"poor", true}},
       true,
       "assessment.required_answer",
       "answers.why"},
      {"hidden required one not needed", {{"poor", false}}, true, nullptr, ""},
      {"answer to a hidden question",
       {{"poor", false}, {"why", "job"}},
       false,
       "assessment.hidden_question",
       "answers.why"},
      {"unknown question",
       {{"colour", "red"}},
       false,
       "assessment.unknown_question",
       "answers.colour"},
      {"wrong type yes/no",
       {{"poor", "yes"}},
       false,
       "assessment.wrong_answer_type",
       "answers.poor"},
      {"unknown option",
       {{"poor", true}, {"why", "war"}},
       false,
       "assessment.unknown_option",
       "answers.why"},
      {"scale out of range", {{"mood", 6}}, false, "assessment.out_of_range", "answers.mood"},
      {"scale not whole", {{"mood", 2.5}}, false, "assessment.wrong_answer_type", "answers.mood"},
      {"number not whole", {{"age", 2.5}}, false, "assessment.wrong_answer_type", "answers.age"},
      {"number below min", {{"age", -1}}, false, "assessment.out_of_range", "answers.age"},
      {"multiple not an array",
       {{"help", "food"}},
       false,
       "assessment.wrong_answer_type",
       "answers.help"},
      {"multiple repeated",
       {{"help", {"food", "food"}}},
       false,
       "assessment.wrong_answer_type",
       "answers.help"},
      {"multiple unknown",
       {{"help", {"coal"}}},
       false,
       "assessment.unknown_option",
       "answers.help"},
      {"bad date", {{"seen", "2026-02-30"}}, false, "assessment.invalid_date", "answers.seen"},
      {"text too long",
       {{"age", 70}, {"note", "abcdef"}},
       false,
       "assessment.answer_too_long",
       "answers.note"},
      {"null is unanswered", {{"poor", nullptr}}, false, nullptr, ""},
  };
  for (const AnswerCase& c : cases) {
    core::Status s = CheckAnswers(*d, c.answers, c.finishing);
    if (!c.code) {
      EXPECT_TRUE(s.ok()) << c.name << ": " << s.ToString();
      continue;
    }
    EXPECT_EQ(s.code(), c.code) << c.name;
    EXPECT_EQ(s.field(), c.field) << c.name;
  }
}

TEST(Evaluate, SumsThePointsOfShownAnswersAndRaisesFlags) {
  core::Result<Definition> d = ParseDefinition(Form());
  ASSERT_TRUE(d.ok());
  Outcome o =
      Evaluate(*d, {{"poor", true}, {"why", "job"}, {"mood", 2}, {"help", {"food", "wood"}}});
  EXPECT_EQ(o.score, 3 + 2 + 2 + 2);
  EXPECT_EQ(o.band, "high");
  EXPECT_EQ(o.flags, std::vector<std::string>{"poverty"});
  o = Evaluate(*d, {{"poor", true}, {"why", "ill"}});
  EXPECT_EQ(o.score, 3);
  EXPECT_EQ(o.band, "low");
  EXPECT_TRUE(o.flags.empty());  // poverty excludes illness
  o = Evaluate(*d, {{"poor", false}});
  EXPECT_EQ(o.score, 0);
}

TEST(Evaluate, AFormWithoutPointsHasNoScore) {
  Json form = Form();
  Question(form, 0).erase("points_yes");
  Question(form, 1)["options"][0].erase("points");
  Question(form, 2).erase("scored");
  Question(form, 4)["options"][0].erase("points");
  Question(form, 4)["options"][1].erase("points");
  form.erase("score_bands");
  core::Result<Definition> d = ParseDefinition(form);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(Evaluate(*d, {{"poor", true}}).score.has_value());
}

TEST(ShippedForms, EveryOnePassesAndIsTranslated) {
  ASSERT_EQ(ShippedForms().size(), 4u);
  for (const ShippedForm& form : ShippedForms()) {
    core::Result<Definition> d = ParseDefinition(Json::parse(form.json, nullptr, false));
    ASSERT_TRUE(d.ok()) << form.file_name << ": " << d.status().ToString();
    EXPECT_EQ(std::string(form.file_name), d->code + ".json");
    const std::string text = form.json;
    for (const char* cedilla : {"ş", "ţ", "Ş", "Ţ"}) {
      EXPECT_EQ(text.find(cedilla), std::string::npos) << form.file_name;
    }
  }
}

TEST(ShippedForms, TheScreeningRaisesEachVulnerabilityFlag) {
  const ShippedForm* screening = nullptr;
  for (const ShippedForm& form : ShippedForms()) {
    if (std::string(form.file_name) == "household_screening.json") screening = &form;
  }
  ASSERT_NE(screening, nullptr);
  core::Result<Definition> d = ParseDefinition(Json::parse(screening->json, nullptr, false));
  ASSERT_TRUE(d.ok());
  std::vector<std::string> codes;
  for (const FlagRule& f : d->flags) codes.push_back(f.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"poverty", "disability", "child_out_of_school",
                                             "child_left_behind", "elderly_alone", "violence_risk",
                                             "chronic_illness", "no_identity_papers"}));
  const Json answers = {{"members_count", 4},
                        {"children_count", 2},
                        {"school_age_children", true},
                        {"child_out_of_school", true},
                        {"parent_abroad", true},
                        {"child_cared_by", "grandparents"},
                        {"elderly_alone", false},
                        {"income_sources", {"none"}},
                        {"income_below_threshold", true},
                        {"housing", "overcrowded"},
                        {"disability", false},
                        {"chronic_illness", false},
                        {"violence_signs", false},
                        {"missing_documents", false}};
  ASSERT_TRUE(CheckAnswers(*d, answers, true).ok()) << CheckAnswers(*d, answers, true).ToString();
  Outcome o = Evaluate(*d, answers);
  EXPECT_EQ(o.flags,
            (std::vector<std::string>{"poverty", "child_out_of_school", "child_left_behind"}));
  EXPECT_EQ(o.score, 3 + 2 + 3 + 3 + 1);
  EXPECT_EQ(o.band, "high");
}

}  // namespace
}  // namespace socius::assessments
