# Compiles one source with the real compiler and checks the outcome.
#   EXPECT=fail: the build must fail, its diagnostic must match every PATTERNS entry (';'-separated
#                regular expressions) and stay under MAX_LINES lines.
#   EXPECT=pass: the same source with -DTYPENET_TWIN must compile: the twin proves the failure comes from
#                the mistake under test and not from a typo in the test.
separate_arguments(include_flags UNIX_COMMAND "${INCLUDES}")
set(args -std=c++20 -fsyntax-only ${include_flags} ${SOURCE})
if(EXPECT STREQUAL "pass")
  list(APPEND args -DTYPENET_TWIN -Wall -Wextra -Wpedantic -Werror)
endif()
execute_process(COMMAND ${COMPILER} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(APPEND out "${err}")

if(EXPECT STREQUAL "pass")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the twin of ${SOURCE} must compile, but:\n${out}")
  endif()
  return()
endif()

if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} must not compile, but it did")
endif()
foreach(pattern IN LISTS PATTERNS)
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "the diagnostic for ${SOURCE} does not match '${pattern}':\n${out}")
  endif()
endforeach()
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines lines)
if(lines GREATER_EQUAL MAX_LINES)
  message(FATAL_ERROR "the diagnostic for ${SOURCE} has ${lines} lines, more than ${MAX_LINES}:\n${out}")
endif()
message(STATUS "${SOURCE}: failed as expected in ${lines} lines")
