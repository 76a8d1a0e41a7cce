#ifndef TYPENET_LAYERS_TANH_HPP
#define TYPENET_LAYERS_TANH_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/math.hpp>

namespace typenet {

/// tanh(x).
struct Tanh : detail::elementwise_activation<Tanh> {
    static constexpr std::string_view kind = "Tanh";
    static constexpr detail::fixed_string name = "Tanh";
    static constexpr detail::fixed_string label = "Tanh";

    template <class T>
    static constexpr T apply(T x) noexcept { return detail::tanh(x); }
};

}  // namespace typenet

#endif
