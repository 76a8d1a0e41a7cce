#ifndef TYPENET_ANALYSIS_LAYERS_HPP
#define TYPENET_ANALYSIS_LAYERS_HPP

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <typenet/analysis/observed_layer.hpp>
#include <typenet/sequential.hpp>

namespace typenet::analysis {

/// What the analysis knows of one leaf layer of a network, from its type alone.
struct layer_info {
    std::size_t index = 0;       // leaf position, nested networks flattened
    std::string position;        // "2" at the top level, "1.0" for layer 0 of the network at position 1
    std::string kind;            // "Dense", "ReLU", ...
    std::string name;            // as the user wrote it: "Dense<784, 128>"
    std::string label;           // as in the architecture line: "Dense(784,128)"
    std::string shape;           // one sample's output shape: "128" or "6x28x28"
    std::size_t output_size = 0;
    std::size_t parameters = 0;
    std::size_t macs = 0;
};

namespace detail {

template <class Net, std::size_t I>
constexpr std::size_t leaves_before() {
    return [&]<std::size_t... J>(std::index_sequence<J...>) {
        return (std::size_t{0} + ... + typenet::detail::leaf_count<typename Net::template layer_type<J>>);
    }(std::make_index_sequence<I>{});
}

/// Calls f(observed_layer<Path, Index, L, In, 1, T>*) for every leaf layer of Net, in the order the forward
/// pass runs them: the same types the observer receives, so metadata and observations line up.
template <class Net, class Path = Position<>, std::size_t Index = 0, class F>
constexpr void for_each_leaf_step(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
                using L = typename Net::template layer_type<I>;
                using P = typename typenet::detail::append_position<Path, I>::type;
                constexpr std::size_t index = Index + leaves_before<Net, I>();
                if constexpr (typenet::detail::is_sequential<L>) for_each_leaf_step<L, P, index>(f);
                else
                    f(static_cast<observed_layer<P, index, L, typename Net::template layer_input_shape<I>, 1,
                                                 typename Net::scalar_type>*>(nullptr));
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

template <class S>
std::string shape_text() {
    return fmt::format("{}", fmt::join(S::dims, "x"));
}

}  // namespace detail

/// Every leaf layer of Net, in forward order.
template <class Net>
std::vector<layer_info> layers_of() {
    std::vector<layer_info> out;
    detail::for_each_leaf_step<Net>([&]<class Step>(Step*) {
        using L = typename Step::layer_type;
        out.push_back(layer_info{Step::index, fmt::format("{}", fmt::join(Step::position, ".")), std::string(Step::kind),
                                 std::string(Step::name), std::string(Step::label),
                                 detail::shape_text<typename Step::output_shape>(), Step::output_shape::size,
                                 Step::parameter_count, L::template mac_count_for<typename Step::input_shape>});
    });
    return out;
}

/// "784-128-64-10": the input size, then the output size of every Dense layer.
template <class Net>
std::string widths_of() {
    std::string s = fmt::format("{}", Net::input_size);
    for (const auto& l : layers_of<Net>())
        if (l.parameters > 0) s += fmt::format("-{}", l.output_size);
    return s;
}

}  // namespace typenet::analysis

#endif
