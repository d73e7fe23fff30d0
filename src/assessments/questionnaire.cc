#include "assessments/questionnaire.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "core/clock.h"
#include "text/normalize.h"

namespace socius::assessments {

using core::Result;
using core::Status;

namespace {

constexpr size_t kMaxQuestions = 500;
constexpr size_t kMaxOptions = 100;
constexpr size_t kMaxLabel = 1000;

// A definition error naming its place (and the question, when there is one).
Status FieldError(std::string code, const std::string& field, const std::string& question = {}) {
  Status s = Status::InvalidArgument(std::move(code), field, "questionnaire definition");
  if (!question.empty()) s.With("question", question);
  return s;
}

bool ValidId(std::string_view id, size_t max) {
  if (id.empty() || id.size() > max) return false;
  if (!(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Reads one definition, keeping what the checks of later parts need.
class Reader {
 public:
  Status Only(const Json& object, const std::string& at,
              std::initializer_list<std::string_view> keys, const std::string& question = {}) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        return FieldError("questionnaire.unknown_field", Join(at, key), question);
      }
    }
    return Status::Ok();
  }

  static std::string Join(const std::string& at, std::string_view key) {
    return at.empty() ? std::string(key) : at + "." + std::string(key);
  }

  Status ReadText(const Json& object, const std::string& at, const char* key, Text& out,
                  const std::string& question = {}) {
    const std::string field = Join(at, key);
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      return FieldError("questionnaire.missing_field", field, question);
    }
    if (!it->is_object()) return FieldError("questionnaire.wrong_type", field, question);
    for (const auto& [language, text] : it->items()) {
      if (std::find(std::begin(kFormLanguages), std::end(kFormLanguages), language) ==
          std::end(kFormLanguages)) {
        return FieldError("questionnaire.unknown_field", field + "." + language, question);
      }
      if (!text.is_string()) {
        return FieldError("questionnaire.wrong_type", field + "." + language, question);
      }
    }
    for (std::string_view language : kFormLanguages) {
      auto text = it->find(std::string(language));
      std::string value = text == it->end() ? "" : text->get<std::string>();
      const bool blank = value.find_first_not_of(" \t\n\r") == std::string::npos;
      if (blank) {
        Status s = FieldError("questionnaire.missing_translation",
                              field + "." + std::string(language), question);
        s.With("language", std::string(language));
        return s;
      }
      if (!text::IsValidUtf8(value) || text::CodePointLength(value) > kMaxLabel) {
        return FieldError("questionnaire.wrong_type", field + "." + std::string(language),
                          question);
      }
      out[std::string(language)] = std::move(value);
    }
    return Status::Ok();
  }

