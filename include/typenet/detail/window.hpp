#ifndef TYPENET_DETAIL_WINDOW_HPP
#define TYPENET_DETAIL_WINDOW_HPP

#include <cstddef>

namespace typenet::detail {

// The sliding-window arithmetic shared by convolution and pooling (PyTorch's, with floor rounding).
template <std::size_t Kernel, std::size_t Stride, std::size_t Dilation, std::size_t Padding>
struct window {
    static constexpr std::size_t span = Dilation * (Kernel - 1) + 1;

    template <class S>
    static constexpr bool fits = S::rank == 3 && S::dims[1] + 2 * Padding >= span && S::dims[2] + 2 * Padding >= span;

    static constexpr std::size_t out(std::size_t size) noexcept { return (size + 2 * Padding - span) / Stride + 1; }

    struct range {
        std::size_t first, last;
    };
    // The outputs o for which input o * Stride + tap * Dilation - Padding lies in [0, size).
    static constexpr range valid_outputs(std::size_t tap, std::size_t size) noexcept {
        const std::size_t offset = tap * Dilation;  // input = o * Stride + offset - Padding
        const std::size_t first = offset >= Padding ? 0 : (Padding - offset + Stride - 1) / Stride;
        const std::size_t limit = size + Padding - offset;  // o * Stride < limit
        std::size_t last = offset >= size + Padding ? 0 : (limit + Stride - 1) / Stride;
        if (last > out(size)) last = out(size);
        return {first, last < first ? first : last};
    }
};

}  // namespace typenet::detail

#endif
