#include "reports/wire.h"

#include "export/csv_writer.h"
#include "http/request.h"

namespace socius::reports {
namespace {

template <typename T>
Json Opt(const std::optional<T>& value) {
  return value ? Json(*value) : Json();
}

Json NullIfEmpty(const std::string& text) { return text.empty() ? Json() : Json(text); }

Json EncodeTerritory(const territory::TerritoryRef& t) {
  return Json{{"code", t.code}, {"name", t.name}, {"level", std::string(territory::Name(t.level))}};
}

Json Suppression(const std::optional<int64_t>& threshold) {
  return threshold ? Json{{"threshold", *threshold}} : Json();
}

}  // namespace

Json EncodeMonthlyReport(const MonthlyReport& report) {
  Json children = Json::array();
  for (const territory::TerritoryRef& t : report.sub_territories) {
    children.push_back(EncodeTerritory(t));
  }
  Json figures = Json::array();
  for (const Figure& f : report.figures) {
    Json by_territory = Json::array();
    for (size_t c = 0; c < f.by_territory.size() && c < report.sub_territories.size(); ++c) {
      const Values& v = f.by_territory[c];
      by_territory.push_back({{"code", report.sub_territories[c].code},
                              {"value", Opt(v[0])},
                              {"previous", Opt(v[1])},
                              {"last_year", Opt(v[2])}});
    }
    figures.push_back({{"indicator", f.indicator},
                       {"section", f.section},
                       {"unit", f.unit},
                       {"dimension", NullIfEmpty(f.dimension)},
                       {"value_code", NullIfEmpty(f.value_code)},
                       {"label", NullIfEmpty(f.label)},
                       {"currency", NullIfEmpty(f.currency)},
                       {"value", Opt(f.values[0])},
                       {"previous", Opt(f.values[1])},
                       {"last_year", Opt(f.values[2])},
                       {"by_territory", std::move(by_territory)}});
  }
  return Json{{"territory", EncodeTerritory(report.territory)},
              {"month", report.months[0].ToString()},
              {"previous_month", report.months[1].ToString()},
              {"last_year_month", report.months[2].ToString()},
              {"generated_at", report.generated_at},
              {"suppression", Suppression(report.suppression_threshold)},
              {"drill_down", report.drill_down},
              {"sub_territories", std::move(children)},
              {"figures", std::move(figures)}};
}

Json EncodeSeries(const SeriesReport& report) {
  Json months = Json::array();
  for (const core::Month& m : report.months) months.push_back(m.ToString());
  Json series = Json::array();
  for (const Series& s : report.series) {
    Json values = Json::array();
    for (const std::optional<int64_t>& v : s.values) values.push_back(Opt(v));
    series.push_back({{"indicator", s.indicator},
                      {"section", s.section},
                      {"unit", s.unit},
                      {"dimension", NullIfEmpty(s.dimension)},
                      {"value_code", NullIfEmpty(s.value_code)},
                      {"label", NullIfEmpty(s.label)},
                      {"currency", NullIfEmpty(s.currency)},
                      {"values", std::move(values)}});
  }
  return Json{{"territory", EncodeTerritory(report.territory)},
              {"months", std::move(months)},
              {"suppression", Suppression(report.suppression_threshold)},
              {"series", std::move(series)}};
}

Json EncodeRecords(const RecordsPage& page) {
  Json items = Json::array();
  for (const core::FigureRecord& r : page.items) {
    Json subject;
    if (r.subject_id) {
      subject = {{"kind", r.subject_kind.value_or("person")},
                 {"id", *r.subject_id},
                 {"name", Opt(r.subject_name)}};
    }
    items.push_back({{"id", r.id},
                     {"kind", r.kind},
                     {"date", r.date},
                     {"number", Opt(r.number)},
                     {"subject", std::move(subject)},
                     {"community_code", r.community_code},
                     {"community_name", r.community_name},
                     {"detail", Opt(r.detail)},
                     {"label", Opt(r.label)},
                     {"amount_minor", Opt(r.amount_minor)},
                     {"currency", Opt(r.currency)},
                     {"case_id", Opt(r.case_id)}});
  }
  return items;
}

namespace {

// A text that may be null or absent ("" then).
core::Result<std::string> OptionalText(const http::JsonFields& fields, std::string_view name,
                                       size_t max) {
  core::Result<std::optional<std::string>> text = fields.OptionalString(name, max);
  if (!text.ok()) return text.status();
  return text->value_or("");
}

core::Status NotAnArray(const std::string& field) {
  return core::Status::InvalidArgument("request.wrong_type", field).With("field", field);
}

}  // namespace

core::Result<Dhis2Mapping> ReadDhis2Mapping(const Json& body) {
  http::JsonFields fields(body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"data_set", "data_elements", "org_units"}));
  Dhis2Mapping mapping;
  core::Result<std::optional<std::string>> data_set = fields.OptionalString("data_set", 11);
  if (!data_set.ok()) return data_set.status();
  mapping.data_set = *data_set;
  const Json empty = Json::array();
  const Json& elements = body.contains("data_elements") ? body["data_elements"] : empty;
  const Json& units = body.contains("org_units") ? body["org_units"] : empty;
  if (!elements.is_array()) return NotAnArray("data_elements");
  if (!units.is_array()) return NotAnArray("org_units");
  if (elements.size() > kMaxMappingRows) {
    return core::Status::InvalidArgument("report.mapping_invalid", "data_elements");
  }
  if (units.size() > kMaxMappingRows) {
    return core::Status::InvalidArgument("report.mapping_invalid", "org_units");
  }
  for (const Json& item : elements) {
    if (!item.is_object()) return NotAnArray("data_elements");
    http::JsonFields f(item);
    SOCIUS_RETURN_IF_ERROR(f.OnlyAllowed({"indicator", "dimension", "value_code", "currency",
                                          "data_element", "category_option_combo"}));
    Dhis2DataElement e;
    for (auto [name, into, max] :
         {std::tuple{"indicator", &e.indicator, size_t{64}},
          std::tuple{"data_element", &e.data_element, size_t{11}},
          std::tuple{"category_option_combo", &e.category_option_combo, size_t{11}}}) {
      core::Result<std::string> text = f.RequiredString(name, max);
      if (!text.ok()) return text.status();
      *into = *text;
    }
    for (auto [name, into, max] : {std::tuple{"dimension", &e.dimension, size_t{64}},
                                   std::tuple{"value_code", &e.value_code, size_t{64}},
                                   std::tuple{"currency", &e.currency, size_t{3}}}) {
      core::Result<std::string> text = OptionalText(f, name, max);
      if (!text.ok()) return text.status();
      *into = *text;
    }
    mapping.data_elements.push_back(std::move(e));
  }
  for (const Json& item : units) {
    if (!item.is_object()) return NotAnArray("org_units");
    http::JsonFields f(item);
    SOCIUS_RETURN_IF_ERROR(f.OnlyAllowed({"territory_code", "org_unit"}));
    Dhis2OrgUnit u;
    core::Result<std::string> code = f.RequiredString("territory_code", 64);
    if (!code.ok()) return code.status();
    core::Result<std::string> unit = f.RequiredString("org_unit", 11);
    if (!unit.ok()) return unit.status();
    u.territory_code = *code;
    u.org_unit = *unit;
    mapping.org_units.push_back(std::move(u));
  }
  return mapping;
}

