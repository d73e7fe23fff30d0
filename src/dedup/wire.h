#pragma once

// The JSON of the deduplication room (docs/dedup-api.md).

#include "core/clock.h"
#include "core/result.h"
#include "dedup/model.h"
#include "http/request.h"

namespace socius::dedup {

http::Json EncodePair(const DuplicatePair& pair, core::Date today);
http::Json EncodePairDetail(const PairDetail& detail, core::Date today);
http::Json EncodeMerge(const Merge& merge);
http::Json EncodeRun(const SearchRun& run);
// The body of POST /api/v1/merges. Shapes only (request.* codes, field named).
core::Result<MergeRequest> ReadMergeRequest(const http::Json& body);

}  // namespace socius::dedup
