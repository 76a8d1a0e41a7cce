#ifndef TYPENET_DETAIL_KERNELS_DENSE_HPP
#define TYPENET_DETAIL_KERNELS_DENSE_HPP

#include <bit>
#include <cstddef>
#include <cstring>
#include <utility>

#include <typenet/detail/kernels/epilogue.hpp>
#include <typenet/detail/kernels/simd.hpp>

// y = act(W x + b) for a batch of samples, W row-major Out x In (PyTorch's layout, which the public `weight`
// keeps). Each output is a dot product of a weight row with an input row, both contiguous, so the kernel
// walks them in vectors of W lanes with one accumulator per (sample, output row) pair of a register block,
// reads every weight once per block of samples, and adds the lanes of all accumulators of a block in one
// shuffle tree at the end. At batch 1 a block is a few rows that stream through the weights together; at
// larger batches it is samples x rows, so each weight vector loaded serves several samples.

namespace typenet::detail::kernels {

// How wide and how large the register blocks are for one instruction set: Lanes of T per vector, Rows
// output rows per block at batch 1, and BlockSamples x BlockRows at larger batches. Short rows at batch 1
// (In < ShortRow) use ShortLanes-wide vectors: there the lane sums, not the multiply-adds, are the work, and
// narrower shuffles finish sooner.
template <std::size_t Lanes, std::size_t Rows, std::size_t BlockSamples, std::size_t BlockRows,
          std::size_t ShortLanes = Lanes, std::size_t ShortRow = 0>
struct tuning {
    static constexpr std::size_t lanes = Lanes;
    static constexpr std::size_t rows = Rows;
    static constexpr std::size_t block_samples = BlockSamples;
    static constexpr std::size_t block_rows = BlockRows;
    static constexpr std::size_t short_lanes = ShortLanes;
    static constexpr std::size_t short_row = ShortRow;
};

// Vectors no wider than the rows they walk, so that a Dense<5, 3> does not spend its time on padding.
template <std::size_t Lanes, std::size_t In>
inline constexpr std::size_t lanes_for = Lanes < std::bit_ceil(In) ? Lanes : (std::bit_ceil(In) < 2 ? 2 : std::bit_ceil(In));

// S samples x R rows starting at x (sample stride In) and w (row stride In); writes y (sample stride Out).
template <class T, std::size_t W, std::size_t In, std::size_t Out, std::size_t S, std::size_t R, class Act>
TYPENET_KERNEL_INLINE void block(const T* x, const T* w, const T* bias, T* y) noexcept {
    using V = vec<T, W>;
    constexpr std::size_t whole = In / W;
    constexpr std::size_t tail = In % W;
    V acc[S * R];
    TYPENET_KERNEL_UNROLL
    for (auto& a : acc) a = V{};
    for (std::size_t c = 0; c < whole; ++c) {
        V xs[S];
        TYPENET_KERNEL_UNROLL
        for (std::size_t s = 0; s < S; ++s) {
            load(xs[s], x + s * In + c * W);
            in_register(xs[s]);
        }
        TYPENET_KERNEL_UNROLL
        for (std::size_t r = 0; r < R; ++r) {
            V wr;
            load(wr, w + r * In + c * W);
            in_register(wr);
            TYPENET_KERNEL_UNROLL
            for (std::size_t s = 0; s < S; ++s) acc[s * R + r] += wr * xs[s];
        }
    }
    if constexpr (tail != 0) {
        V xs[S];
        TYPENET_KERNEL_UNROLL
        for (std::size_t s = 0; s < S; ++s) load_first<tail>(xs[s], x + s * In + whole * W);
        TYPENET_KERNEL_UNROLL
        for (std::size_t r = 0; r < R; ++r) {
            V wr;
            load_first<tail>(wr, w + r * In + whole * W);
            TYPENET_KERNEL_UNROLL
            for (std::size_t s = 0; s < S; ++s) acc[s * R + r] += wr * xs[s];
        }
    }
    // The epilogue, while the sums are in registers: bias, then the activation that follows this layer.
    reduce_lanes<W, S * R>(acc);
    if constexpr (S == 1 && R < W) {
        // One sample, fewer rows than lanes: finish in vectors of R lanes (widening the bias to W lanes
        // instead costs g++ a trip through memory).
        vec<T, R> sums, bias_lanes;
        take_first(acc[0], sums, std::make_index_sequence<R>{});
        load(bias_lanes, bias);
        sums += bias_lanes;
        if constexpr (vector_activation<Act>::available) vector_activation<Act>::apply(sums);
        std::memcpy(y, &sums, sizeof sums);
        if constexpr (!vector_activation<Act>::available)
            for (std::size_t r = 0; r < R; ++r) y[r] = Act::apply(y[r]);
    } else {
        constexpr std::size_t count = S * R < W ? 1 : S * R / W;
        V bias_lanes;
        if constexpr (R < W) load_repeated<R>(bias_lanes, bias, std::make_index_sequence<W>{});
        else load(bias_lanes, bias);
        TYPENET_KERNEL_UNROLL
        for (std::size_t k = 0; k < count; ++k) {
            if constexpr (R > W) load(bias_lanes, bias + k * W % R);
            acc[k] += bias_lanes;
            if constexpr (vector_activation<Act>::available) vector_activation<Act>::apply(acc[k]);
        }
        T sums[count * W];
        std::memcpy(sums, acc, sizeof sums);
        TYPENET_KERNEL_UNROLL
        for (std::size_t s = 0; s < S; ++s) {
            std::memcpy(y + s * Out, sums + s * R, R * sizeof(T));
            if constexpr (!vector_activation<Act>::available)
                for (std::size_t r = 0; r < R; ++r) y[s * Out + r] = Act::apply(y[s * Out + r]);
        }
    }
}

// Samples [0, Batch) of rows [Row, Row + R): blocks of S samples, then the remaining ones in halving blocks.
template <class T, std::size_t W, std::size_t In, std::size_t Out, std::size_t Batch, std::size_t S, std::size_t R,
          class Act, std::size_t Sample = 0>
TYPENET_KERNEL_INLINE void sample_blocks(const T* x, const T* w, const T* bias, T* y) noexcept {
    constexpr std::size_t count = (Batch - Sample) / S;
    for (std::size_t n = 0; n < count; ++n) {
        const std::size_t s = Sample + n * S;
        block<T, W, In, Out, S, R, Act>(x + s * In, w, bias, y + s * Out);
    }
    if constexpr (S > 1 && Sample + count * S < Batch)
        sample_blocks<T, W, In, Out, Batch, S / 2, R, Act, Sample + count * S>(x, w, bias, y);
}

// Rows [Row, Out) in blocks of R rows, then the remaining ones in halving blocks.
template <class T, std::size_t W, std::size_t In, std::size_t Out, std::size_t Batch, std::size_t S, std::size_t R,
          class Act, std::size_t Row = 0>
TYPENET_KERNEL_INLINE void row_blocks(const T* x, const T* w, const T* bias, T* y) noexcept {
    constexpr std::size_t count = (Out - Row) / R;
    for (std::size_t n = 0; n < count; ++n) {
        const std::size_t r = Row + n * R;
        sample_blocks<T, W, In, Out, Batch, S, R, Act>(x, w + r * In, bias + r, y + r);
    }
    if constexpr (R > 1 && Row + count * R < Out)
        row_blocks<T, W, In, Out, Batch, S, R / 2, Act, Row + count * R>(x, w, bias, y);
}

template <class Tuning, class T, std::size_t In, std::size_t Out, std::size_t Batch, class Act>
TYPENET_KERNEL_INLINE void dense(const T* x, const T* w, const T* bias, T* y) noexcept {
    if constexpr (Batch == 1 && In < Tuning::short_row)
        row_blocks<T, lanes_for<Tuning::short_lanes, In>, In, Out, 1, 1, Tuning::rows, Act>(x, w, bias, y);
    else if constexpr (Batch == 1) row_blocks<T, lanes_for<Tuning::lanes, In>, In, Out, 1, 1, Tuning::rows, Act>(x, w, bias, y);
    else
        row_blocks<T, lanes_for<Tuning::lanes, In>, In, Out, Batch, Tuning::block_samples, Tuning::block_rows, Act>(
            x, w, bias, y);
}

}  // namespace typenet::detail::kernels

#endif