Json EncodeDhis2Mapping(const Dhis2Mapping& mapping) {
  Json elements = Json::array();
  for (const Dhis2DataElement& e : mapping.data_elements) {
    elements.push_back({{"indicator", e.indicator},
                        {"dimension", NullIfEmpty(e.dimension)},
                        {"value_code", NullIfEmpty(e.value_code)},
                        {"currency", NullIfEmpty(e.currency)},
                        {"data_element", e.data_element},
                        {"category_option_combo", e.category_option_combo}});
  }
  Json units = Json::array();
  for (const Dhis2OrgUnit& u : mapping.org_units) {
    units.push_back({{"territory_code", u.territory_code}, {"org_unit", u.org_unit}});
  }
  return Json{{"version", mapping.version},
              {"data_set", Opt(mapping.data_set)},
              {"data_elements", std::move(elements)},
              {"org_units", std::move(units)}};
}

Json EncodeDataValueSet(const Dhis2Export& data) {
  Json values = Json::array();
  for (const Dhis2Value& v : data.values) {
    values.push_back({{"dataElement", v.data_element},
                      {"period", data.period},
                      {"orgUnit", v.org_unit},
                      {"categoryOptionCombo", v.category_option_combo},
                      {"value", v.value}});
  }
  Json out = Json::object();
  if (data.data_set) out["dataSet"] = *data.data_set;
  out["period"] = data.period;
  out["dataValues"] = std::move(values);
  return out;
}

std::string DataValueSetCsv(const Dhis2Export& data) {
  exporting::CsvWriter csv;
  csv.TextRow({"dataelement", "period", "orgunit", "catoptcombo", "attroptcombo", "value"});
  for (const Dhis2Value& v : data.values) {
    csv.Text(v.data_element)
        .Text(data.period)
        .Text(v.org_unit)
        .Text(v.category_option_combo)
        .Empty()
        .Text(v.value);
    csv.EndRow();
  }
  return std::move(csv).Take();
}

Json EncodeDhis2DryRun(const Dhis2Export& data) {
  return Json{{"period", data.period},
              {"data_values", data.values.size()},
              {"unmapped_figures", data.unmapped_figures},
              {"unmapped_territories", data.unmapped_territories}};
}

}  // namespace socius::reports