  Result<Definition> Read(const Json& json) {
    if (!json.is_object()) return FieldError("questionnaire.wrong_type", "");
    SOCIUS_RETURN_IF_ERROR(Only(json, "",
                                {"code", "version", "title", "description", "subject", "sections",
                                 "flags", "score_bands"}));
    Definition d;
    auto code = json.find("code");
    if (code == json.end() || code->is_null())
      return FieldError("questionnaire.missing_field", "code");
    if (!code->is_string() || !ValidId(code->get<std::string>(), 64)) {
      return FieldError("questionnaire.invalid_code", "code");
    }
    d.code = code->get<std::string>();
    auto version = json.find("version");
    if (version == json.end() || version->is_null()) {
      return FieldError("questionnaire.missing_field", "version");
    }
    if (!version->is_number_integer() || version->get<int64_t>() < 1 ||
        version->get<int64_t>() > 1000000) {
      return FieldError("questionnaire.invalid_version", "version");
    }
    d.version = version->get<int64_t>();
    SOCIUS_RETURN_IF_ERROR(ReadText(json, "", "title", d.title));
    if (json.contains("description") && !json["description"].is_null()) {
      d.description.emplace();
      SOCIUS_RETURN_IF_ERROR(ReadText(json, "", "description", *d.description));
    }
    auto subject = json.find("subject");
    if (subject == json.end() || subject->is_null()) {
      return FieldError("questionnaire.missing_field", "subject");
    }
    if (*subject == "person") {
      d.subject = Subject::kPerson;
    } else if (*subject == "household") {
      d.subject = Subject::kHousehold;
    } else {
      return FieldError("questionnaire.invalid_subject", "subject");
    }
    auto sections = json.find("sections");
    if (sections == json.end() || sections->is_null()) {
      return FieldError("questionnaire.missing_field", "sections");
    }
    if (!sections->is_array()) return FieldError("questionnaire.wrong_type", "sections");
    if (sections->empty()) return FieldError("questionnaire.empty_form", "sections");
    std::set<std::string> section_ids;
    for (size_t s = 0; s < sections->size(); ++s) {
      const std::string at = "sections[" + std::to_string(s) + "]";
      const Json& section_json = (*sections)[s];
      if (!section_json.is_object()) return FieldError("questionnaire.wrong_type", at);
      SOCIUS_RETURN_IF_ERROR(Only(section_json, at, {"id", "title", "questions"}));
      Section section;
      auto id = section_json.find("id");
      if (id == section_json.end() || !id->is_string() || !ValidId(id->get<std::string>(), 64)) {
        return FieldError("questionnaire.invalid_id", at + ".id");
      }
      section.id = id->get<std::string>();
      if (!section_ids.insert(section.id).second) {
        return FieldError("questionnaire.duplicate_section", at + ".id");
      }
      SOCIUS_RETURN_IF_ERROR(ReadText(section_json, at, "title", section.title));
      auto questions = section_json.find("questions");
      if (questions == section_json.end() || !questions->is_array()) {
        return FieldError("questionnaire.wrong_type", at + ".questions");
      }
      if (questions->empty()) return FieldError("questionnaire.empty_section", at + ".questions");
      for (size_t q = 0; q < questions->size(); ++q) {
        const std::string qat = at + ".questions[" + std::to_string(q) + "]";
        if (seen_.size() >= kMaxQuestions) return FieldError("questionnaire.too_large", qat);
        Result<Question> question = ReadQuestion((*questions)[q], qat);
        if (!question.ok()) return question.status();
        if (question->visible_if) {
          SOCIUS_RETURN_IF_ERROR(
              CheckCondition(*question->visible_if, qat + ".visible_if", question->id, true));
        }
        const bool points = question->points_yes != 0 || question->points_no != 0 ||
                            question->scored ||
                            std::any_of(question->options.begin(), question->options.end(),
                                        [](const Option& o) { return o.points != 0; });
        if (points) d.scored = true;
        const std::string question_id = question->id;
        section.questions.push_back(*question);
        seen_[question_id] = std::move(*question);
      }
      d.sections.push_back(std::move(section));
    }
    SOCIUS_RETURN_IF_ERROR(ReadFlags(json, d));
    SOCIUS_RETURN_IF_ERROR(ReadBands(json, d));
    return d;
  }

