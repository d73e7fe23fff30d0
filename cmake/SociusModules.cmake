# Shared compile settings and the two helpers every folder uses.

function(socius_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                           -Wno-unused-parameter
                                           # g++ 12 reports false positives inside std::optional
                                           # and <chrono> at -O2; they drown real warnings.
                                           -Wno-maybe-uninitialized)
  if(SOCIUS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Debug information is a third of the compile time of this template-heavy code and most of
  # the link time; CI never opens a debugger, so it builds without it (SOCIUS_DEBUG_INFO=OFF).
  if(NOT SOCIUS_DEBUG_INFO)
    target_compile_options(${target} PRIVATE -g0)
  endif()
endfunction()

# socius_add_module(NAME SOURCES a.cc b.cc DEPS socius::core ...)
# Builds a static library socius_NAME with alias socius::NAME. DEPS is the list of what the
# module may use: anything else fails to link.
function(socius_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(socius_${name} STATIC ${ARG_SOURCES})
  add_library(socius::${name} ALIAS socius_${name})
  target_include_directories(socius_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(socius_${name} PUBLIC ${ARG_DEPS})
  socius_warnings(socius_${name})
endfunction()

# socius_add_test(NAME SOURCES a_test.cc DEPS socius::core)
function(socius_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  socius_warnings(${name})
  # The tests' own code (assertions, fixtures) runs in milliseconds and waits on the database;
  # -O1 compiles it in half the time of -O2. The code under test keeps its library's -O2.
  if(CMAKE_BUILD_TYPE MATCHES "Rel")
    target_compile_options(${name} PRIVATE -O1)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "SOCIUS_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
