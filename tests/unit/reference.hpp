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

// Convolution straight from its definition: every output, every tap, with the padding tested per tap.
inline std::vector<long double> conv2d(const std::vector<long double>& x, std::size_t in_c, std::size_t h, std::size_t w,
                                       const std::vector<long double>& weight, const std::vector<long double>& bias,
                                       std::size_t out_c, std::size_t k, std::size_t stride, std::size_t pad,
                                       std::size_t dilation, std::size_t groups) {
    const long oh = (static_cast<long>(h + 2 * pad) - static_cast<long>(dilation * (k - 1) + 1)) / static_cast<long>(stride) + 1;
    const long ow = (static_cast<long>(w + 2 * pad) - static_cast<long>(dilation * (k - 1) + 1)) / static_cast<long>(stride) + 1;
    const std::size_t in_per_group = in_c / groups, out_per_group = out_c / groups;
    std::vector<long double> y(out_c * static_cast<std::size_t>(oh * ow));
    for (std::size_t o = 0; o < out_c; ++o)
        for (long r = 0; r < oh; ++r)
            for (long c = 0; c < ow; ++c) {
                long double acc = bias[o];
                for (std::size_t ci = 0; ci < in_per_group; ++ci)
                    for (std::size_t kh = 0; kh < k; ++kh)
                        for (std::size_t kw = 0; kw < k; ++kw) {
                            const long ih = r * static_cast<long>(stride) + static_cast<long>(kh * dilation) - static_cast<long>(pad);
                            const long iw = c * static_cast<long>(stride) + static_cast<long>(kw * dilation) - static_cast<long>(pad);
                            if (ih < 0 || iw < 0 || ih >= static_cast<long>(h) || iw >= static_cast<long>(w)) continue;
                            const std::size_t channel = o / out_per_group * in_per_group + ci;
                            acc += weight[((o * in_per_group + ci) * k + kh) * k + kw] *
                                   x[(channel * h + static_cast<std::size_t>(ih)) * w + static_cast<std::size_t>(iw)];
                        }
                y[(o * static_cast<std::size_t>(oh) + static_cast<std::size_t>(r)) * static_cast<std::size_t>(ow) + static_cast<std::size_t>(c)] = acc;
            }
    return y;
}

}  // namespace reference

#endif
