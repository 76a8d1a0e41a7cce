// Run-time benchmark: typenet against hand-written Eigen fixed-size code, libtorch's nn::Sequential and a
// naive loop, on the same parameters and inputs. Prints a table of medians and ratios; every implementation's
// output is compared with typenet's and the largest difference is printed beside it.
//
//   typenet_bench_native [repetitions]     (-O3 -march=native)
//   typenet_bench_generic [repetitions]    (-O2, no -march: typenet picks its kernel at run time)
#include <typenet/typenet.hpp>

#include <Eigen/Dense>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "harness.hpp"
#if defined(TYPENET_BENCH_WITH_TORCH)
#include "torch_networks.hpp"
#endif

namespace tn = typenet;

namespace {

// Both benchmark networks are three Dense layers with ReLU between them; the first ends in Sigmoid (the
// reference module's MLP), the small one ends linear (a control or audio model's regression head).
template <std::size_t In, std::size_t H1, std::size_t H2, std::size_t Out, bool Sigmoid>
struct spec {
    static constexpr std::size_t in = In, h1 = H1, h2 = H2, out = Out;
    static constexpr bool sigmoid = Sigmoid;
    using last = std::conditional_t<Sigmoid, tn::Sigmoid, tn::Identity>;
    using typenet_net = std::conditional_t<Sigmoid,
                                           tn::Sequential<tn::Dense<In, H1>, tn::ReLU, tn::Dense<H1, H2>, tn::ReLU,
                                                          tn::Dense<H2, Out>, tn::Sigmoid>,
                                           tn::Sequential<tn::Dense<In, H1>, tn::ReLU, tn::Dense<H1, H2>, tn::ReLU,
                                                          tn::Dense<H2, Out>>>;
    static constexpr std::size_t macs = In * H1 + H1 * H2 + H2 * Out;
    static constexpr std::size_t parameter_bytes = typenet_net::parameter_bytes;
};

using mlp_784 = spec<784, 128, 64, 10, true>;
using mlp_16 = spec<16, 32, 32, 4, false>;

std::vector<float> make_input(std::size_t n) {
    std::vector<float> x(n);
    std::uint32_t s = 12345;
    for (auto& v : x) {
        s = s * 1664525u + 1013904223u;
        v = static_cast<float>(s >> 8) / static_cast<float>(1u << 24) * 2 - 1;
    }
    return x;
}

// --- typenet ------------------------------------------------------------------------------------------------
template <class Spec, std::size_t B>
struct typenet_impl {
    using Net = typename Spec::typenet_net;
    using In = std::conditional_t<B == 1, tn::Vector<float, Spec::in>, tn::Matrix<float, B, Spec::in>>;
    using Out = std::conditional_t<B == 1, tn::Vector<float, Spec::out>, tn::Matrix<float, B, Spec::out>>;
    Net net;
    In x;
    Out y;

    void run(std::size_t times) {
        for (std::size_t n = 0; n < times; ++n) {
            bench::escape(&x);
            y = net(x);
            bench::escape(&y);
        }
    }
};

// --- hand-written Eigen, fixed sizes: what a user of Eigen writes for this network ------------------------------
template <class Spec, std::size_t B>
struct eigen_impl {
    static constexpr int in = Spec::in, h1 = Spec::h1, h2 = Spec::h2, out = Spec::out, b = static_cast<int>(B);
    Eigen::Matrix<float, h1, in> w1;
    Eigen::Matrix<float, h1, 1> b1;
    Eigen::Matrix<float, h2, h1> w2;
    Eigen::Matrix<float, h2, 1> b2;
    Eigen::Matrix<float, out, h2> w3;
    Eigen::Matrix<float, out, 1> b3;
    Eigen::Matrix<float, in, b> x;  // one sample per column
    Eigen::Matrix<float, h1, b> a1;
    Eigen::Matrix<float, h2, b> a2;
    Eigen::Matrix<float, out, b> y;

