#ifndef TYPENET_LAYERS_DROPOUT_HPP
#define TYPENET_LAYERS_DROPOUT_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>

namespace typenet {

/// Dropout is the identity at inference, as nn.Dropout in eval mode: it is here so that a PyTorch model that
/// has one keeps its layer positions (and so its parameter names) unchanged.
struct Dropout : detail::elementwise_activation<Dropout> {
    static constexpr std::string_view kind = "Dropout";
    static constexpr detail::fixed_string name = "Dropout";
    static constexpr detail::fixed_string label = "Dropout";

    template <class T>
    static constexpr T apply(T x) noexcept { return x; }
};

}  // namespace typenet

#endif
