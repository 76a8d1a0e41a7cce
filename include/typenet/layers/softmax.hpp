#ifndef TYPENET_LAYERS_SOFTMAX_HPP
#define TYPENET_LAYERS_SOFTMAX_HPP

#include <cstddef>
#include <limits>
#include <string_view>

#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/math.hpp>

namespace typenet {

/// exp(x_i) / sum_j exp(x_j) over the last dimension of each sample, as PyTorch's nn.Softmax(dim=-1).
/// The row maximum is subtracted first, so inputs of +-1000 give exact, finite results and every row sums
/// to 1 up to rounding. A row holding NaN gives NaN everywhere; a row whose maximum is +Inf shares the mass
/// among its +Inf entries; a row of only -Inf gives NaN (0/0), as in PyTorch.
struct Softmax {
    static constexpr std::string_view kind = "Softmax";
    static constexpr detail::fixed_string name = "Softmax";
    static constexpr detail::fixed_string label = "Softmax";
    static constexpr std::size_t parameter_count = 0;

    template <class S>
    static constexpr bool accepts = true;
    template <class S>
    using output_shape_for = S;
    template <class S>
    static constexpr std::size_t mac_count_for = 0;

    template <class S, std::size_t Batch, class T>
    constexpr void forward(const T* in, T* out) const noexcept {
        constexpr std::size_t n = S::dims[S::rank - 1];
        for (std::size_t r = 0; r < Batch * S::size / n; ++r) row(in + r * n, out + r * n, n);
    }

private:
    template <class T>
    static constexpr void row(const T* x, T* y, std::size_t n) noexcept {
        T max = x[0];
        bool nan = false;
        for (std::size_t i = 0; i < n; ++i) {
            nan = nan || x[i] != x[i];
            if (x[i] > max) max = x[i];
        }
        if (nan) {
            for (std::size_t i = 0; i < n; ++i) y[i] = std::numeric_limits<T>::quiet_NaN();
            return;
        }
        if (max == std::numeric_limits<T>::infinity()) {
            T count = 0;
            for (std::size_t i = 0; i < n; ++i) count += x[i] == max ? T(1) : T(0);
            for (std::size_t i = 0; i < n; ++i) y[i] = x[i] == max ? T(1) / count : T(0);
            return;
        }
        T sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            y[i] = detail::exp(x[i] - max);
            sum += y[i];
        }
        for (std::size_t i = 0; i < n; ++i) y[i] /= sum;
    }
};

}  // namespace typenet

#endif
