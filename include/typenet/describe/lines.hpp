#ifndef TYPENET_DESCRIBE_LINES_HPP
#define TYPENET_DESCRIBE_LINES_HPP

#include <cstddef>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include <typenet/describe/format.hpp>
#include <typenet/describe/reflect.hpp>

namespace typenet {

/// The architecture view of the reference module: "Input -> Dense(784,128) -> ReLU -> ... -> Output".
/// Nested networks are flattened into their layers; an Input<...> layer is the "Input" that starts the line.
inline std::string architecture_line(const network_info& net) {
    std::string line = "Input";
    for (const layer_info& l : net.layers)
        if (!l.is_group && l.kind != "Input") fmt::format_to(std::back_inserter(line), " -> {}", l.label);
    return line + " -> Output";
}

/// The data-flow view: the shape of the input, then after each layer: "(1,784) -> (1,128) -> ...".
/// batch 0 leaves the batch dimension out: "(784) -> (128) -> ...".
inline std::string data_flow_line(const network_info& net, std::size_t batch = 1) {
    std::string line = detail::shape_text(net.input, batch, "(", ",", ")");
    for (const layer_info& l : net.layers)
        if (!l.is_group && l.kind != "Input") line += " -> " + detail::shape_text(l.output, batch, "(", ",", ")");
    return line;
}

/// The same views for a network type.
template <class Net>
std::string architecture_line() {
    return architecture_line(describe_view<Net>());
}
template <class Net>
std::string data_flow_line(std::size_t batch = 1) {
    return data_flow_line(describe_view<Net>(), batch);
}

}  // namespace typenet

#endif
