#ifndef TYPENET_ANALYSIS_JACOBIAN_HPP
#define TYPENET_ANALYSIS_JACOBIAN_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <type_traits>
#include <utility>
#include <vector>

#include <typenet/layers/dense.hpp>
#include <typenet/layers/gelu.hpp>
#include <typenet/layers/identity.hpp>
#include <typenet/layers/input.hpp>
#include <typenet/layers/leaky_relu.hpp>
#include <typenet/layers/relu.hpp>
#include <typenet/layers/sigmoid.hpp>
#include <typenet/layers/silu.hpp>
#include <typenet/layers/softmax.hpp>
#include <typenet/layers/tanh.hpp>
#include <typenet/sequential.hpp>
#include <typenet/vector.hpp>

namespace typenet::analysis {

/// d output_o / d input_i, row-major: `at(o, i)`.
struct jacobian_matrix {
    std::size_t outputs = 0, inputs = 0;
    std::vector<double> values;

    double at(std::size_t o, std::size_t i) const noexcept { return values[o * inputs + i]; }
    double& at(std::size_t o, std::size_t i) noexcept { return values[o * inputs + i]; }

    /// How strongly each input moves the outputs: the Euclidean norm of column i.
    std::vector<double> sensitivity() const {
        std::vector<double> s(inputs, 0.0);
        for (std::size_t o = 0; o < outputs; ++o)
            for (std::size_t i = 0; i < inputs; ++i) s[i] += at(o, i) * at(o, i);
        for (double& v : s) v = std::sqrt(v);
        return s;
    }
};

namespace detail {

// The elementwise derivative f'(a) given input a and output y, for the activations that have one here.
template <class L>
struct derivative {
    static constexpr bool known = false;
};
template <>
struct derivative<ReLU> {
    static constexpr bool known = true;
    static double of(double a, double) { return a > 0 ? 1.0 : 0.0; }  // 0 at 0, as PyTorch
};
template <std::uint64_t N, std::uint64_t D>
struct derivative<LeakyReLUWithSlope<N, D>> {
    static constexpr bool known = true;
    static double of(double a, double) { return a < 0 ? LeakyReLUWithSlope<N, D>::slope : 1.0; }
};
template <>
struct derivative<Sigmoid> {
    static constexpr bool known = true;
    static double of(double, double y) { return y * (1 - y); }
};
template <>
struct derivative<Tanh> {
    static constexpr bool known = true;
    static double of(double, double y) { return 1 - y * y; }
};
template <>
struct derivative<GELU> {
    static constexpr bool known = true;
    static double of(double a, double) {
        return 0.5 * (1 + std::erf(a / std::sqrt(2.0))) + a * std::exp(-0.5 * a * a) / std::sqrt(2 * std::numbers::pi);
    }
};
template <>
struct derivative<SiLU> {
    static constexpr bool known = true;
    static double of(double a, double) {
        const double s = 1 / (1 + std::exp(-a));
        return s * (1 + a * (1 - s));
    }
};
template <>
struct derivative<Identity> {
    static constexpr bool known = true;
    static double of(double, double) { return 1.0; }
};
template <std::size_t... D>
struct derivative<Input<D...>> {
    static constexpr bool known = true;
    static double of(double, double) { return 1.0; }
};

template <class L>
inline constexpr bool exact_layer = derivative<L>::known || std::is_same_v<L, Softmax>;
template <std::size_t In, std::size_t Out, class T>
inline constexpr bool exact_layer<Dense<In, Out, T>> = true;
template <class... Ls>
inline constexpr bool exact_layer<Sequential<Ls...>> = (exact_layer<Ls> && ...);

// Forward mode: `value` is the current activation of one sample, `tangent` its derivative with respect to
// the network input (rows = current size, columns = input size).
template <class T>
struct dual {
    std::vector<T> value;
    std::vector<double> tangent;
    std::size_t inputs;
};

template <class S, class L, class T>
void propagate(const L& layer, dual<T>& d) {
    using Out = typename L::template output_shape_for<S>;
    const std::size_t n_in = S::size, n_out = Out::size, m = d.inputs;
    if constexpr (typenet::detail::is_sequential<L>) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (propagate<typename L::template layer_input_shape<I>>(layer.template layer<I>(), d), ...);
        }(std::make_index_sequence<L::layer_count>{});
        return;
    } else {
        std::vector<T> y(n_out);
        layer.template forward<S, 1>(d.value.data(), y.data());
        std::vector<double> t(n_out * m, 0.0);
        if constexpr (requires { layer.weight; }) {
            for (std::size_t o = 0; o < n_out; ++o)
                for (std::size_t k = 0; k < n_in; ++k) {
                    const double w = static_cast<double>(layer.weight(o, k));
                    if (w == 0) continue;
                    const double* src = d.tangent.data() + k * m;
                    double* dst = t.data() + o * m;
                    for (std::size_t i = 0; i < m; ++i) dst[i] += w * src[i];
                }
        } else if constexpr (std::is_same_v<L, Softmax>) {
            const std::size_t row = S::dims[S::rank - 1];
            for (std::size_t r0 = 0; r0 < n_out; r0 += row)
                for (std::size_t i = 0; i < m; ++i) {
                    double dot = 0;
                    for (std::size_t j = r0; j < r0 + row; ++j) dot += static_cast<double>(y[j]) * d.tangent[j * m + i];
                    for (std::size_t j = r0; j < r0 + row; ++j)
                        t[j * m + i] = static_cast<double>(y[j]) * (d.tangent[j * m + i] - dot);
                }
        } else {
            for (std::size_t j = 0; j < n_out; ++j) {
                const double g = derivative<L>::of(static_cast<double>(d.value[j]), static_cast<double>(y[j]));
                for (std::size_t i = 0; i < m; ++i) t[j * m + i] = g * d.tangent[j * m + i];
            }
        }
        d.value = std::move(y);
        d.tangent = std::move(t);
    }
}

}  // namespace detail

