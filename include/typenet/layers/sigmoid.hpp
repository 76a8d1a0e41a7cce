#ifndef TYPENET_LAYERS_SIGMOID_HPP
#define TYPENET_LAYERS_SIGMOID_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/math.hpp>

namespace typenet {

/// 1 / (1 + exp(-x)), computed from exp(-|x|) so that it never overflows: exactly 1 at +1000, 0 at -1000.
struct Sigmoid : detail::elementwise_activation<Sigmoid> {
    static constexpr std::string_view kind = "Sigmoid";
    static constexpr detail::fixed_string name = "Sigmoid";
    static constexpr detail::fixed_string label = "Sigmoid";

    template <class T>
    static constexpr T apply(T x) noexcept {
        if (x >= T(0)) return T(1) / (T(1) + detail::exp(-x));
        const T e = detail::exp(x);  // also the NaN path: NaN in, NaN out
        return e / (T(1) + e);
    }
};

}  // namespace typenet

#endif
