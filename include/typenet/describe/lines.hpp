#ifndef TYPENET_DESCRIBE_LINES_HPP
#define TYPENET_DESCRIBE_LINES_HPP

#include <cstddef>
#include <string>
#include <utility>

#include <fmt/format.h>

#include <typenet/sequential.hpp>

namespace typenet {

namespace detail {
// Calls f(layer type tag, input shape tag) for every leaf layer, nested networks flattened, in order.
template <class Net, class F>
constexpr void for_each_leaf(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
                using L = typename Net::template layer_type<I>;
                if constexpr (is_sequential<L>) for_each_leaf<L>(f);
                else f(static_cast<L*>(nullptr), static_cast<typename Net::template layer_input_shape<I>*>(nullptr));
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

template <class S>
std::string shape_tuple(std::size_t batch) {
    return fmt::format("({},{})", batch, fmt::join(S::dims, ","));
}
}  // namespace detail

/// The architecture view: "Input -> Dense(784,128) -> ReLU -> ... -> Output".
template <class Net>
std::string architecture_line() {
    std::string line = "Input";
    detail::for_each_leaf<Net>([&]<class L, class S>(L*, S*) { fmt::format_to(std::back_inserter(line), " -> {}", L::label.view()); });
    return line + " -> Output";
}

/// The data-flow view: the shape of the input, then after each layer: "(1,784) -> (1,128) -> ...".
template <class Net>
std::string data_flow_line(std::size_t batch = 1) {
    std::string line = detail::shape_tuple<typename Net::input_shape>(batch);
    detail::for_each_leaf<Net>([&]<class L, class S>(L*, S*) {
        line += " -> " + detail::shape_tuple<detail::next_shape<L, S>>(batch);
    });
    return line;
}

}  // namespace typenet

#endif