 private:
  Result<Question> ReadQuestion(const Json& json, const std::string& at) {
    if (!json.is_object()) return FieldError("questionnaire.wrong_type", at);
    Question q;
    auto id = json.find("id");
    if (id == json.end() || !id->is_string() || !ValidId(id->get<std::string>(), 64)) {
      return FieldError("questionnaire.invalid_id", at + ".id");
    }
    q.id = id->get<std::string>();
    if (seen_.count(q.id)) return FieldError("questionnaire.duplicate_question", at + ".id", q.id);
    SOCIUS_RETURN_IF_ERROR(
        Only(json, at,
             {"id", "type", "label", "help", "required", "visible_if", "options", "min", "max",
              "integer", "max_length", "points_yes", "points_no", "scored"},
             q.id));
    auto type = json.find("type");
    std::optional<QuestionType> parsed;
    if (type != json.end() && type->is_string())
      parsed = ParseQuestionType(type->get<std::string>());
    if (!parsed) return FieldError("questionnaire.bad_type", at + ".type", q.id);
    q.type = *parsed;
    SOCIUS_RETURN_IF_ERROR(ReadText(json, at, "label", q.label, q.id));
    if (json.contains("help") && !json["help"].is_null()) {
      q.help.emplace();
      SOCIUS_RETURN_IF_ERROR(ReadText(json, at, "help", *q.help, q.id));
    }
    if (json.contains("required")) {
      if (!json["required"].is_boolean()) {
        return FieldError("questionnaire.wrong_type", at + ".required", q.id);
      }
      q.required = json["required"].get<bool>();
    }
    // Keys that only some types take.
    auto only_for = [&](const char* key, std::initializer_list<QuestionType> types) -> Status {
      if (!json.contains(key)) return Status::Ok();
      if (std::find(types.begin(), types.end(), q.type) == types.end()) {
        return FieldError("questionnaire.unknown_field", at + "." + key, q.id);
      }
      return Status::Ok();
    };
    using T = QuestionType;
    SOCIUS_RETURN_IF_ERROR(only_for("options", {T::kSingleChoice, T::kMultipleChoice}));
    SOCIUS_RETURN_IF_ERROR(only_for("min", {T::kNumber, T::kScale}));
    SOCIUS_RETURN_IF_ERROR(only_for("max", {T::kNumber, T::kScale}));
    SOCIUS_RETURN_IF_ERROR(only_for("integer", {T::kNumber}));
    SOCIUS_RETURN_IF_ERROR(only_for("max_length", {T::kText}));
    SOCIUS_RETURN_IF_ERROR(only_for("points_yes", {T::kYesNo}));
    SOCIUS_RETURN_IF_ERROR(only_for("points_no", {T::kYesNo}));
    SOCIUS_RETURN_IF_ERROR(only_for("scored", {T::kScale}));
    auto points = [&](const Json& parent, const char* key, const std::string& field,
                      int64_t& out) -> Status {
      auto it = parent.find(key);
      if (it == parent.end()) return Status::Ok();
      if (!it->is_number_integer() || std::llabs(it->get<int64_t>()) > 100000) {
        return FieldError("questionnaire.invalid_points", field, q.id);
      }
      out = it->get<int64_t>();
      return Status::Ok();
    };
    SOCIUS_RETURN_IF_ERROR(points(json, "points_yes", at + ".points_yes", q.points_yes));
    SOCIUS_RETURN_IF_ERROR(points(json, "points_no", at + ".points_no", q.points_no));
    if (json.contains("scored")) {
      if (!json["scored"].is_boolean()) {
        return FieldError("questionnaire.wrong_type", at + ".scored", q.id);
      }
      q.scored = json["scored"].get<bool>();
    }
    if (json.contains("integer")) {
      if (!json["integer"].is_boolean()) {
        return FieldError("questionnaire.wrong_type", at + ".integer", q.id);
      }
      q.integer = json["integer"].get<bool>();
    }
    if (json.contains("max_length")) {
      const Json& v = json["max_length"];
      if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 10000) {
        return FieldError("questionnaire.bad_range", at + ".max_length", q.id);
      }
      q.max_length = v.get<int64_t>();
    }
    for (const char* key : {"min", "max"}) {
      if (!json.contains(key)) continue;
      const Json& v = json[key];
      if (!v.is_number() || (q.type == T::kScale && !v.is_number_integer())) {
        return FieldError("questionnaire.bad_range", at + "." + key, q.id);
      }
      (std::string_view(key) == "min" ? q.min : q.max) = v.get<double>();
    }
    if (q.type == T::kScale && (!q.min || !q.max || *q.max - *q.min > 100)) {
      return FieldError("questionnaire.bad_range", at + (q.min ? ".max" : ".min"), q.id);
    }
    if (q.min && q.max && *q.min > *q.max) {
      return FieldError("questionnaire.bad_range", at + ".max", q.id);
    }
    if (q.type == T::kSingleChoice || q.type == T::kMultipleChoice) {
      auto options = json.find("options");
      if (options == json.end() || !options->is_array() || options->size() < 2) {
        return FieldError("questionnaire.options_missing", at + ".options", q.id);
      }
      if (options->size() > kMaxOptions)
        return FieldError("questionnaire.too_large", at + ".options", q.id);
      std::set<std::string> codes;
      for (size_t i = 0; i < options->size(); ++i) {
        const std::string oat = at + ".options[" + std::to_string(i) + "]";
        const Json& o = (*options)[i];
        if (!o.is_object()) return FieldError("questionnaire.wrong_type", oat, q.id);
        SOCIUS_RETURN_IF_ERROR(Only(o, oat, {"code", "label", "points"}, q.id));
        Option option;
        auto code = o.find("code");
        if (code == o.end() || !code->is_string() || !ValidId(code->get<std::string>(), 64)) {
          return FieldError("questionnaire.invalid_id", oat + ".code", q.id);
        }
        option.code = code->get<std::string>();
        if (!codes.insert(option.code).second) {
          return FieldError("questionnaire.duplicate_option", oat + ".code", q.id);
        }
        SOCIUS_RETURN_IF_ERROR(ReadText(o, oat, "label", option.label, q.id));
        SOCIUS_RETURN_IF_ERROR(points(o, "points", oat + ".points", option.points));
        q.options.push_back(std::move(option));
      }
    }
    if (json.contains("visible_if")) {
      Result<Condition> condition = ReadCondition(json["visible_if"], at + ".visible_if", q.id, 0);
      if (!condition.ok()) return condition.status();
      q.visible_if = std::move(*condition);
    }
    return q;
  }