    void forward() {
        a1.noalias() = w1 * x;
        a1 = (a1.colwise() + b1).cwiseMax(0.f);
        a2.noalias() = w2 * a1;
        a2 = (a2.colwise() + b2).cwiseMax(0.f);
        y.noalias() = w3 * a2;
        y.colwise() += b3;
        if constexpr (Spec::sigmoid) y = (1.f + (-y.array()).exp()).inverse().matrix();
    }
    void run(std::size_t times) {
        for (std::size_t n = 0; n < times; ++n) {
            bench::escape(x.data());
            forward();
            bench::escape(y.data());
        }
    }
};

// --- a naive loop over plain arrays ----------------------------------------------------------------------------
struct naive_impl {
    std::vector<std::size_t> sizes;
    bool sigmoid = false;
    std::size_t batch = 1;
    std::vector<std::vector<float>> parameters;  // weight, bias per layer, PyTorch's layout
    std::vector<float> x, y, a, b;

    void forward() {
        const float* in = x.data();
        for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
            const std::size_t n_in = sizes[l], n_out = sizes[l + 1];
            const bool last = l + 2 == sizes.size();
            float* out = last ? y.data() : (l % 2 ? b.data() : a.data());
            const auto& w = parameters[2 * l];
            const auto& bias = parameters[2 * l + 1];
            for (std::size_t s = 0; s < batch; ++s)
                for (std::size_t o = 0; o < n_out; ++o) {
                    float acc = bias[o];
                    for (std::size_t i = 0; i < n_in; ++i) acc += w[o * n_in + i] * in[s * n_in + i];
                    if (!last) acc = acc < 0 ? 0 : acc;
                    else if (sigmoid) acc = 1 / (1 + std::exp(-acc));
                    out[s * n_out + o] = acc;
                }
            in = out;
        }
    }
    void run(std::size_t times) {
        for (std::size_t n = 0; n < times; ++n) {
            bench::escape(x.data());
            forward();
            bench::escape(y.data());
        }
    }
};

// The floor of batch 1: reading every parameter once from wherever it lives between passes (L2 here), in
// eight concurrent streams (one stream is bound by its own chain of additions, more gain nothing).
struct read_floor {
    std::vector<float> data;
    float sum = 0;
    using v16 [[gnu::vector_size(64)]] = float;
    void run(std::size_t times) {
        constexpr std::size_t streams = 8;
        const std::size_t part = data.size() / streams / 16 * 16;
        for (std::size_t n = 0; n < times; ++n) {
            bench::escape(data.data());
            v16 acc[streams] = {};
            for (std::size_t i = 0; i < part; i += 16)
                for (std::size_t k = 0; k < streams; ++k) {
                    v16 v;
                    __builtin_memcpy(&v, data.data() + k * part + i, sizeof v);
                    acc[k] += v;
                }
            for (std::size_t k = 1; k < streams; ++k) acc[0] += acc[k];
            sum = acc[0][0];
            bench::escape(&sum);
        }
    }
};

struct row {
    std::string network, impl;
    double ns, max_diff;
};

