#ifndef TYPENET_DETAIL_KERNELS_SIMD_HPP
#define TYPENET_DETAIL_KERNELS_SIMD_HPP

#include <array>
#include <cstddef>
#include <cstring>
#include <type_traits>
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

// Lane p of the result of combining a and b, whose lanes hold groups of G partial sums (one group per row),
// each group shrinking to G / 2 lanes. While groups span several 128-bit chunks, the first half of the
// result comes from a and the second from b; once a group fits in a chunk of C lanes, each chunk's first
// half comes from a and its second from b, so that the shuffle never crosses chunks (shufps, unpcklpd:
// one cycle, where a lane-crossing permute takes three or more).
template <std::size_t W, std::size_t C, std::size_t G, bool Upper>
constexpr int combine_lane(std::size_t p) noexcept {
    if constexpr (G > C) {
        const std::size_t q = p % (W / 2);
        const std::size_t source = p < W / 2 ? 0 : W;
        return static_cast<int>(source + q / (G / 2) * G + (Upper ? G / 2 : 0) + q % (G / 2));
    } else {
        const std::size_t chunk = p / C, q = p % C;
        const std::size_t source = q < C / 2 ? 0 : W;
        const std::size_t h = q % (C / 2);
        return static_cast<int>(source + chunk * C + h / (G / 2) * G + (Upper ? G / 2 : 0) + h % (G / 2));
    }
}

template <class T, std::size_t W>
inline constexpr std::size_t chunk_lanes = 16 / sizeof(T) < W ? 16 / sizeof(T) : W;

template <std::size_t G, class V, std::size_t... P>
TYPENET_KERNEL_INLINE void combine(const V& a, const V& b, V& out, std::index_sequence<P...>) noexcept {
    constexpr std::size_t W = sizeof...(P);
    constexpr std::size_t C = chunk_lanes<std::remove_cvref_t<decltype(a[0])>, W>;
    out = __builtin_shufflevector(a, b, combine_lane<W, C, G, false>(P)...) +
          __builtin_shufflevector(a, b, combine_lane<W, C, G, true>(P)...);
}

// Reduces acc[0..N), each holding groups of G partial sums, into acc[0].
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

// Where reduce_tree<W, N, W> leaves the sum of acc[r]: the same steps, run on row numbers.
template <std::size_t W, std::size_t C, std::size_t N>
constexpr std::array<std::size_t, W> tree_positions() noexcept {
    std::array<std::array<std::size_t, W>, N> rows{};
    for (std::size_t k = 0; k < N; ++k) rows[k].fill(k);
    std::size_t n = N, g = W;
    auto step = [&](const std::array<std::size_t, W>& a, const std::array<std::size_t, W>& b, std::size_t group) {
        std::array<std::size_t, W> out{};
        for (std::size_t p = 0; p < W; ++p) {
            std::size_t i = 0;
            const std::size_t q = p % (W / 2);
            if (group > C) i = (p < W / 2 ? 0 : W) + q / (group / 2) * group + q % (group / 2);
            else {
                const std::size_t h = (p % C) % (C / 2);
                i = ((p % C) < C / 2 ? 0 : W) + p / C * C + h / (group / 2) * group + h % (group / 2);
            }
            out[p] = i < W ? a[i] : b[i - W];
        }
        return out;
    };
    for (; n > 1; n /= 2, g /= 2)
        for (std::size_t i = 0; i < n / 2; ++i) rows[i] = step(rows[2 * i], rows[2 * i + 1], g);
    for (; g > 1; g /= 2) rows[0] = step(rows[0], rows[0], g);
    std::array<std::size_t, W> position{};
    for (std::size_t p = W; p-- > 0;) position[rows[0][p]] = p;  // the first lane holding each row
    for (std::size_t r = N; r < W; ++r) position[r] = r;        // lanes past the rows: anything
    return position;
}

// Puts the sums that reduce_tree left in acc[0] in row order.
template <std::size_t N, class V, std::size_t... P>
TYPENET_KERNEL_INLINE void order_rows(V& v, std::index_sequence<P...>) noexcept {
    constexpr std::size_t W = sizeof...(P);
    constexpr auto position = tree_positions<W, chunk_lanes<std::remove_cvref_t<decltype(v[0])>, W>, N>();
    v = __builtin_shufflevector(v, v, static_cast<int>(position[P])...);
}

// Adds up the lanes of acc[0..R), R a power of two: afterwards lane p of acc[k] holds the sum of the lanes
// of the original acc[k * W + p] (all sums in acc[0] when R <= W).
template <std::size_t W, std::size_t R, class V>
TYPENET_KERNEL_INLINE void reduce_lanes(V* acc) noexcept {
    if constexpr (R >= W) {
        TYPENET_KERNEL_UNROLL
        for (std::size_t g = 0; g < R / W; ++g) {
            reduce_tree<W, W, W>(acc + g * W);
            order_rows<W>(acc[g * W], std::make_index_sequence<W>{});
            if (g > 0) acc[g] = acc[g * W];
        }
    } else {
        reduce_tree<W, R, W>(acc);
        order_rows<R>(acc[0], std::make_index_sequence<W>{});
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
