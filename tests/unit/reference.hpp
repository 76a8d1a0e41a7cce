// Naive, independent definitions that the tests hold typenet's layers against: long double, written
// straight from the formulas, no shared code with the library.
#ifndef TYPENET_TESTS_REFERENCE_HPP
#define TYPENET_TESTS_REFERENCE_HPP

#include <cmath>
#include <cstddef>
#include <vector>

namespace reference {

inline std::vector<long double> dense(const std::vector<long double>& w, const std::vector<long double>& b,
                                      const std::vector<long double>& x) {
    std::vector<long double> y(b);
    for (std::size_t o = 0; o < b.size(); ++o)
        for (std::size_t i = 0; i < x.size(); ++i) y[o] += w[o * x.size() + i] * x[i];
    return y;
}

inline long double relu(long double x) { return x > 0 ? x : 0; }
inline long double leaky_relu(long double x, long double slope) { return x > 0 ? x : slope * x; }
inline long double sigmoid(long double x) { return 1 / (1 + std::exp(-x)); }
inline long double silu(long double x) { return x * sigmoid(x); }
inline long double gelu(long double x) { return x / 2 * (1 + std::erf(x / std::sqrt(2.0L))); }

inline std::vector<long double> softmax(std::vector<long double> x) {
    long double sum = 0;
    for (auto& v : x) sum += (v = std::exp(v));
    for (auto& v : x) v /= sum;
    return x;
}

}  // namespace reference

#endif
