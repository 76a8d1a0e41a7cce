#ifndef TYPENET_DESCRIBE_HPP
#define TYPENET_DESCRIBE_HPP

// The reflection of a network type, tn::describe<Net>(), and everything drawn from it: Graphviz diagrams,
// shape tables (plain text, Markdown, CSV, JSON) and the one-line architecture and data-flow views.
#include <typenet/describe/dot.hpp>
#include <typenet/describe/lines.hpp>
#include <typenet/describe/reflect.hpp>
#include <typenet/describe/table.hpp>

#endif
