#ifndef TYPENET_DETAIL_KERNELS_SIMD_HPP
#define TYPENET_DETAIL_KERNELS_SIMD_HPP

#include <cstddef>
#include <cstring>
#include <utility>

// Fixed-width vectors through the GNU vector extension (g++ and clang++ alike). The compiler maps a vector
// onto the widest registers of the function it ends up in, so one kernel template serves SSE2, AVX2 and
// AVX-512: each entry point in dispatch.hpp instantiates it inside a function compiled for that instruction
// set. Vectors are passed by reference only, and every helper is always inlined: a vector passed by value
// between functions built for different instruction sets would change the calling convention.
//
// Nothing here reassociates a sum behind the compiler's back: the kernels keep one accumulator per lane
// and add the lanes in a fixed tree at the end, which is the order they state. No -ffast-math is needed.

#define TYPENET_KERNEL_INLINE [[gnu::always_inline]] inline
// Loops over the accumulators of a register block must be unrolled for them to live in registers; g++ -O2
// leaves them rolled (and the accumulators in memory) unless told. clang++ reads the same pragma.
#define TYPENET_KERNEL_UNROLL _Pragma("GCC unroll 64")

namespace typenet::detail::kernels {

template <class T, std::size_t W>
using vec [[gnu::vector_size(W * sizeof(T))]] = T;

template <class V, class T>
TYPENET_KERNEL_INLINE void load(V& v, const T* p) noexcept {
    std::memcpy(&v, p, sizeof v);
}

// The first N lanes from p, the others zero: the tail of a row that is not a whole number of vectors. Built
// in registers: a narrower store followed by a wider load of the same bytes would stall store forwarding.
template <std::size_t N, class V, class T>
TYPENET_KERNEL_INLINE void load_first(V& v, const T* p) noexcept {
    v = V{};
    TYPENET_KERNEL_UNROLL
    for (std::size_t i = 0; i < N; ++i) v[i] = p[i];
}

// Lane p of the result of combining a and b, whose lanes hold groups of G partial sums (one group per row):
// the first half of the result comes from a, the second from b, and each group shrinks to G / 2 lanes.
template <std::size_t W, std::size_t G, bool Upper>
constexpr int combine_lane(std::size_t p) noexcept {
    const std::size_t q = p % (W / 2);
    const std::size_t source = p < W / 2 ? 0 : W;
    return static_cast<int>(source + q / (G / 2) * G + (Upper ? G / 2 : 0) + q % (G / 2));
}

template <std::size_t G, class V, std::size_t... P>
TYPENET_KERNEL_INLINE void combine(const V& a, const V& b, V& out, std::index_sequence<P...>) noexcept {
    constexpr std::size_t W = sizeof...(P);
    out = __builtin_shufflevector(a, b, combine_lane<W, G, false>(P)...) +
          __builtin_shufflevector(a, b, combine_lane<W, G, true>(P)...);
}

// Reduces acc[0..N), each holding groups of G partial sums, into acc[0]; rows keep their order.
template <std::size_t W, std::size_t N, std::size_t G, class V>
TYPENET_KERNEL_INLINE void reduce_tree(V* acc) noexcept {
    if constexpr (N > 1) {
        TYPENET_KERNEL_UNROLL
        for (std::size_t i = 0; i < N / 2; ++i)
            combine<G>(acc[2 * i], acc[2 * i + 1], acc[i], std::make_index_sequence<W>{});
        reduce_tree<W, N / 2, G / 2>(acc);
    } else if constexpr (G > 1) {  // fewer rows than lanes: fold the vector onto itself
        combine<G>(acc[0], acc[0], acc[0], std::make_index_sequence<W>{});
        reduce_tree<W, 1, G / 2>(acc);
    }
}

// Adds up the lanes of acc[0..R), R a power of two: afterwards lane p of acc[k] holds the sum of the lanes
// of the original acc[k * W + p] (all sums in acc[0] when R <= W).
template <std::size_t W, std::size_t R, class V>
TYPENET_KERNEL_INLINE void reduce_lanes(V* acc) noexcept {
    if constexpr (R >= W) {
        TYPENET_KERNEL_UNROLL
        for (std::size_t g = 0; g < R / W; ++g) {
            reduce_tree<W, W, W>(acc + g * W);
            if (g > 0) acc[g] = acc[g * W];
        }
    } else {
        reduce_tree<W, R, W>(acc);
    }
}

// R values from p repeated across all lanes of v: the bias of R rows, once for each sample of a block.
template <std::size_t R, class V, class T, std::size_t... P>
TYPENET_KERNEL_INLINE void load_repeated(V& v, const T* p, std::index_sequence<P...>) noexcept {
    vec<T, R> part;
    load(part, p);
    v = __builtin_shufflevector(part, part, static_cast<int>(P % R)...);
}

// The first N lanes of v.
template <class V, class U, std::size_t... P>
TYPENET_KERNEL_INLINE void take_first(const V& v, U& out, std::index_sequence<P...>) noexcept {
    out = __builtin_shufflevector(v, v, static_cast<int>(P)...);
}

// Pins a value to a register: g++ otherwise folds a vector loaded once and used by several multiply-adds
// into each of them as a memory operand, reloading it every time, and the loads, not the multiply-adds,
// then bound a register block. (clang++ keeps such a value in a register by itself, and checks the
// constraint before the function is inlined where the vector fits a register.)
template <class V>
TYPENET_KERNEL_INLINE void in_register(V& v) noexcept {
#if (defined(__x86_64__) || defined(__i386__)) && !defined(__clang__)
    asm("" : "+v"(v));
#else
    (void)v;
#endif
}

}  // namespace typenet::detail::kernels

#endif
