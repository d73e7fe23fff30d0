# The record-linkage engine of person deduplication (engine.h): pure computation, no I/O.
socius_add_module(dedup_engine
  SOURCES compare.cc weights.cc blocking.cc cluster.cc engine.cc
  DEPS socius::core socius::text nlohmann_json::nlohmann_json Threads::Threads)
socius_add_test(dedup_engine_test
  SOURCES engine_test.cc
  DEPS socius::dedup_engine)
