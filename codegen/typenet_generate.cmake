# typenet_generate(): architecture diagrams and shape tables of network types, generated at build time.
#
#   typenet_generate(<target> HEADER <file> TYPES <type>...
#                    [OUTPUT_DIR <dir>] [FORMATS dot svg png md csv json txt]
#                    [DIRECTION TB|LR] [DETAIL detailed|compact] [BATCH <n>] [INDEX <file>.html|<file>.md]
#                    [LINK_LIBRARIES <lib>...])
#
# Writes a small program that includes HEADER and describes each of TYPES, builds it against typenet::typenet,
# runs it, and renders the DOT files with Graphviz `dot`. Files: <dir>/<stem>.<format>, where <stem> is the
# type as written with "::" turned into "__" and any other run of characters outside [A-Za-z0-9_.-] into a
# single "_" (models::Mlp -> models__Mlp, tn::Classifier<100, 2> -> tn__Classifier_100_2). <dir> defaults to
# ${CMAKE_CURRENT_BINARY_DIR}/typenet-out. <target> is a custom target in ALL; the files are written again
# whenever the header (or anything it includes) changes. See docs/codegen.md.
include_guard(GLOBAL)

# The file name that a type's outputs get.
function(typenet_generate_file_stem type out_var)
  string(STRIP "${type}" stem)
  string(REGEX REPLACE "^::" "" stem "${stem}")
  string(REPLACE "::" "__" stem "${stem}")
  string(REGEX REPLACE "[^A-Za-z0-9_.-]+" "_" stem "${stem}")
  string(REGEX REPLACE "^_+|_+$" "" stem "${stem}")
  set(${out_var} "${stem}" PARENT_SCOPE)
endfunction()

function(typenet_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "HEADER;OUTPUT_DIR;DIRECTION;DETAIL;BATCH;INDEX"
    "TYPES;FORMATS;LINK_LIBRARIES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "typenet_generate(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_HEADER)
    message(FATAL_ERROR "typenet_generate(${target}): HEADER <file> is required: the header that declares the TYPES")
  endif()
  if(NOT arg_TYPES)
    message(FATAL_ERROR "typenet_generate(${target}): TYPES <type>... is required: the network types to describe")
  endif()
  if(NOT TARGET typenet::typenet)
    message(FATAL_ERROR "typenet_generate(${target}): the target typenet::typenet is missing; "
      "call it after add_subdirectory(typenet) or find_package(typenet)")
  endif()

  get_filename_component(header "${arg_HEADER}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${header}")
    message(FATAL_ERROR "typenet_generate(${target}): HEADER ${header} does not exist")
  endif()
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/typenet-out")
  if(arg_OUTPUT_DIR)
    get_filename_component(out_dir "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set(all_formats dot svg png md csv json txt)
  set(formats ${all_formats})
  if(arg_FORMATS)
    set(formats ${arg_FORMATS})
  endif()
  foreach(format IN LISTS formats)
    if(NOT format IN_LIST all_formats)
      message(FATAL_ERROR "typenet_generate(${target}): unknown format '${format}'; the formats are ${all_formats}")
    endif()
  endforeach()

  set(images)
  foreach(format svg png)
    if(format IN_LIST formats)
      list(APPEND images ${format})
    endif()
  endforeach()
  if(images)
    find_program(TYPENET_DOT_EXECUTABLE NAMES dot DOC "Graphviz dot, which renders typenet's diagrams")
    if(NOT TYPENET_DOT_EXECUTABLE)
      message(WARNING "typenet_generate(${target}): Graphviz 'dot' was not found, so no ${images} are made "
        "(Debian: apt-get install graphviz)")
      list(REMOVE_ITEM formats ${images})
      set(images)
    endif()
  endif()

  set(work_dir "${CMAKE_CURRENT_BINARY_DIR}/typenet_generate/${target}")
  set(dot_dir "${work_dir}")
  if("dot" IN_LIST formats)
    set(dot_dir "${out_dir}")
  endif()

  # The generator program: one line per type.
  set(lines)
  set(outputs)
  set(dot_files)
  set(stems)
  foreach(type IN LISTS arg_TYPES)
    typenet_generate_file_stem("${type}" stem)
    if(stem IN_LIST stems)
      message(FATAL_ERROR "typenet_generate(${target}): two TYPES give the same file name '${stem}'")
    endif()
    list(APPEND stems "${stem}")
    string(APPEND lines "    g.add<${type}>(\"${type}\", \"${stem}\");\n")
    foreach(format md csv json txt dot)
      if(format IN_LIST formats)
        list(APPEND outputs "${out_dir}/${stem}.${format}")
      endif()
    endforeach()
    if(images)
      list(APPEND dot_files "${dot_dir}/${stem}.dot")
      if(NOT "dot" IN_LIST formats)
        list(APPEND outputs "${dot_dir}/${stem}.dot")
      endif()
    endif()
  endforeach()
  set(source "${work_dir}/generate.cpp")
  file(CONFIGURE OUTPUT "${source}" @ONLY CONTENT
"// Written by typenet_generate(${target}); changes are overwritten.
#include \"${header}\"

#include <typenet/describe/generate.hpp>

int main(int argc, char** argv) {
    typenet::generator g(argc, argv);
${lines}    return g.finish();
}
")

  set(args --out "${out_dir}" --dot-dir "${dot_dir}")
  string(REPLACE ";" "," format_list "${formats}")
  list(APPEND args --formats "${format_list}")
  if(arg_DIRECTION)
    list(APPEND args --direction ${arg_DIRECTION})
  endif()
  if(arg_DETAIL)
    list(APPEND args --detail ${arg_DETAIL})
  endif()
  if(NOT "${arg_BATCH}" STREQUAL "")
    list(APPEND args --batch ${arg_BATCH})
  endif()
  if(arg_INDEX)
    list(APPEND args --index ${arg_INDEX})
    list(APPEND outputs "${out_dir}/${arg_INDEX}")
  endif()

  string(REPLACE ";" " " stems_text "${stems}")
  add_executable(${target}_generator EXCLUDE_FROM_ALL "${source}")
  target_link_libraries(${target}_generator PRIVATE typenet::typenet ${arg_LINK_LIBRARIES})
  target_compile_features(${target}_generator PRIVATE cxx_std_20)

  file(MAKE_DIRECTORY "${out_dir}" "${dot_dir}")
  # Depending on the program rebuilds it, and so runs it again, when the header or anything it includes changes.
  add_custom_command(OUTPUT ${outputs}
    COMMAND ${target}_generator ${args}
    DEPENDS ${target}_generator "${header}"
    COMMENT "typenet: describing ${stems_text} in ${out_dir}"
    VERBATIM)

  set(rendered)
  foreach(stem IN LISTS stems)
    foreach(format IN LISTS images)
      add_custom_command(OUTPUT "${out_dir}/${stem}.${format}"
        COMMAND "${TYPENET_DOT_EXECUTABLE}" -T${format} "${dot_dir}/${stem}.dot" -o "${out_dir}/${stem}.${format}"
        DEPENDS "${dot_dir}/${stem}.dot"
        COMMENT "typenet: rendering ${stem}.${format}"
        VERBATIM)
      list(APPEND rendered "${out_dir}/${stem}.${format}")
    endforeach()
  endforeach()

  add_custom_target(${target} ALL DEPENDS ${outputs} ${rendered})
  set_target_properties(${target} PROPERTIES TYPENET_OUTPUT_DIR "${out_dir}" TYPENET_FILE_STEMS "${stems}")
endfunction()
