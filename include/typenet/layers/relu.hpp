#ifndef TYPENET_LAYERS_RELU_HPP
#define TYPENET_LAYERS_RELU_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>

namespace typenet {

/// max(x, 0). NaN stays NaN, as in PyTorch.
struct ReLU : detail::elementwise_activation<ReLU> {
    static constexpr std::string_view kind = "ReLU";
    static constexpr detail::fixed_string name = "ReLU";
    static constexpr detail::fixed_string label = "ReLU";

    template <class T>
    static constexpr T apply(T x) noexcept { return x < T(0) ? T(0) : x; }
};

}  // namespace typenet

#endif