  Result<Condition> ReadCondition(const Json& json, const std::string& at, const std::string& owner,
                                  int depth) {
    if (!json.is_object() || depth > 8) {
      return FieldError("questionnaire.invalid_condition", at, owner);
    }
    Condition c;
    for (const auto& [key, op] : std::initializer_list<std::pair<const char*, Condition::Op>>{
             {"all", Condition::Op::kAll}, {"any", Condition::Op::kAny}}) {
      if (!json.contains(key)) continue;
      SOCIUS_RETURN_IF_ERROR(Only(json, at, {key}, owner));
      const Json& parts = json[key];
      if (!parts.is_array() || parts.empty()) {
        return FieldError("questionnaire.invalid_condition", at + "." + key, owner);
      }
      c.op = op;
      for (size_t i = 0; i < parts.size(); ++i) {
        Result<Condition> part = ReadCondition(
            parts[i], at + "." + key + "[" + std::to_string(i) + "]", owner, depth + 1);
        if (!part.ok()) return part.status();
        c.nested.push_back(std::move(*part));
      }
      return c;
    }
    if (json.contains("not")) {
      SOCIUS_RETURN_IF_ERROR(Only(json, at, {"not"}, owner));
      Result<Condition> part = ReadCondition(json["not"], at + ".not", owner, depth + 1);
      if (!part.ok()) return part.status();
      c.op = Condition::Op::kNot;
      c.nested.push_back(std::move(*part));
      return c;
    }
    SOCIUS_RETURN_IF_ERROR(
        Only(json, at, {"question", "equals", "in", "answered", "gt", "gte", "lt", "lte"}, owner));
    auto question = json.find("question");
    if (question == json.end() || !question->is_string()) {
      return FieldError("questionnaire.invalid_condition", at, owner);
    }
    c.question = question->get<std::string>();
    int ops = 0;
    for (const auto& [key, op] : std::initializer_list<std::pair<const char*, Condition::Op>>{
             {"equals", Condition::Op::kEquals},
             {"in", Condition::Op::kIn},
             {"answered", Condition::Op::kAnswered},
             {"gt", Condition::Op::kGt},
             {"gte", Condition::Op::kGte},
             {"lt", Condition::Op::kLt},
             {"lte", Condition::Op::kLte}}) {
      if (!json.contains(key)) continue;
      ++ops;
      c.op = op;
      c.value = json[key];
    }
    if (ops != 1) return FieldError("questionnaire.invalid_condition", at, owner);
    return c;
  }

 public:
  // Checks that `c` refers to known questions (earlier ones only when `earlier_only`: the
  // question `owner` itself is a loop) with values their type can take.
  Status CheckCondition(const Condition& c, const std::string& at, const std::string& owner,
                        bool earlier_only) {
    if (!c.nested.empty()) {
      const char* key = c.op == Condition::Op::kAll   ? "all"
                        : c.op == Condition::Op::kAny ? "any"
                                                      : "not";
      for (size_t i = 0; i < c.nested.size(); ++i) {
        const std::string part = c.op == Condition::Op::kNot
                                     ? at + ".not"
                                     : at + "." + key + "[" + std::to_string(i) + "]";
        SOCIUS_RETURN_IF_ERROR(CheckCondition(c.nested[i], part, owner, earlier_only));
      }
      return Status::Ok();
    }
    const std::string field = at + ".question";
    if (earlier_only && c.question == owner) {
      return FieldError("questionnaire.condition_loop", field, owner);
    }
    auto it = seen_.find(c.question);
    if (it == seen_.end()) {
      if (earlier_only &&
          std::find(all_ids_.begin(), all_ids_.end(), c.question) != all_ids_.end()) {
        return FieldError("questionnaire.condition_later_question", field, owner)
            .With("refers_to", c.question);
      }
      return FieldError("questionnaire.condition_unknown_question", field, owner)
          .With("refers_to", c.question);
    }
    const Question& target = it->second;
    auto bad = [&]() {
      return FieldError("questionnaire.condition_bad_value", at, owner)
          .With("refers_to", c.question);
    };
    auto fits = [&](const Json& v) {
      switch (target.type) {
        case QuestionType::kSingleChoice:
        case QuestionType::kMultipleChoice:
          return v.is_string() && std::any_of(target.options.begin(), target.options.end(),
                                              [&](const Option& o) { return o.code == v; });
        case QuestionType::kYesNo:
          return v.is_boolean();
        case QuestionType::kNumber:
        case QuestionType::kScale:
          return v.is_number();
        case QuestionType::kText:
        case QuestionType::kDate:
          return v.is_string();
      }
      return false;
    };
    switch (c.op) {
      case Condition::Op::kEquals:
        if (!fits(c.value)) return bad();
        break;
      case Condition::Op::kIn:
        if (!c.value.is_array() || c.value.empty()) return bad();
        for (const Json& v : c.value) {
          if (!fits(v)) return bad();
        }
        break;
      case Condition::Op::kAnswered:
        if (!c.value.is_boolean()) return bad();
        break;
      default:  // number comparisons
        if (!c.value.is_number() ||
            (target.type != QuestionType::kNumber && target.type != QuestionType::kScale)) {
          return bad();
        }
    }
    return Status::Ok();
  }

