#include "reports/files.h"

#include <algorithm>
#include <vector>

#include "export/csv_writer.h"
#include "export/pdf.h"
#include "export/xlsx_writer.h"
#include "reports/labels.h"

namespace socius::reports {
namespace {

// Every currency Socius pays in has two decimals.
constexpr int kDecimals = 2;

std::string FileName(const MonthlyReport& report, std::string_view extension) {
  std::string code = report.territory.code;
  std::replace(code.begin(), code.end(), ':', '-');
  return "monthly-" + code + "-" + report.months[0].ToString() + "." + std::string(extension);
}

std::string IndicatorLabel(const Figure& f, std::string_view language) {
  return Label("indicator." + f.indicator, language);
}

std::string BreakdownLabel(const Figure& f) {
  return f.dimension.empty() ? "" : ValueLabel(f.value_code, f.label);
}

// "1,234.50"-style text of a value for the PDF: money with its decimals, "—" when suppressed.
std::string Shown(const Figure& f, const std::optional<int64_t>& value) {
  if (!value) return "—";
  if (f.unit == "money") return exporting::FormatMinorUnits(*value, kDecimals) + " " + f.currency;
  return std::to_string(*value);
}

ReportFile Csv(const MonthlyReport& report, std::string_view language) {
  exporting::CsvWriter csv({.separator = ',', .byte_order_mark = true});
  csv.Text(Label("column.section", language))
      .Text(Label("column.indicator", language))
      .Text("indicator")
      .Text(Label("column.breakdown", language))
      .Text("dimension")
      .Text("value_code")
      .Text(Label("column.currency", language))
      .Text(report.months[0].ToString())
      .Text(report.months[1].ToString())
      .Text(report.months[2].ToString());
  for (const territory::TerritoryRef& t : report.sub_territories)
    csv.Text(t.name + " (" + t.code + ")");
  csv.EndRow();
  auto value = [&](const Figure& f, const std::optional<int64_t>& v) {
    if (!v) {
      csv.Empty();
    } else if (f.unit == "money") {
      csv.Money(*v, kDecimals);
    } else {
      csv.Integer(*v);
    }
  };
  for (const Figure& f : report.figures) {
    csv.Text(Label("section." + f.section, language))
        .Text(IndicatorLabel(f, language))
        .Text(f.indicator)
        .Text(BreakdownLabel(f))
        .Text(f.dimension)
        .Text(f.value_code)
        .Text(f.currency);
    for (const std::optional<int64_t>& v : f.values) value(f, v);
    for (const Values& v : f.by_territory) value(f, v[0]);
    csv.EndRow();
  }
  return {FileName(report, "csv"), "text/csv; charset=utf-8", std::move(csv).Take()};
}

core::Result<ReportFile> Xlsx(const MonthlyReport& report, std::string_view language) {
  std::vector<exporting::XlsxColumn> columns = {
      {Label("column.section", language), 22},   {Label("column.indicator", language), 40},
      {Label("column.breakdown", language), 26}, {Label("column.currency", language), 9},
      {report.months[0].ToString(), 14},         {report.months[1].ToString(), 14},
      {report.months[2].ToString(), 14}};
  for (const territory::TerritoryRef& t : report.sub_territories) columns.push_back({t.name, 16});
  exporting::XlsxWorkbook book;
  exporting::XlsxSheet& sheet = book.AddSheet(report.months[0].ToString(), std::move(columns));
  for (const Figure& f : report.figures) {
    std::vector<exporting::XlsxCell> row = {Label("section." + f.section, language),
                                            IndicatorLabel(f, language), BreakdownLabel(f),
                                            f.currency};
    auto cell = [&](const std::optional<int64_t>& v) -> exporting::XlsxCell {
      if (!v) return std::monostate{};
      if (f.unit == "money") return exporting::XlsxMoney{*v, kDecimals};
      return *v;
    };
    for (const std::optional<int64_t>& v : f.values) row.push_back(cell(v));
    for (const Values& v : f.by_territory) row.push_back(cell(v[0]));
    sheet.AddRow(std::move(row));
  }
  core::Result<std::string> bytes = book.Build();
  if (!bytes.ok()) return bytes.status();
  return ReportFile{FileName(report, "xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    std::move(*bytes)};
}

// The PDF: A4 landscape, a header on every page, the figures in rows of fixed height, then
// the sub-territories, six to a table; page numbers once the pages are counted.
class PdfLayout {
 public:
  PdfLayout(const MonthlyReport& report, std::string_view language)
      : report_(report), language_(language) {}

  core::Result<ReportFile> Write() {
    // Pass one counts the pages, pass two draws them with "n / total".
    Lay(nullptr);
    exporting::PdfDocument pdf(exporting::kA4Landscape,
                               {.title = Label("title", language_) + " " + report_.territory.name +
                                         " " + report_.months[0].ToString()});
    Lay(&pdf);
    core::Result<std::string> bytes = pdf.Finish();
    if (!bytes.ok()) return bytes.status();
    return ReportFile{FileName(report_, "pdf"), "application/pdf", std::move(*bytes)};
  }

 private:
  static constexpr double kLeft = 12;
  static constexpr double kRowHeight = 5.2;
  static constexpr double kBottom = 190;

  void Lay(exporting::PdfDocument* pdf) {
    pdf_ = pdf;
    page_ = 0;
    StartPage(false);
    Heading({Label("column.indicator", language_), Label("column.breakdown", language_),
             report_.months[0].ToString(), report_.months[1].ToString(),
             report_.months[2].ToString()});
    std::string section;
    for (const Figure& f : report_.figures) {
      if (f.section != section) {
        section = f.section;
        Line({Label("section." + section, language_)}, true);
      }
      Line({f.dimension.empty() ? IndicatorLabel(f, language_) : "", BreakdownLabel(f),
            Shown(f, f.values[0]), Shown(f, f.values[1]), Shown(f, f.values[2])},
           f.dimension.empty());
    }
    const auto& children = report_.sub_territories;
    for (size_t first = 0; first < children.size(); first += 6) {
      const size_t last = std::min(children.size(), first + 6);
      y_ += kRowHeight;
      Line({Label("by_territory", language_) + " — " + report_.months[0].ToString()}, true);
      std::vector<std::string> heading = {Label("column.indicator", language_), ""};
      for (size_t c = first; c < last; ++c) heading.push_back(children[c].name);
      Heading(heading);
      for (const Figure& f : report_.figures) {
        if (!f.dimension.empty()) continue;
        std::vector<std::string> cells = {IndicatorLabel(f, language_), ""};
        for (size_t c = first; c < last && c < f.by_territory.size(); ++c) {
          cells.push_back(Shown(f, f.by_territory[c][0]));
        }
        Line(cells, false);
      }
    }
    if (report_.suppression_threshold) {
      y_ += kRowHeight;
      std::string note = Label("suppressed_note", language_);
      const size_t at = note.find("%1");
      if (at != std::string::npos)
        note.replace(at, 2, std::to_string(*report_.suppression_threshold));
      Line({note}, false);
    }
    if (pdf_) pdf_->DrawPageNumber(total_pages_);
    total_pages_ = page_;
  }

  void StartPage(bool new_page) {
    ++page_;
    if (pdf_ && new_page) {
      pdf_->DrawPageNumber(total_pages_);
      pdf_->NewPage();
    }
    if (pdf_) {
      pdf_->DrawText(Label("title", language_), kLeft, 10, {.size_pt = 14, .bold = true});
      pdf_->DrawText(report_.territory.name + " (" + report_.territory.code + ") — " +
                         report_.months[0].ToString(),
                     kLeft, 17, {.size_pt = 11});
      pdf_->DrawText(Label("generated", language_) + ": " + report_.generated_at, kLeft, 23,
                     {.size_pt = 8});
      pdf_->DrawLine(kLeft, 28, 285, 28, 0.3);
    }
    y_ = 31;
  }

  // Column x positions: the label, the breakdown, then value columns.
  static double ColumnX(size_t i) {
    if (i == 0) return kLeft;
    if (i == 1) return 100;
    return 150 + static_cast<double>(i - 2) * 22.5;
  }
  static double ColumnWidth(size_t i) {
    if (i == 0) return 86;
    if (i == 1) return 48;
    return 21;
  }

  void Heading(const std::vector<std::string>& cells) {
    Line(cells, true);
    if (pdf_) pdf_->DrawLine(kLeft, y_ - 0.6, 285, y_ - 0.6, 0.2);
  }

  void Line(const std::vector<std::string>& cells, bool bold) {
    if (y_ + kRowHeight > kBottom) StartPage(true);
    if (pdf_) {
      for (size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].empty()) continue;
        const bool value = i >= 2;
        // A lone cell (a section's title, a note) may use the whole width.
        const double width = cells.size() == 1 ? 270 : ColumnWidth(i);
        pdf_->DrawText(
            cells[i], ColumnX(i), y_,
            {.size_pt = 8,
             .bold = bold,
             .max_width_mm = width,
             .align = value ? exporting::TextAlign::kRight : exporting::TextAlign::kLeft});
      }
    }
    y_ += kRowHeight;
  }

  const MonthlyReport& report_;
  std::string language_;
  exporting::PdfDocument* pdf_ = nullptr;
  int page_ = 0;
  int total_pages_ = 0;
  double y_ = 0;
};

}  // namespace

std::optional<FileFormat> ParseFileFormat(std::string_view text) {
  if (text == "csv") return FileFormat::kCsv;
  if (text == "xlsx") return FileFormat::kXlsx;
  if (text == "pdf") return FileFormat::kPdf;
  return std::nullopt;
}

core::Result<ReportFile> WriteMonthlyReport(const MonthlyReport& report, FileFormat format,
                                            std::string_view language) {
  switch (format) {
    case FileFormat::kCsv:
      return Csv(report, language);
    case FileFormat::kXlsx:
      return Xlsx(report, language);
    case FileFormat::kPdf:
      return PdfLayout(report, language).Write();
  }
  return Csv(report, language);
}

}  // namespace socius::reports
