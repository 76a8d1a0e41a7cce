#ifndef TYPENET_LAYERS_GELU_HPP
#define TYPENET_LAYERS_GELU_HPP

#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/math.hpp>

namespace typenet {

/// x * Phi(x) = x / 2 * (1 + erf(x / sqrt 2)): PyTorch's nn.GELU() (approximate='none'), not the tanh form.
struct GELU : detail::elementwise_activation<GELU> {
    static constexpr std::string_view kind = "GELU";
    static constexpr detail::fixed_string name = "GELU";
    static constexpr detail::fixed_string label = "GELU";

    template <class T>
    static constexpr T apply(T x) noexcept {
        return x * T(0.5) * (T(1) + detail::erf(x * detail::sqrt_half<T>()));
    }
};

}  // namespace typenet

#endif
