// LeNet-5: typenet against a hand-written loop (direct convolution, the textbook order) and libtorch, on
// one image and on a batch of 16. Run by scripts/bench; prints medians and ratios.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include <typenet/typenet.hpp>

#include "harness.hpp"
#ifdef TYPENET_BENCH_WITH_TORCH
#include "torch_networks.hpp"
#endif

namespace tn = typenet;

namespace {

using LeNet = tn::Sequential<tn::Input<1, 28, 28>,
                             tn::Conv2D<1, 6, 5, tn::Padding<2>>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Conv2D<6, 16, 5>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Flatten, tn::Dense<400, 120>, tn::ReLU, tn::Dense<120, 84>, tn::ReLU,
                             tn::Dense<84, 10>>;

// The same network written out by hand, as a C++ engineer would without a library.
struct hand_written {
    std::vector<std::vector<float>> p;  // conv1 w, b, conv2 w, b, fc1 w, b, fc2 w, b, fc3 w, b

    static void conv(const float* x, int c_in, int h, int w, const float* k, const float* b, int c_out, int ks, int pad,
                     float* y) {
        const int oh = h + 2 * pad - ks + 1, ow = w + 2 * pad - ks + 1;
        for (int o = 0; o < c_out; ++o)
            for (int r = 0; r < oh; ++r)
                for (int c = 0; c < ow; ++c) {
                    float acc = b[o];
                    for (int i = 0; i < c_in; ++i)
                        for (int u = 0; u < ks; ++u)
                            for (int v = 0; v < ks; ++v) {
                                const int ih = r + u - pad, iw = c + v - pad;
                                if (ih >= 0 && ih < h && iw >= 0 && iw < w)
                                    acc += k[((o * c_in + i) * ks + u) * ks + v] * x[(i * h + ih) * w + iw];
                            }
                    y[(o * oh + r) * ow + c] = std::max(acc, 0.0f);  // ReLU
                }
    }
    static void pool(const float* x, int c, int h, int w, float* y) {
        for (int k = 0; k < c; ++k)
            for (int r = 0; r < h / 2; ++r)
                for (int s = 0; s < w / 2; ++s) {
                    const float* q = x + (k * h + 2 * r) * w + 2 * s;
                    y[(k * (h / 2) + r) * (w / 2) + s] = std::max(std::max(q[0], q[1]), std::max(q[w], q[w + 1]));
                }
    }
    static void dense(const float* x, int in, const float* w, const float* b, int out, bool relu, float* y) {
        for (int o = 0; o < out; ++o) {
            float acc = b[o];
            for (int i = 0; i < in; ++i) acc += w[o * in + i] * x[i];
            y[o] = relu ? std::max(acc, 0.0f) : acc;
        }
    }
    void operator()(const float* x, float* out) const {
        float a[6 * 28 * 28], b[6 * 14 * 14], c[16 * 10 * 10], d[400], e[120], f[84];
        conv(x, 1, 28, 28, p[0].data(), p[1].data(), 6, 5, 2, a);
        pool(a, 6, 28, 28, b);
        conv(b, 6, 14, 14, p[2].data(), p[3].data(), 16, 5, 0, c);
        pool(c, 16, 10, 10, d);
        dense(d, 400, p[4].data(), p[5].data(), 120, true, e);
        dense(e, 120, p[6].data(), p[7].data(), 84, true, f);
        dense(f, 84, p[8].data(), p[9].data(), 10, false, out);
    }
};

template <std::size_t B>
void run_case(const LeNet& net, const std::vector<std::vector<float>>& parameters, std::size_t repetitions) {
    static tn::Matrix<float, B, 784> x{};
    for (std::size_t i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>((i * 37) % 101) / 50.0f - 1.0f;
    static tn::Matrix<float, B, 10> y_typenet{};
    static std::vector<float> y_hand(B * 10);
    const hand_written hand{parameters};

    std::vector<bench::implementation> impls;
    impls.push_back({"typenet", [&](std::size_t n) {
                         for (std::size_t i = 0; i < n; ++i) {
                             y_typenet = net(x);
                             bench::escape(&y_typenet);
                         }
                     },
                     [&] { return std::vector<float>(y_typenet.begin(), y_typenet.end()); }});
    impls.push_back({"hand-written loop", [&](std::size_t n) {
                         for (std::size_t i = 0; i < n; ++i) {
                             for (std::size_t b = 0; b < B; ++b) hand(x.data() + b * 784, y_hand.data() + b * 10);
                             bench::escape(y_hand.data());
                         }
                     },
                     [&] { return y_hand; }});
#ifdef TYPENET_BENCH_WITH_TORCH
    auto torch = bench::make_torch_lenet(parameters, std::vector<float>(x.begin(), x.end()), B);
    impls.push_back({"libtorch nn::Sequential", [&](std::size_t n) { torch->run(n); }, [&] { return torch->output(); }});
#endif

    const auto medians = bench::time_interleaved(impls, repetitions, 0.02);
    const auto reference = impls[0].output();
    fmt::print("\nLeNet-5, batch {}\n  {:<26} {:>12} {:>16} {:>14}\n", B, "implementation", "median", "per image",
               "time / typenet's");
    for (std::size_t k = 0; k < impls.size(); ++k) {
        const auto out = impls[k].output();
        double worst = 0;
        for (std::size_t i = 0; i < out.size(); ++i) worst = std::max(worst, std::abs(double(out[i]) - reference[i]));
        fmt::print("  {:<26} {:>9.2f} us {:>13.2f} us {:>13.2f}x   (max |diff| {:.1e})\n", impls[k].name,
                   medians[k] / 1e3, medians[k] / 1e3 / B, medians[k] / medians[0], worst);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t repetitions = argc > 1 ? static_cast<std::size_t>(std::atoi(argv[1])) : 21;
    static LeNet net;
    tn::init(net, 1);
    std::vector<std::vector<float>> parameters;
    tn::for_each_parameter(net, [&](std::string_view, const auto& t) { parameters.emplace_back(t.begin(), t.end()); });
    fmt::print("LeNet-5 forward pass, {} (medians of {} interleaved repetitions; ratios are each time over typenet's)\n",
               TYPENET_BENCH_BUILD, repetitions);
    run_case<1>(net, parameters, repetitions);
    run_case<16>(net, parameters, repetitions);
}
