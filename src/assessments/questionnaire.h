#pragma once

// The questionnaire engine: a form definition (docs/assessments-api.md, "Definition") read and
// checked, and the answers given to it checked and scored. Definitions and answers are data
// that is JSON by nature (stored as JSON, uploaded as JSON), so the engine reads them as
// nlohmann::json; it is otherwise pure: no I/O, no clock, no database. Thread-safe.

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace socius::assessments {

using Json = nlohmann::json;

// The languages every label of a form must have.
inline constexpr std::string_view kFormLanguages[] = {"ro", "uk", "mk", "lt", "ru", "en"};

// Language → text, with every language of kFormLanguages.
using Text = std::map<std::string, std::string>;

enum class QuestionType {
  kText,            // "text": a string
  kNumber,          // "number": a JSON number within min..max (whole when `integer`)
  kDate,            // "date": "YYYY-MM-DD"
  kSingleChoice,    // "single_choice": one option code
  kMultipleChoice,  // "multiple_choice": an array of distinct option codes
  kYesNo,           // "yes_no": true / false
  kScale,           // "scale": a whole number within min..max
};
std::string_view Name(QuestionType type);
std::optional<QuestionType> ParseQuestionType(std::string_view name);

// What a form is about: its assessments name a person or a household.
enum class Subject { kPerson, kHousehold };
std::string_view Name(Subject subject);

// A condition on earlier answers (visible_if) or on any answer (a flag's `when`).
struct Condition {
  enum class Op { kEquals, kIn, kAnswered, kGt, kGte, kLt, kLte, kAll, kAny, kNot };
  Op op = Op::kAnswered;
  std::string question;  // the question it looks at (not for all/any/not)
  Json value;            // equals: one value; in: an array; answered: a bool; gt..: a number
  std::vector<Condition> nested;  // all/any: the parts; not: one
};

struct Option {
  std::string code;
  Text label;
  int64_t points = 0;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kText;
  Text label;
  std::optional<Text> help;
  bool required = false;
  std::optional<Condition> visible_if;
  std::vector<Option> options;  // single and multiple choice
  std::optional<double> min;    // number (optional), scale (required)
  std::optional<double> max;
  bool integer = false;       // number: whole numbers only
  int64_t max_length = 2000;  // text
  int64_t points_yes = 0;     // yes_no
  int64_t points_no = 0;
  bool scored = false;  // scale: the value counts as points
};

struct Section {
  std::string id;
  Text title;
  std::vector<Question> questions;
};

// A vulnerability (or other) flag the form raises when `when` holds.
struct FlagRule {
  std::string code;
  Text label;
  Condition when;
};

// How a total score reads: min..max inclusive.
struct ScoreBand {
  std::string code;
  Text label;
  int64_t min = 0;
  int64_t max = 0;
};

struct Definition {
  std::string code;  // [a-z][a-z0-9_]{1,63}
  int64_t version = 0;
  Text title;
  std::optional<Text> description;
  Subject subject = Subject::kPerson;
  std::vector<Section> sections;
  std::vector<FlagRule> flags;
  std::vector<ScoreBand> score_bands;
  // True when some question carries points: the form has a total score.
  bool scored = false;

  // The questions in form order (pointers into `sections`; stable while the Definition lives).
  std::vector<const Question*> Questions() const;
  const Question* Find(std::string_view question_id) const;
};

// Reads and checks a definition. The first error found, as InvalidArgument with a code
// "questionnaire.*" and `field` the place in the definition ("sections[1].questions[0].id"),
// params `question` (the question's id, when there is one) and `language` (a missing
// translation): unknown_field, wrong_type, missing_field, invalid_code, invalid_version,
// invalid_subject, missing_translation, empty_form, empty_section, invalid_id,
// duplicate_section, duplicate_question, bad_type, options_missing, duplicate_option,
// bad_range, invalid_condition, condition_unknown_question, condition_later_question,
// condition_loop, condition_bad_value, duplicate_flag, invalid_points, too_large.
core::Result<Definition> ParseDefinition(const Json& json);

// The definition written back as JSON (the stored and served form).
Json EncodeDefinition(const Definition& definition);

// Whether `condition` holds on `answers` (question id → value; absent or null = unanswered).
// For a multiple choice question, `equals` holds when the value is among those chosen and
// `in` when any chosen is listed.
bool Holds(const Condition& condition, const Json& answers);

// Which questions are shown for `answers`, in form order: a question is shown when it has no
// visible_if or its condition holds; answers to hidden questions count as unanswered.
std::map<std::string, bool> Visibility(const Definition& definition, const Json& answers);

// Checks `answers` (a JSON object, question id → value; null = unanswered) against the form.
// The first error in form order, InvalidArgument with field "answers.<question_id>" and param
// `question`: "assessment.unknown_question", "assessment.wrong_answer_type",
// "assessment.out_of_range" (params min, max), "assessment.unknown_option" (param option),
// "assessment.answer_too_long" (param max), "assessment.invalid_date",
// "assessment.hidden_question" (an answer to a question its condition hides: refused, never
// dropped, so that nothing the worker typed vanishes unseen) and, only when `finishing`,
// "assessment.required_answer" for a shown required question left unanswered.
core::Status CheckAnswers(const Definition& definition, const Json& answers, bool finishing);

// `answers` without the nulls (unanswered).
Json CompactAnswers(const Json& answers);

struct Outcome {
  std::optional<int64_t> score;     // null when the form has no scoring
  std::optional<std::string> band;  // the score band's code, when one covers the score
  std::vector<std::string> flags;   // codes, in the definition's order
};
// Score (sum of the points of the shown answered questions) and flags of checked answers.
Outcome Evaluate(const Definition& definition, const Json& answers);

}  // namespace socius::assessments
