#include "http/problem.h"

#include <gtest/gtest.h>

namespace socius::http {
namespace {

using core::Status;

TEST(HttpStatusOf, MapsEveryKind) {
  EXPECT_EQ(HttpStatusOf(Status::InvalidArgument("x")), 400);
  EXPECT_EQ(HttpStatusOf(Status::Unauthenticated("auth.unauthenticated")), 401);
  EXPECT_EQ(HttpStatusOf(Status::PermissionDenied("auth.forbidden")), 403);
  EXPECT_EQ(HttpStatusOf(Status::NotFound("request.not_found")), 404);
  EXPECT_EQ(HttpStatusOf(Status::Conflict("conflict.stale_version")), 409);
  EXPECT_EQ(HttpStatusOf(Status::PreconditionFailed("request.if_match_required")), 428);
  EXPECT_EQ(HttpStatusOf(Status::PreconditionFailed("request.if_match_malformed")), 412);
  EXPECT_EQ(HttpStatusOf(Status::TooLarge("request.body_too_large")), 413);
  EXPECT_EQ(HttpStatusOf(Status::ResourceExhausted("auth.locked")), 429);
  EXPECT_EQ(HttpStatusOf(Status::Unavailable("store.busy")), 503);
  EXPECT_EQ(HttpStatusOf(Status::Internal("boom")), 500);
}

TEST(ProblemResponse, BuildsTranslatedRfc9457Body) {
  Status status =
      Status::InvalidArgument("request.field_too_long", "display_name").With("max", "80");
  Response response = ProblemResponse(status, "ro", "/api/v1/users");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/problem+json");
  Json body = Json::parse(response.body);
  EXPECT_EQ(body["type"], "urn:socius:problem:request.field_too_long");
  EXPECT_EQ(body["title"], "Prea lung");
  EXPECT_EQ(body["status"], 400);
  EXPECT_EQ(body["detail"], "Acest câmp poate conține cel mult 80 caractere.");
  EXPECT_EQ(body["code"], "request.field_too_long");
  EXPECT_EQ(body["field"], "display_name");
  EXPECT_EQ(body["instance"], "/api/v1/users");
  EXPECT_EQ(body["params"]["max"], "80");
}

TEST(ProblemResponse, OmitsFieldAndParamsWhenAbsent) {
  Json body = Json::parse(ProblemResponse(Status::NotFound("request.not_found"), "en", "/x").body);
  EXPECT_FALSE(body.contains("field"));
  EXPECT_FALSE(body.contains("params"));
  EXPECT_EQ(body["title"], "Not found");
}

TEST(ProblemResponse, InternalShowsOnlyTheGenericMessage) {
  Response response = ProblemResponse(Status::Internal("SQL: no such table persons"), "uk", "/x");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("persons"), std::string::npos);
  Json body = Json::parse(response.body);
  EXPECT_EQ(body["code"], "internal");
  EXPECT_EQ(body["title"], "Внутрішня помилка");
}

TEST(ProblemResponse, RetryAfterParamBecomesHeader) {
  Response response = ProblemResponse(
      Status::ResourceExhausted("auth.locked").With("retry_after", "900"), "en", "/");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Retry-After");
  EXPECT_EQ(response.headers[0].second, "900");
}

TEST(ProblemResponse, ExplicitHttpStatusOverridesKind) {
  Response response =
      ProblemResponse(Status::InvalidArgument("request.method_not_allowed"), "en", "/", 405);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(Json::parse(response.body)["status"], 405);
}

TEST(Translate, FillsPlaceholdersInEachLanguage) {
  std::map<std::string, std::string> params = {{"name", "limit"}};
  EXPECT_EQ(Translate("request.invalid_query", "en", params),
            "The query parameter “limit” has an invalid value.");
  EXPECT_EQ(Translate("request.invalid_query", "ru", params),
            "Параметр запроса «limit» имеет некорректное значение.");
  EXPECT_EQ(TranslateTitle("request.invalid_query", "lt"), "Netinkamas užklausos parametras");
}

TEST(Translate, LeavesUnknownPlaceholderAsWritten) {
  EXPECT_EQ(Translate("request.field_too_long", "en"),
            "This field may hold at most {max} characters.");
}

TEST(Translate, FallsBackToEnglishThenToTheCode) {
  EXPECT_EQ(Translate("auth.forbidden", "de"), "You do not have permission to do this.");
  EXPECT_EQ(Translate("nobody.defined_this", "ro"), "nobody.defined_this");
}

struct LanguageCase {
  std::string header;
  std::string expected;
};

class NegotiateLanguageTest : public testing::TestWithParam<LanguageCase> {};

TEST_P(NegotiateLanguageTest, PicksSupportedLanguage) {
  EXPECT_EQ(NegotiateLanguage(GetParam().header), GetParam().expected) << GetParam().header;
}

INSTANTIATE_TEST_SUITE_P(
    AcceptLanguage, NegotiateLanguageTest,
    testing::Values(LanguageCase{"", "en"}, LanguageCase{"uk-UA,uk;q=0.9,en;q=0.8", "uk"},
                    LanguageCase{"ro-MD", "ro"}, LanguageCase{"mo", "ro"}, LanguageCase{"mk", "mk"},
                    LanguageCase{"LT", "lt"}, LanguageCase{"de-DE, fr;q=0.9", "en"},
                    LanguageCase{"en;q=0.5, lt;q=0.8", "lt"},
                    LanguageCase{"de, ru;q=0.3, uk;q=0.2", "ru"}, LanguageCase{"ru;q=0", "en"},
                    LanguageCase{"*", "en"}, LanguageCase{"ru;q=abc, mk;q=0.1", "mk"},
                    LanguageCase{"mk ; q=0.7 , ro ; q=0.7", "mk"}));

}  // namespace
}  // namespace socius::http