  // Every question id of the form, to tell a later question from an unknown one.
  void Prescan(const Json& json) {
    if (!json.is_object() || !json.contains("sections") || !json["sections"].is_array()) return;
    for (const Json& s : json["sections"]) {
      if (!s.is_object() || !s.contains("questions") || !s["questions"].is_array()) continue;
      for (const Json& q : s["questions"]) {
        if (q.is_object() && q.contains("id") && q["id"].is_string()) {
          all_ids_.push_back(q["id"].get<std::string>());
        }
      }
    }
  }

 private:
  Status ReadFlags(const Json& json, Definition& d) {
    auto flags = json.find("flags");
    if (flags == json.end() || flags->is_null()) return Status::Ok();
    if (!flags->is_array()) return FieldError("questionnaire.wrong_type", "flags");
    std::set<std::string> codes;
    for (size_t i = 0; i < flags->size(); ++i) {
      const std::string at = "flags[" + std::to_string(i) + "]";
      const Json& f = (*flags)[i];
      if (!f.is_object()) return FieldError("questionnaire.wrong_type", at);
      SOCIUS_RETURN_IF_ERROR(Only(f, at, {"code", "label", "when"}));
      FlagRule rule;
      auto code = f.find("code");
      if (code == f.end() || !code->is_string() || !ValidId(code->get<std::string>(), 64)) {
        return FieldError("questionnaire.invalid_id", at + ".code");
      }
      rule.code = code->get<std::string>();
      if (!codes.insert(rule.code).second) {
        return FieldError("questionnaire.duplicate_flag", at + ".code");
      }
      SOCIUS_RETURN_IF_ERROR(ReadText(f, at, "label", rule.label));
      if (!f.contains("when")) return FieldError("questionnaire.missing_field", at + ".when");
      Result<Condition> when = ReadCondition(f["when"], at + ".when", "", 0);
      if (!when.ok()) return when.status();
      SOCIUS_RETURN_IF_ERROR(CheckCondition(*when, at + ".when", "", false));
      rule.when = std::move(*when);
      d.flags.push_back(std::move(rule));
    }
    return Status::Ok();
  }

  Status ReadBands(const Json& json, Definition& d) {
    auto bands = json.find("score_bands");
    if (bands == json.end() || bands->is_null()) return Status::Ok();
    if (!bands->is_array()) return FieldError("questionnaire.wrong_type", "score_bands");
    std::set<std::string> codes;
    for (size_t i = 0; i < bands->size(); ++i) {
      const std::string at = "score_bands[" + std::to_string(i) + "]";
      const Json& b = (*bands)[i];
      if (!b.is_object()) return FieldError("questionnaire.wrong_type", at);
      SOCIUS_RETURN_IF_ERROR(Only(b, at, {"code", "label", "min", "max"}));
      ScoreBand band;
      auto code = b.find("code");
      if (code == b.end() || !code->is_string() || !ValidId(code->get<std::string>(), 64) ||
          !codes.insert(code->get<std::string>()).second) {
        return FieldError("questionnaire.invalid_id", at + ".code");
      }
      band.code = code->get<std::string>();
      SOCIUS_RETURN_IF_ERROR(ReadText(b, at, "label", band.label));
      if (!b.contains("min") || !b["min"].is_number_integer() || !b.contains("max") ||
          !b["max"].is_number_integer() || b["min"].get<int64_t>() > b["max"].get<int64_t>()) {
        return FieldError("questionnaire.bad_range", at);
      }
      band.min = b["min"].get<int64_t>();
      band.max = b["max"].get<int64_t>();
      d.score_bands.push_back(std::move(band));
    }
    if (!d.score_bands.empty() && !d.scored) {
      return FieldError("questionnaire.bad_range", "score_bands");
    }
    return Status::Ok();
  }

