#ifndef TYPENET_DETAIL_KERNELS_EPILOGUE_HPP
#define TYPENET_DETAIL_KERNELS_EPILOGUE_HPP

#include <cstdint>
#include <type_traits>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/kernels/simd.hpp>

namespace typenet {
struct ReLU;
struct Identity;
template <std::uint64_t Num, std::uint64_t Den>
struct LeakyReLUWithSlope;
}  // namespace typenet

namespace typenet::detail {

// An activation that a kernel may apply to each output as it writes it: one that maps every element
// alone (ReLU, Sigmoid, GELU, ...; not Softmax, which needs the whole row).
template <class A>
inline constexpr bool is_elementwise_activation = std::is_base_of_v<elementwise_activation<A>, A>;

namespace kernels {

// The epilogue of a Dense that no activation follows.
struct no_activation {
    template <class T>
    static constexpr T apply(T x) noexcept {
        return x;
    }
};

// Activations that the kernels apply to whole vectors of outputs; any other element-wise activation is
// applied to each output with its own apply(x) after the store. Each does exactly what its apply(x) does,
// NaN included (a NaN compares false, so it passes through unchanged as it does there).
template <class A>
struct vector_activation {
    static constexpr bool available = false;
};
template <>
struct vector_activation<no_activation> {
    static constexpr bool available = true;
    template <class V>
    TYPENET_KERNEL_INLINE static void apply(V&) noexcept {}
};
template <>
struct vector_activation<Identity> : vector_activation<no_activation> {};
template <>
struct vector_activation<ReLU> {
    static constexpr bool available = true;
    template <class V>
    TYPENET_KERNEL_INLINE static void apply(V& v) noexcept {
        v = v < V{} ? V{} : v;
    }
};
template <std::uint64_t Num, std::uint64_t Den>
struct vector_activation<LeakyReLUWithSlope<Num, Den>> {
    static constexpr bool available = true;
    template <class V>
    TYPENET_KERNEL_INLINE static void apply(V& v) noexcept {
        using T = std::remove_cvref_t<decltype(v[0])>;
        v = v < V{} ? v * static_cast<T>(LeakyReLUWithSlope<Num, Den>::slope) : v;
    }
};

}  // namespace kernels
}  // namespace typenet::detail

#endif