template <class Spec, std::size_t B>
void run_case(const char* title, std::size_t repetitions, double ghz, std::vector<row>& table) {
    auto tnet = std::make_unique<typenet_impl<Spec, B>>();
    tn::init(tnet->net, 42);
    const std::vector<float> input = make_input(B * Spec::in);
    std::copy(input.begin(), input.end(), tnet->x.data());

    std::vector<std::vector<float>> parameters;
    tnet->net.visit_parameters([&](std::string_view, const auto& tensor) {
        parameters.emplace_back(tensor.data(), tensor.data() + tensor.size());
    });

    auto eigen = std::make_unique<eigen_impl<Spec, B>>();
    auto to_eigen = [](auto& m, const std::vector<float>& p) {  // PyTorch's row-major into Eigen's column-major
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            for (Eigen::Index c = 0; c < m.cols(); ++c) m(r, c) = p[static_cast<std::size_t>(r * m.cols() + c)];
    };
    to_eigen(eigen->w1, parameters[0]);
    to_eigen(eigen->b1, parameters[1]);
    to_eigen(eigen->w2, parameters[2]);
    to_eigen(eigen->b2, parameters[3]);
    to_eigen(eigen->w3, parameters[4]);
    to_eigen(eigen->b3, parameters[5]);
    std::copy(input.begin(), input.end(), eigen->x.data());  // column s = sample s

    naive_impl naive;
    naive.sizes = {Spec::in, Spec::h1, Spec::h2, Spec::out};
    naive.sigmoid = Spec::sigmoid;
    naive.batch = B;
    naive.parameters = parameters;
    naive.x = input;
    naive.y.resize(B * Spec::out);
    naive.a.resize(B * std::max(Spec::h1, Spec::h2));
    naive.b.resize(B * std::max(Spec::h1, Spec::h2));

    read_floor floor;
    floor.data.assign(Spec::parameter_bytes / sizeof(float), 0.5f);

    std::vector<bench::implementation> impls;
    impls.push_back({"typenet", [&](std::size_t n) { tnet->run(n); },
                     [&] { return std::vector<float>(tnet->y.data(), tnet->y.data() + B * Spec::out); }});
    impls.push_back({"Eigen fixed", [&](std::size_t n) { eigen->run(n); },
                     [&] {
                         // Eigen's columns are samples; typenet's rows are: the same memory order.
                         return std::vector<float>(eigen->y.data(), eigen->y.data() + B * Spec::out);
                     }});
#if defined(TYPENET_BENCH_WITH_TORCH)
    auto torch = bench::make_torch_mlp({Spec::in, Spec::h1, Spec::h2, Spec::out}, Spec::sigmoid ? "sigmoid" : "none",
                                       parameters, input, B);
    impls.push_back({"libtorch", [&](std::size_t n) { torch->run(n); }, [&] { return torch->output(); }});
#endif
    impls.push_back({"naive loop", [&](std::size_t n) { naive.run(n); }, [&] { return naive.y; }});
#if defined(__AVX512F__)  // the floor is only a floor in the widest vectors the machine has
    if (B == 1) impls.push_back({"floor: read parameters", [&](std::size_t n) { floor.run(n); }, [] { return std::vector<float>{}; }});
#endif

    const auto medians = bench::time_interleaved(impls, repetitions, 0.004);
    const auto reference = impls[0].output();
    for (std::size_t i = 0; i < impls.size(); ++i) {
        const auto out = impls[i].output();
        double diff = out.empty() ? -1 : 0;
        for (std::size_t k = 0; k < out.size() && k < reference.size(); ++k)
            diff = std::max(diff, static_cast<double>(std::fabs(out[k] - reference[k])));
        if (!out.empty() && out.size() != reference.size()) diff = INFINITY;
        table.push_back({title, impls[i].name, medians[i] / static_cast<double>(B), diff});
    }
    // The FMA floor: 16 float multiply-adds per cycle (two 256-bit FMA pipes).
    table.push_back({title, "floor: FMA peak", static_cast<double>(Spec::macs) / 16.0 / ghz, -1});
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t repetitions = argc > 1 ? static_cast<std::size_t>(std::atoi(argv[1])) : 21;
    const double ghz = bench::measured_ghz();
    const char* build = TYPENET_BENCH_BUILD;
    std::vector<row> table;
    run_case<mlp_784, 1>("784-128-64-10, batch 1", repetitions, ghz, table);
    run_case<mlp_784, 64>("784-128-64-10, batch 64 (per sample)", repetitions, ghz, table);
    run_case<mlp_16, 1>("16-32-32-4, batch 1", repetitions, ghz, table);

    fmt::print("build: {}, clock {:.2f} GHz (measured), {} interleaved repetitions, medians\n", build, ghz, repetitions);
    fmt::print("{:<38} {:<24} {:>12} {:>16} {:>12}\n", "network, case", "implementation", "time", "its time / typenet's",
               "max |diff|");
    std::string current;
    double typenet_ns = 0;
    for (const auto& r : table) {
        if (r.network != current) {
            current = r.network;
            typenet_ns = r.ns;
        }
        const std::string time = r.ns >= 1000 ? fmt::format("{:.2f} us", r.ns / 1000) : fmt::format("{:.1f} ns", r.ns);
        const std::string diff = r.max_diff < 0 ? "" : fmt::format("{:.1e}", r.max_diff);
        fmt::print("{:<38} {:<24} {:>12} {:>15.2f}x {:>12}\n", r.network, r.impl, time, r.ns / typenet_ns, diff);
    }
}
