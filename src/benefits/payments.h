#pragma once

// The use cases of payment lists: generate a programme's list for a month and a territory from
// the decisions that pay in it, read it with its totals, export it for the treasury or the bank
// (CSV, XLSX), and apply the bank's confirmation. A household is never paid twice for one
// programme and month, whatever the lists (a unique key on the lines). Thread-safe.

#include <optional>
#include <string>

#include "auth/principal.h"
#include "benefits/model.h"
#include "benefits/repository.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

enum class ExportFormat { kCsv, kXlsx };

struct ExportFile {
  std::string name;  // "PL202611-K3J9QX.xlsx"
  std::string content_type;
  std::string bytes;
};

class Payments {
 public:
  explicit Payments(store::Database& db) : db_(db) {}
  // benefit.work over the territory (default: the programme's), which lies within the
  // programme's (NotFound("territory.not_found") otherwise). Conflict("payment.nothing_to_pay")
  // when every decision paying in the month is already on a list. Audited
  // (payment_list.create).
  core::Result<PaymentList> Generate(const auth::Principal& who, const std::string& programme_id,
                                     core::Month period,
                                     const std::optional<std::string>& territory_code);
  // A list whose territory lies in the caller's benefit.read scope; its totals count the lines
  // of communities in that scope.
  core::Result<PaymentList> Get(const auth::Principal& who, const std::string& id);
  core::Result<PaymentListPage> List(const auth::Principal& who,
                                     const std::optional<std::string>& programme_id,
                                     const std::string& after, int limit);
  // The lines of a list (audited: payment_list.read) or of a household (its payments, on its
  // card; not audited apart from the household's own read).
  core::Result<PaymentLinePage> Lines(const auth::Principal& who, const PaymentLineFilter& filter,
                                      const std::string& after, int limit);
  // The whole list as a file: benefit.work. Audited (payment_list.export).
  core::Result<ExportFile> Export(const auth::Principal& who, const std::string& id,
                                  ExportFormat format, const std::string& language);
  // Applies a bank's confirmation file (rules.h ParseBankFile, CheckConfirmation): every line
  // or none. benefit.work. Audited (payment_list.confirm).
  core::Result<Confirmation> Confirm(const auth::Principal& who, const std::string& id,
                                     std::string_view csv);

 private:
  store::Database& db_;
};

}  // namespace socius::benefits
