#ifndef TYPENET_LAYERS_SILU_HPP
#define TYPENET_LAYERS_SILU_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/layers/sigmoid.hpp>

namespace typenet {

/// x * sigmoid(x), also called swish: PyTorch's nn.SiLU.
struct SiLU : detail::elementwise_activation<SiLU> {
    static constexpr std::string_view kind = "SiLU";
    static constexpr detail::fixed_string name = "SiLU";
    static constexpr detail::fixed_string label = "SiLU";

    template <class T>
    static constexpr T apply(T x) noexcept { return x * Sigmoid::apply(x); }
};

}  // namespace typenet

#endif
