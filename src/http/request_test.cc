#include "http/request.h"

#include <gtest/gtest.h>

#include <string>

namespace socius::http {
namespace {

Request JsonRequest(std::string body, std::string content_type = "application/json") {
  Request request;
  request.headers["content-type"] = std::move(content_type);
  request.body = std::move(body);
  return request;
}

std::string Nested(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += "{\"a\":";
  text += "1";
  for (int i = 0; i < depth; ++i) text += "}";
  return text;
}

TEST(RequestTarget, DecodesPathAndQuery) {
  Request request;
  ASSERT_TRUE(request.SetTarget("/api/v1/persons%20x?q=Pop+Ana%C8%99&limit=5&q=second").ok());
  EXPECT_EQ(request.path, "/api/v1/persons x");
  EXPECT_EQ(request.QueryParam("q"), "Pop Anaș");
  EXPECT_EQ(request.QueryParam("limit"), "5");
  EXPECT_EQ(request.query.count("q"), 2u);
  EXPECT_EQ(request.QueryParam("cursor"), std::nullopt);
}

TEST(RequestTarget, RejectsMalformedQueryEscapeNamingTheParameter) {
  Request request;
  core::Status status = request.SetTarget("/api/v1/persons?q=%zz");
  EXPECT_EQ(status.code(), "request.invalid_query");
  EXPECT_EQ(status.params().at("name"), "q");
  EXPECT_EQ(request.SetTarget("/x?q=%C8").code(), "request.invalid_query");  // cut UTF-8
}

TEST(RequestTarget, RejectsPathWithNulOrInvalidUtf8) {
  Request request;
  EXPECT_EQ(request.SetTarget("/a%00b").code(), "request.not_found");
  EXPECT_EQ(request.SetTarget("/a%FFb").code(), "request.not_found");
}

TEST(RequestHeaders, AbsentHeaderIsEmpty) {
  Request request;
  request.headers["x-csrf-token"] = "abc";
  EXPECT_EQ(request.Header("x-csrf-token"), "abc");
  EXPECT_EQ(request.Header("if-match"), "");
}

TEST(RequestCookie, FindsNamedCookieAmongOthers) {
  Request request;
  request.headers["cookie"] = "theme=dark;  socius_session=tok123 ; quoted=\"v w\"; flag";
  EXPECT_EQ(request.Cookie("socius_session"), "tok123");
  EXPECT_EQ(request.Cookie("quoted"), "v w");
  EXPECT_EQ(request.Cookie("theme"), "dark");
  EXPECT_EQ(request.Cookie("session"), "");
  EXPECT_EQ(request.Cookie("flag"), "");
}

TEST(RequestJsonBody, ParsesObjectWithCharsetParameter) {
  auto body = JsonRequest(R"({"name":"Ștefan"})", "Application/JSON; charset=utf-8").JsonBody();
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["name"], "Ștefan");
}

TEST(RequestJsonBody, RejectsOtherContentType) {
  EXPECT_EQ(JsonRequest("{}", "text/plain").JsonBody().status().code(),
            "request.unsupported_media_type");
  EXPECT_EQ(JsonRequest("{}", "").JsonBody().status().code(), "request.unsupported_media_type");
}

TEST(RequestJsonBody, RejectsMalformedAndNonObjectBodies) {
  EXPECT_EQ(JsonRequest("{\"a\":").JsonBody().status().code(), "request.malformed_json");
  EXPECT_EQ(JsonRequest("").JsonBody().status().code(), "request.malformed_json");
  EXPECT_EQ(JsonRequest("{} trailing").JsonBody().status().code(), "request.malformed_json");
  EXPECT_EQ(JsonRequest("[1,2]").JsonBody().status().code(), "request.not_an_object");
  EXPECT_EQ(JsonRequest("\"text\"").JsonBody().status().code(), "request.not_an_object");
}

TEST(RequestJsonBody, RejectsInvalidUtf8) {
  EXPECT_EQ(JsonRequest("{\"a\":\"\xC3\x28\"}").JsonBody().status().code(),
            "request.malformed_json");
  EXPECT_EQ(JsonRequest("{\"a\":\"\xED\xA0\x80\"}").JsonBody().status().code(),  // surrogate
            "request.malformed_json");
}

TEST(RequestJsonBody, AllowsThirtyTwoLevelsAndRejectsThirtyThree) {
  EXPECT_TRUE(JsonRequest(Nested(32)).JsonBody().ok());
  EXPECT_EQ(JsonRequest(Nested(33)).JsonBody().status().code(), "request.too_deep");
  EXPECT_EQ(JsonRequest("{\"a\":" + std::string(100000, '[')).JsonBody().status().code(),
            "request.too_deep");
}

TEST(RequestJsonBody, BracketsInsideStringsDoNotCountAsDepth) {
  std::string brackets(100, '[');
  EXPECT_TRUE(JsonRequest("{\"a\":\"" + brackets + "\\\"" + brackets + "\"}").JsonBody().ok());
}

TEST(ResponseJsonBody, ReplacesInvalidUtf8InsteadOfThrowing) {
  Response response = Response::JsonBody(201, Json{{"name", std::string("a\xFF")}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, "{\"name\":\"a\xEF\xBF\xBD\"}");
}

TEST(ResponseNoContent, HasNoBodyAndNoContentType) {
  Response response = Response::NoContent();
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(response.body.empty());
  EXPECT_TRUE(response.content_type.empty());
}

TEST(JsonFields, RejectsUnknownFieldNamingIt) {
  Json object = {{"username", "ana"}, {"is_admin", true}};
  core::Status status = JsonFields(object).OnlyAllowed({"username", "password"});
  EXPECT_EQ(status.code(), "request.unknown_field");
  EXPECT_EQ(status.field(), "is_admin");
  EXPECT_TRUE(JsonFields(object).OnlyAllowed({"username", "is_admin"}).ok());
}

TEST(JsonFields, RequiredStringReportsMissingNullAndWrongType) {
  Json object = {{"a", nullptr}, {"b", 5}, {"c", "ok"}};
  JsonFields fields(object);
  EXPECT_EQ(fields.RequiredString("missing").status().code(), "request.missing_field");
  EXPECT_EQ(fields.RequiredString("missing").status().field(), "missing");
  EXPECT_EQ(fields.RequiredString("a").status().code(), "request.missing_field");
  EXPECT_EQ(fields.RequiredString("b").status().code(), "request.wrong_type");
  EXPECT_EQ(fields.RequiredString("b").status().field(), "b");
  EXPECT_EQ(*fields.RequiredString("c"), "ok");
}

TEST(JsonFields, MaxLengthCountsCodePointsNotBytes) {
  Json object = {{"name", "ȘțăîâȘ"}};  // 6 code points, 12 bytes
  JsonFields fields(object);
  EXPECT_TRUE(fields.RequiredString("name", 6).ok());
  core::Status status = fields.RequiredString("name", 5).status();
  EXPECT_EQ(status.code(), "request.field_too_long");
  EXPECT_EQ(status.kind(), core::StatusKind::kInvalidArgument);
  EXPECT_EQ(status.field(), "name");
  EXPECT_EQ(status.params().at("max"), "5");
  EXPECT_TRUE(JsonFields(Json{{"emoji", "😀😀"}}).RequiredString("emoji", 2).ok());
}

TEST(JsonFields, RejectsControlCharactersButAllowsLineBreaksAndTabs) {
  EXPECT_TRUE(JsonFields(Json{{"notes", "line 1\r\nline\t2"}}).RequiredString("notes").ok());
  for (std::string bad : {std::string("a\x01"), std::string("a\0b", 3), std::string("a\x7F"),
                          std::string("a\xC2\x85")}) {
    core::Status status = JsonFields(Json{{"notes", bad}}).OptionalString("notes").status();
    EXPECT_EQ(status.code(), "request.control_characters") << bad;
    EXPECT_EQ(status.field(), "notes");
  }
}

TEST(JsonFields, ControlCharacterEscapedInJsonIsRejectedAfterParsing) {
  auto body = JsonRequest(R"({"name":"a\u0007b"})").JsonBody();
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(JsonFields(*body).RequiredString("name").status().code(), "request.control_characters");
}

TEST(JsonFields, OptionalStringAbsentOrNullIsEmpty) {
  Json object = {{"a", nullptr}};
  EXPECT_EQ(*JsonFields(object).OptionalString("a"), std::nullopt);
  EXPECT_EQ(*JsonFields(object).OptionalString("b"), std::nullopt);
  EXPECT_EQ(JsonFields(Json{{"a", true}}).OptionalString("a").status().code(),
            "request.wrong_type");
}

TEST(JsonFields, OptionalBoolAcceptsOnlyBooleans) {
  EXPECT_EQ(*JsonFields(Json{{"active", false}}).OptionalBool("active"), false);
  EXPECT_EQ(*JsonFields(Json::object()).OptionalBool("active"), std::nullopt);
  EXPECT_EQ(JsonFields(Json{{"active", "true"}}).OptionalBool("active").status().code(),
            "request.wrong_type");
  EXPECT_EQ(JsonFields(Json{{"active", 1}}).OptionalBool("active").status().code(),
            "request.wrong_type");
}

TEST(JsonFields, OptionalIntAcceptsOnlyIntegersInRange) {
  EXPECT_EQ(*JsonFields(Json{{"n", -5}}).OptionalInt("n"), -5);
  EXPECT_EQ(*JsonFields(Json{{"n", 9223372036854775807ULL}}).OptionalInt("n"),
            9223372036854775807LL);
  EXPECT_EQ(JsonFields(Json{{"n", 9223372036854775808ULL}}).OptionalInt("n").status().code(),
            "request.wrong_type");
  EXPECT_EQ(JsonFields(Json{{"n", 1.5}}).OptionalInt("n").status().code(), "request.wrong_type");
  EXPECT_EQ(JsonFields(Json{{"n", "1"}}).OptionalInt("n").status().code(), "request.wrong_type");
  EXPECT_EQ(*JsonFields(Json::object()).OptionalInt("n"), std::nullopt);
}

Request WithIfMatch(std::string value) {
  Request request;
  request.headers["if-match"] = std::move(value);
  return request;
}

TEST(RequiredIfMatch, AcceptsBareQuotedAndWeakVersions) {
  EXPECT_EQ(*RequiredIfMatch(WithIfMatch("3")), 3);
  EXPECT_EQ(*RequiredIfMatch(WithIfMatch("\"3\"")), 3);
  EXPECT_EQ(*RequiredIfMatch(WithIfMatch("W/\"3\"")), 3);
}

TEST(RequiredIfMatch, MissingOrMalformedIsPreconditionRequired) {
  for (std::string value :
       {"", "\"\"", "0", "-1", "3x", "\"3", "*", "W/", "99999999999999999999"}) {
    core::Result<int64_t> version = RequiredIfMatch(WithIfMatch(value));
    ASSERT_FALSE(version.ok()) << value;
    EXPECT_EQ(version.status().kind(), core::StatusKind::kPreconditionFailed) << value;
    EXPECT_EQ(version.status().code(), "request.if_match_required") << value;
  }
  EXPECT_EQ(RequiredIfMatch(Request()).status().code(), "request.if_match_required");
}

TEST(ListLimit, DefaultWhenAbsentAndRangeChecked) {
  Request request;
  ASSERT_TRUE(request.SetTarget("/x").ok());
  EXPECT_EQ(*ListLimit(request), 50);
  EXPECT_EQ(*ListLimit(request, 20, 100), 20);
  ASSERT_TRUE(request.SetTarget("/x?limit=200").ok());
  EXPECT_EQ(*ListLimit(request), 200);
  EXPECT_FALSE(ListLimit(request, 50, 100).ok());
  for (const char* bad :
       {"/x?limit=0", "/x?limit=201", "/x?limit=5x", "/x?limit=", "/x?limit=-1"}) {
    ASSERT_TRUE(request.SetTarget(bad).ok()) << bad;
    core::Result<int> limit = ListLimit(request);
    ASSERT_FALSE(limit.ok()) << bad;
    EXPECT_EQ(limit.status().code(), "request.invalid_query") << bad;
    EXPECT_EQ(limit.status().field(), "limit") << bad;
    EXPECT_EQ(limit.status().params().at("name"), "limit") << bad;
  }
}

TEST(HexCursor, RoundTripsAnyBytesWithinTheLimit) {
  const std::string raw = std::string("2026-11-23\x1f") + '\0' + "\xff";
  EXPECT_EQ(EncodeHexCursor("Az"), "417a");
  EXPECT_EQ(DecodeHexCursor(EncodeHexCursor(raw), raw.size()), raw);
  EXPECT_EQ(DecodeHexCursor("417A", 2), "Az");
  EXPECT_EQ(DecodeHexCursor(EncodeHexCursor(raw), raw.size() - 1), std::nullopt);
  for (const char* bad : {"", "4", "41 7", "zz", "-1", "+1"}) {
    EXPECT_EQ(DecodeHexCursor(bad, 100), std::nullopt) << bad;
  }
}

TEST(WithEtag, AddsTheQuotedVersion) {
  Response response = WithEtag(Response::NoContent(), 7);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "ETag");
  EXPECT_EQ(response.headers[0].second, "\"7\"");
}

}  // namespace
}  // namespace socius::http