/// True when every layer of Net has an exact derivative here (Dense, Softmax and the elementwise
/// activations of typenet/layers); `jacobian` then uses forward-mode differentiation.
template <class Net>
inline constexpr bool has_exact_jacobian = detail::exact_layer<Net>;

/// The Jacobian at x by central finite differences with step h (in units of max(1, |x_i|)).
template <class Net, class T, std::size_t N>
jacobian_matrix finite_difference_jacobian(const Net& net, const Vector<T, N>& x, double h = 1e-3) {
    jacobian_matrix j{Net::output_size, N, std::vector<double>(Net::output_size * N)};
    for (std::size_t i = 0; i < N; ++i) {
        Vector<T, N> up = x, down = x;
        const double step = h * std::max(1.0, std::abs(static_cast<double>(x[i])));
        up[i] = static_cast<T>(static_cast<double>(x[i]) + step);
        down[i] = static_cast<T>(static_cast<double>(x[i]) - step);
        const double actual = static_cast<double>(up[i]) - static_cast<double>(down[i]);  // after rounding to T
        const auto yu = net(up), yd = net(down);
        for (std::size_t o = 0; o < Net::output_size; ++o)
            j.at(o, i) = (static_cast<double>(yu[o]) - static_cast<double>(yd[o])) / actual;
    }
    return j;
}

/// The Jacobian of the network at x: exact (forward mode, in double) when has_exact_jacobian<Net>,
/// otherwise by central finite differences.
template <class Net, class T, std::size_t N>
jacobian_matrix jacobian(const Net& net, const Vector<T, N>& x) {
    static_assert(N == Net::input_size, "typenet: jacobian(net, x): x must have the network's input size");
    if constexpr (has_exact_jacobian<Net>) {
        detail::dual<T> d{std::vector<T>(x.begin(), x.end()), std::vector<double>(N * N, 0.0), N};
        for (std::size_t i = 0; i < N; ++i) d.tangent[i * N + i] = 1;
        detail::propagate<typename Net::input_shape>(net, d);
        return jacobian_matrix{Net::output_size, N, std::move(d.tangent)};
    } else {
        return finite_difference_jacobian(net, x);
    }
}

}  // namespace typenet::analysis

#endif