  std::map<std::string, Question> seen_;  // questions read so far
  std::vector<std::string> all_ids_;
};

Json EncodeText(const Text& text) {
  Json out = Json::object();
  for (std::string_view language : kFormLanguages) {
    auto it = text.find(std::string(language));
    if (it != text.end()) out[std::string(language)] = it->second;
  }
  return out;
}

Json EncodeCondition(const Condition& c) {
  switch (c.op) {
    case Condition::Op::kAll:
    case Condition::Op::kAny: {
      Json parts = Json::array();
      for (const Condition& part : c.nested) parts.push_back(EncodeCondition(part));
      return Json{{c.op == Condition::Op::kAll ? "all" : "any", std::move(parts)}};
    }
    case Condition::Op::kNot:
      return Json{{"not", EncodeCondition(c.nested.at(0))}};
    default:
      break;
  }
  static const std::map<Condition::Op, const char*> kNames = {
      {Condition::Op::kEquals, "equals"},
      {Condition::Op::kIn, "in"},
      {Condition::Op::kAnswered, "answered"},
      {Condition::Op::kGt, "gt"},
      {Condition::Op::kGte, "gte"},
      {Condition::Op::kLt, "lt"},
      {Condition::Op::kLte, "lte"}};
  return Json{{"question", c.question}, {kNames.at(c.op), c.value}};
}

Json Number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9e15) return Json(static_cast<int64_t>(v));
  return Json(v);
}

bool Answered(const Json& answers, const std::string& id) {
  auto it = answers.find(id);
  return it != answers.end() && !it->is_null() && !(it->is_array() && it->empty());
}

// Points one answer brings.
int64_t PointsOf(const Question& q, const Json& answer) {
  switch (q.type) {
    case QuestionType::kYesNo:
      return answer.get<bool>() ? q.points_yes : q.points_no;
    case QuestionType::kScale:
      return q.scored ? answer.get<int64_t>() : 0;
    case QuestionType::kSingleChoice:
      for (const Option& o : q.options) {
        if (o.code == answer) return o.points;
      }
      return 0;
    case QuestionType::kMultipleChoice: {
      int64_t sum = 0;
      for (const Option& o : q.options) {
        if (std::find(answer.begin(), answer.end(), Json(o.code)) != answer.end()) sum += o.points;
      }
      return sum;
    }
    default:
      return 0;
  }
}

Status AnswerError(std::string code, const std::string& question) {
  return Status::InvalidArgument(std::move(code), "answers." + question, "answer")
      .With("question", question);
}

}  // namespace

std::string_view Name(QuestionType type) {
  switch (type) {
    case QuestionType::kText:
      return "text";
    case QuestionType::kNumber:
      return "number";
    case QuestionType::kDate:
      return "date";
    case QuestionType::kSingleChoice:
      return "single_choice";
    case QuestionType::kMultipleChoice:
      return "multiple_choice";
    case QuestionType::kYesNo:
      return "yes_no";
    case QuestionType::kScale:
      return "scale";
  }
  return "text";
}

