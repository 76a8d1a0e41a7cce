#ifndef TYPENET_DETAIL_MATH_HPP
#define TYPENET_DETAIL_MATH_HPP

#include <cmath>
#include <limits>
#include <type_traits>

// exp, expm1, tanh and erf that also run in constant expressions. <cmath> is not constexpr in C++20, so a
// network evaluated at compile time uses the double-precision series below; at run time the same functions
// call <cmath>, which is what PyTorch's CPU kernels call too.
namespace typenet::detail {

namespace ce {

constexpr bool isnan(double x) noexcept { return x != x; }

constexpr double ldexp2(double r, int k) noexcept {
    // Scale in two halves so that neither factor overflows or flushes on its own.
    double s = 1.0;
    const double step = k > 0 ? 2.0 : 0.5;
    for (int i = 0, n = k > 0 ? k : -k; i < n; ++i) s *= step;
    return r * s;
}

constexpr double exp(double x) noexcept {
    if (isnan(x)) return x;
    if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0.0;
    constexpr double ln2_hi = 6.93147180369123816490e-01;
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    const double kd = x * 1.44269504088896338700;
    const int k = static_cast<int>(kd < 0 ? kd - 0.5 : kd + 0.5);
    const double r = (x - k * ln2_hi) - k * ln2_lo;  // |r| <= ln2 / 2
    double term = 1.0, sum = 1.0;
    for (int n = 1; n < 24; ++n) {
        term *= r / n;
        sum += term;
    }
    if (k < -1000) return ldexp2(ldexp2(sum, -1000), k + 1000);
    return ldexp2(sum, k);
}

constexpr double expm1(double x) noexcept {
    if (x > -0.5 && x < 0.5) {  // the series avoids exp(x) - 1 cancelling to nothing near 0
        double term = x, sum = x;
        for (int n = 2; n < 24; ++n) {
            term *= x / n;
            sum += term;
        }
        return sum;
    }
    return exp(x) - 1.0;
}

constexpr double tanh(double x) noexcept {
    if (isnan(x)) return x;
    if (x > 20) return 1.0;
    if (x < -20) return -1.0;
    const double e = expm1(2 * x);
    return e / (e + 2);
}

constexpr double erf(double x) noexcept {
    if (isnan(x)) return x;
    if (x < 0) return -erf(-x);
    if (x > 6) return 1.0;
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum 2^n x^(2n+1) / (1*3*...*(2n+1)): every term is positive, so
    // nothing cancels and the sum is accurate to a few ulps on the whole range.
    double term = x, sum = x;
    for (int n = 1; n < 200 && term > sum * 1e-18; ++n) {
        term *= 2 * x * x / (2 * n + 1);
        sum += term;
    }
    return 1.1283791670955125739 * exp(-x * x) * sum;
}

}  // namespace ce

template <class T>
constexpr T exp(T x) noexcept {
    if (std::is_constant_evaluated()) return static_cast<T>(ce::exp(static_cast<double>(x)));
    return std::exp(x);
}

template <class T>
constexpr T tanh(T x) noexcept {
    if (std::is_constant_evaluated()) return static_cast<T>(ce::tanh(static_cast<double>(x)));
    return std::tanh(x);
}

template <class T>
constexpr T erf(T x) noexcept {
    if (std::is_constant_evaluated()) return static_cast<T>(ce::erf(static_cast<double>(x)));
    return std::erf(x);
}

// Newton's iteration in constant expressions; a negative or NaN argument gives NaN, as std::sqrt does.
constexpr double sqrt(double v) noexcept {
    if (!std::is_constant_evaluated()) return std::sqrt(v);
    if (v != v || v < 0) return std::numeric_limits<double>::quiet_NaN();
    if (v == 0 || v == std::numeric_limits<double>::infinity()) return v;
    double r = v > 1 ? v : 1;
    for (int i = 0; i < 1100; ++i) {
        const double next = (r + v / r) / 2;
        if (next == r) break;
        r = next;
    }
    return r;
}

template <class T>
constexpr T sqrt_half() noexcept {
    return static_cast<T>(0.70710678118654752440);
}

}  // namespace typenet::detail

#endif
