#include "benefits/report_figures.h"

#include <string>
#include <utility>

#include "store/figures.h"

namespace socius::benefits {
namespace {

using store::FigureSpec;

// The household's name is its head's.
constexpr std::string_view kHouseholdJoins =
    " LEFT JOIN households h ON h.id = x.household_id LEFT JOIN persons hp ON hp.id = "
    "h.head_person_id ";
constexpr std::string_view kHouseholdName = "hp.family_name || ' ' || hp.given_name";

// A figure over a table with programme_id and household_id; `columns` are the record
// columns after id, date and number up to the subject: detail, label, amount, currency.
FigureSpec ProgrammeSpec(std::string indicator, std::string from, std::string where,
                         std::string kind, std::string date, std::string number, std::string tail) {
  FigureSpec spec;
  spec.indicator = std::move(indicator);
  spec.from = std::move(from);
  spec.where = std::move(where);
  spec.dimensions = {{"programme", "x.programme_id", "p.name"}};
  spec.record_kind = std::move(kind);
  spec.record_joins = std::string(kHouseholdJoins);
  spec.record_columns = "x.id, " + date + ", " + number + ", 'household', x.household_id, " +
                        std::string(kHouseholdName) + ", " + tail + ", NULL, 0";
  spec.record_date = std::move(date);
  return spec;
}

const std::vector<FigureSpec>& Specs() {
  static const std::vector<FigureSpec> specs = [] {
    std::vector<FigureSpec> out;
    out.push_back(ProgrammeSpec(
        "applications", "benefit_applications x JOIN programmes p ON p.id = x.programme_id",
        "x.submitted_on >= :start AND x.submitted_on < :next", "application", "x.submitted_on",
        "NULL", "x.state, p.name, NULL, NULL"));
    // An approval counts once it is in force (a second approver's, on the day they gave it);
    // a rejection when made, by the first decision or by the second approver.
    const std::string approved_on = "COALESCE(x.second_approved_at, x.decided_at)";
    out.push_back(ProgrammeSpec(
        "decisions_approved", "benefit_decisions x JOIN programmes p ON p.id = x.programme_id",
        "x.outcome = 'approved' AND x.state IN ('active', 'suspended', 'ended') AND " +
            approved_on + " >= :start_at AND " + approved_on + " < :next_at",
        "decision", approved_on, "NULL", "x.state, p.name, x.amount_minor, p.currency"));
    const std::string rejected_on =
        "CASE WHEN x.outcome = 'rejected' THEN x.decided_at ELSE x.updated_at END";
    out.push_back(ProgrammeSpec("decisions_rejected",
                                "benefit_decisions x JOIN programmes p ON p.id = x.programme_id",
                                "x.state = 'rejected' AND " + rejected_on + " >= :start_at AND " +
                                    rejected_on + " < :next_at",
                                "decision", rejected_on, "NULL", "x.state, p.name, NULL, NULL"));
    // Paid for the month: the payment's period is the month, whatever day the bank paid it.
    // The month's lines are read once for both figures.
    FigureSpec beneficiaries = ProgrammeSpec(
        "aid_beneficiaries", "payment_lines x JOIN programmes p ON p.id = x.programme_id", "",
        "payment", "COALESCE(x.settled_on, x.period || '-01')", "x.reference",
        "x.state, p.name, x.amount_minor, p.currency");
    beneficiaries.window = "x.state = 'paid' AND x.period = substr(:start, 1, 7)";
    beneficiaries.value = "COUNT(DISTINCT x.household_id)";
    out.push_back(beneficiaries);
    FigureSpec amount = beneficiaries;
    amount.indicator = "aid_amount";
    amount.value = "SUM(x.amount_minor)";
    amount.currency = "p.currency";
    out.push_back(std::move(amount));
    FigureSpec cards =
        ProgrammeSpec("cards_issued", "benefit_cards x JOIN programmes p ON p.id = x.programme_id",
                      "x.issued_at >= :start_at AND x.issued_at < :next_at", "card", "x.issued_at",
                      "x.number", "x.state, p.name, NULL, NULL");
    cards.dimensions.clear();
    out.push_back(std::move(cards));
    return out;
  }();
  return specs;
}

}  // namespace

bool OwnsFigure(std::string_view indicator) { return store::HasFigure(Specs(), indicator); }

core::Status CountFigures(store::Session& tx, const core::FigureQuery& query,
                          std::vector<core::FigureCount>& out) {
  return store::CountFigures(tx, Specs(), query, out);
}

core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query) {
  return store::ListFigureRecords(tx, Specs(), query);
}

}  // namespace socius::benefits
