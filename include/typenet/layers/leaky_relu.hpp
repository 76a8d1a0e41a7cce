#ifndef TYPENET_LAYERS_LEAKY_RELU_HPP
#define TYPENET_LAYERS_LEAKY_RELU_HPP

#include <cstdint>
#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>

namespace typenet {

/// x for x >= 0, x * Num/Den below: `LeakyReLUWithSlope<1, 5>` has slope 0.2. The slope is a fraction
/// because a floating-point template argument would not print readably in diagrams and errors.
template <std::uint64_t Num, std::uint64_t Den = 1>
struct LeakyReLUWithSlope : detail::elementwise_activation<LeakyReLUWithSlope<Num, Den>> {
    static_assert(Den > 0, "typenet: LeakyReLUWithSlope<Num, Den> needs Den > 0");

    static constexpr std::string_view kind = "LeakyReLU";
    static constexpr auto name = [] {
        if constexpr (Num == 1 && Den == 100) return detail::fixed_string("LeakyReLU");
        else
            return "LeakyReLUWithSlope<" + detail::to_fixed_string<Num>() + ", " + detail::to_fixed_string<Den>() + ">";
    }();
    static constexpr auto label = [] {
        if constexpr (Num == 1 && Den == 100) return detail::fixed_string("LeakyReLU");
        else return "LeakyReLU(" + detail::to_fixed_string<Num>() + "/" + detail::to_fixed_string<Den>() + ")";
    }();
    static constexpr double slope = static_cast<double>(Num) / static_cast<double>(Den);

    template <class T>
    static constexpr T apply(T x) noexcept { return x < T(0) ? x * static_cast<T>(slope) : x; }
};

/// PyTorch's default nn.LeakyReLU: slope 0.01.
using LeakyReLU = LeakyReLUWithSlope<1, 100>;

}  // namespace typenet

#endif