std::optional<QuestionType> ParseQuestionType(std::string_view name) {
  for (QuestionType t : {QuestionType::kText, QuestionType::kNumber, QuestionType::kDate,
                         QuestionType::kSingleChoice, QuestionType::kMultipleChoice,
                         QuestionType::kYesNo, QuestionType::kScale}) {
    if (Name(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view Name(Subject subject) {
  return subject == Subject::kHousehold ? "household" : "person";
}

std::vector<const Question*> Definition::Questions() const {
  std::vector<const Question*> out;
  for (const Section& s : sections) {
    for (const Question& q : s.questions) out.push_back(&q);
  }
  return out;
}

const Question* Definition::Find(std::string_view question_id) const {
  for (const Section& s : sections) {
    for (const Question& q : s.questions) {
      if (q.id == question_id) return &q;
    }
  }
  return nullptr;
}

Result<Definition> ParseDefinition(const Json& json) {
  Reader reader;
  reader.Prescan(json);
  return reader.Read(json);
}

Json EncodeDefinition(const Definition& d) {
  Json sections = Json::array();
  for (const Section& s : d.sections) {
    Json questions = Json::array();
    for (const Question& q : s.questions) {
      Json j = {{"id", q.id}, {"type", std::string(Name(q.type))}, {"label", EncodeText(q.label)}};
      if (q.help) j["help"] = EncodeText(*q.help);
      if (q.required) j["required"] = true;
      if (q.visible_if) j["visible_if"] = EncodeCondition(*q.visible_if);
      if (!q.options.empty()) {
        Json options = Json::array();
        for (const Option& o : q.options) {
          Json oj = {{"code", o.code}, {"label", EncodeText(o.label)}};
          if (o.points != 0) oj["points"] = o.points;
          options.push_back(std::move(oj));
        }
        j["options"] = std::move(options);
      }
      if (q.min) j["min"] = Number(*q.min);
      if (q.max) j["max"] = Number(*q.max);
      if (q.integer) j["integer"] = true;
      if (q.type == QuestionType::kText && q.max_length != 2000) j["max_length"] = q.max_length;
      if (q.points_yes != 0) j["points_yes"] = q.points_yes;
      if (q.points_no != 0) j["points_no"] = q.points_no;
      if (q.scored) j["scored"] = true;
      questions.push_back(std::move(j));
    }
    sections.push_back(
        {{"id", s.id}, {"title", EncodeText(s.title)}, {"questions", std::move(questions)}});
  }
  Json out = {{"code", d.code},
              {"version", d.version},
              {"title", EncodeText(d.title)},
              {"subject", std::string(Name(d.subject))},
              {"sections", std::move(sections)}};
  if (d.description) out["description"] = EncodeText(*d.description);
  if (!d.flags.empty()) {
    Json flags = Json::array();
    for (const FlagRule& f : d.flags) {
      flags.push_back(
          {{"code", f.code}, {"label", EncodeText(f.label)}, {"when", EncodeCondition(f.when)}});
    }
    out["flags"] = std::move(flags);
  }
  if (!d.score_bands.empty()) {
    Json bands = Json::array();
    for (const ScoreBand& b : d.score_bands) {
      bands.push_back(
          {{"code", b.code}, {"label", EncodeText(b.label)}, {"min", b.min}, {"max", b.max}});
    }
    out["score_bands"] = std::move(bands);
  }
  return out;
}

bool Holds(const Condition& c, const Json& answers) {
  switch (c.op) {
    case Condition::Op::kAll:
      return std::all_of(c.nested.begin(), c.nested.end(),
                         [&](const Condition& p) { return Holds(p, answers); });
    case Condition::Op::kAny:
      return std::any_of(c.nested.begin(), c.nested.end(),
                         [&](const Condition& p) { return Holds(p, answers); });
    case Condition::Op::kNot:
      return !Holds(c.nested.at(0), answers);
    default:
      break;
  }
  const bool answered = Answered(answers, c.question);
  if (c.op == Condition::Op::kAnswered) return answered == c.value.get<bool>();
  if (!answered) return false;
  const Json& a = answers.at(c.question);
  auto equal = [&](const Json& v) {
    if (a.is_array()) return std::find(a.begin(), a.end(), v) != a.end();
    if (a.is_number() && v.is_number()) return a.get<double>() == v.get<double>();
    return a == v;
  };
  switch (c.op) {
    case Condition::Op::kEquals:
      return equal(c.value);
    case Condition::Op::kIn:
      return std::any_of(c.value.begin(), c.value.end(), equal);
    default:
      break;
  }
  if (!a.is_number() || !c.value.is_number()) return false;
  const double x = a.get<double>();
  const double v = c.value.get<double>();
  switch (c.op) {
    case Condition::Op::kGt:
      return x > v;
    case Condition::Op::kGte:
      return x >= v;
    case Condition::Op::kLt:
      return x < v;
    case Condition::Op::kLte:
      return x <= v;
    default:
      return false;
  }
}

std::map<std::string, bool> Visibility(const Definition& definition, const Json& answers) {
  std::map<std::string, bool> shown;
  Json seen = Json::object();  // answers of the questions shown so far
  for (const Question* q : definition.Questions()) {
    const bool visible = !q->visible_if || Holds(*q->visible_if, seen);
    shown[q->id] = visible;
    if (visible && answers.is_object() && Answered(answers, q->id)) seen[q->id] = answers[q->id];
  }
  return shown;
}

Json CompactAnswers(const Json& answers) {
  Json out = Json::object();
  if (!answers.is_object()) return out;
  for (const auto& [id, value] : answers.items()) {
    if (!value.is_null()) out[id] = value;
  }
  return out;
}

Status CheckAnswers(const Definition& definition, const Json& answers, bool finishing) {
  if (!answers.is_object()) {
    return Status::InvalidArgument("request.wrong_type", "answers", "answers")
        .With("field", "answers");
  }
  for (const auto& [id, value] : answers.items()) {
    if (!definition.Find(id)) return AnswerError("assessment.unknown_question", id);
  }
  const std::map<std::string, bool> shown = Visibility(definition, answers);
  for (const Question* q : definition.Questions()) {
    const bool answered = Answered(answers, q->id);
    if (!shown.at(q->id)) {
      if (answered) return AnswerError("assessment.hidden_question", q->id);
      continue;
    }
    if (!answered) {
      if (finishing && q->required) return AnswerError("assessment.required_answer", q->id);
      continue;
    }
    const Json& a = answers.at(q->id);
    auto range = [&](double x) -> Status {
      if ((q->min && x < *q->min) || (q->max && x > *q->max)) {
        Status s = AnswerError("assessment.out_of_range", q->id);
        s.With("min", q->min ? Number(*q->min).dump() : "−∞");
        s.With("max", q->max ? Number(*q->max).dump() : "∞");
        return s;
      }
      return Status::Ok();
    };
    switch (q->type) {
      case QuestionType::kText:
        if (!a.is_string() || !text::IsValidUtf8(a.get<std::string>())) {
          return AnswerError("assessment.wrong_answer_type", q->id);
        }
        if (static_cast<int64_t>(text::CodePointLength(a.get<std::string>())) > q->max_length) {
          return AnswerError("assessment.answer_too_long", q->id)
              .With("max", std::to_string(q->max_length));
        }
        break;
      case QuestionType::kNumber:
        if (!a.is_number()) return AnswerError("assessment.wrong_answer_type", q->id);
        if (q->integer && std::floor(a.get<double>()) != a.get<double>()) {
          return AnswerError("assessment.wrong_answer_type", q->id);
        }
        SOCIUS_RETURN_IF_ERROR(range(a.get<double>()));
        break;
      case QuestionType::kScale:
        if (!a.is_number_integer()) return AnswerError("assessment.wrong_answer_type", q->id);
        SOCIUS_RETURN_IF_ERROR(range(a.get<double>()));
        break;
      case QuestionType::kDate:
        if (!a.is_string()) return AnswerError("assessment.wrong_answer_type", q->id);
        if (a.get<std::string>().size() != 10 || !core::ParseDate(a.get<std::string>())) {
          return AnswerError("assessment.invalid_date", q->id);
        }
        break;
      case QuestionType::kYesNo:
        if (!a.is_boolean()) return AnswerError("assessment.wrong_answer_type", q->id);
        break;
      case QuestionType::kSingleChoice:
      case QuestionType::kMultipleChoice: {
        const bool multiple = q->type == QuestionType::kMultipleChoice;
        if (multiple ? !a.is_array() : !a.is_string()) {
          return AnswerError("assessment.wrong_answer_type", q->id);
        }
        std::set<std::string> chosen;
        for (const Json& v : multiple ? a : Json::array({a})) {
          if (!v.is_string()) return AnswerError("assessment.wrong_answer_type", q->id);
          const std::string code = v.get<std::string>();
          if (std::none_of(q->options.begin(), q->options.end(),
                           [&](const Option& o) { return o.code == code; })) {
            return AnswerError("assessment.unknown_option", q->id).With("option", code);
          }
          if (!chosen.insert(code).second) {
            return AnswerError("assessment.wrong_answer_type", q->id);
          }
        }
        if (multiple && finishing && q->required && chosen.empty()) {
          return AnswerError("assessment.required_answer", q->id);
        }
        break;
      }
    }
  }
  return Status::Ok();
}

Outcome Evaluate(const Definition& definition, const Json& answers) {
  Outcome out;
  const std::map<std::string, bool> shown = Visibility(definition, answers);
  Json visible = Json::object();
  int64_t score = 0;
  for (const Question* q : definition.Questions()) {
    if (!shown.at(q->id) || !Answered(answers, q->id)) continue;
    visible[q->id] = answers.at(q->id);
    score += PointsOf(*q, answers.at(q->id));
  }
  if (definition.scored) {
    out.score = score;
    for (const ScoreBand& b : definition.score_bands) {
      if (score >= b.min && score <= b.max) {
        out.band = b.code;
        break;
      }
    }
  }
  for (const FlagRule& f : definition.flags) {
    if (Holds(f.when, visible)) out.flags.push_back(f.code);
  }
  return out;
}

}  // namespace socius::assessments
