#ifndef TYPENET_LAYERS_IDENTITY_HPP
#define TYPENET_LAYERS_IDENTITY_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>

namespace typenet {

/// Returns its input: PyTorch's nn.Identity.
struct Identity : detail::elementwise_activation<Identity> {
    static constexpr std::string_view kind = "Identity";
    static constexpr detail::fixed_string name = "Identity";
    static constexpr detail::fixed_string label = "Identity";

    template <class T>
    static constexpr T apply(T x) noexcept { return x; }
};

}  // namespace typenet

#endif
