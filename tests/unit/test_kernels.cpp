// The Dense kernels (vectorised, register-blocked, with the activation fused into the store) against a
// naive long double reference, on every edge of their blocking: batch sizes that are and are not multiples of
// the sample block, row counts below, at and above a register block, inputs shorter than one vector and
// with a partial last vector. Buffers are exactly as long as the data, so ASan sees any read or write past
// them.
#include <typenet/layers/dense.hpp>
#include <typenet/layers/gelu.hpp>
#include <typenet/layers/identity.hpp>
#include <typenet/layers/leaky_relu.hpp>
#include <typenet/layers/relu.hpp>
#include <typenet/layers/sigmoid.hpp>
#include <typenet/layers/softmax.hpp>
#include <typenet/sequential.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <memory>
#include <vector>

#include "reference.hpp"

namespace tn = typenet;

namespace {

struct lcg {
    std::uint64_t state;
    double operator()() {  // uniform in [-1, 1)
        state = state * 6364136223846793005u + 1442695040888963407u;
        return static_cast<double>(state >> 11) / static_cast<double>(std::uint64_t{1} << 53) * 2 - 1;
    }
};

struct no_act {
    static long double apply(long double x) { return x; }
};
struct relu_ref {
    static long double apply(long double x) { return reference::relu(x); }
};
struct leaky_ref {
    static long double apply(long double x) { return reference::leaky_relu(x, 0.01L); }
};
struct sigmoid_ref {
    static long double apply(long double x) { return reference::sigmoid(x); }
};
struct gelu_ref {
    static long double apply(long double x) { return reference::gelu(x); }
};

// Runs Dense<In, Out, T> on Batch samples, through forward (Act = void) or forward_fused<Act>, and compares
// every output with the reference.
template <std::size_t In, std::size_t Out, class T, std::size_t Batch, class Act = void, class Ref = no_act>
void check() {
    using D = tn::Dense<In, Out, T>;
    auto dense = std::make_unique<D>();
    lcg random{In * 1000 + Out * 10 + Batch};
    const double scale = 2.0 / static_cast<double>(In);  // keeps sums near 1, where the activations bend
    std::vector<long double> w, b;
    for (auto& v : dense->weight) w.push_back(v = static_cast<T>(random() * scale * 4));
    for (auto& v : dense->bias) b.push_back(v = static_cast<T>(random()));
    std::vector<T> in(Batch * In), out(Batch * Out);
    for (auto& v : in) v = static_cast<T>(random());

    if constexpr (std::is_void_v<Act>) dense->template forward<tn::Shape<In>, Batch>(in.data(), out.data());
    else dense->template forward_fused<tn::Shape<In>, Batch, Act>(in.data(), out.data());

    for (std::size_t s = 0; s < Batch; ++s) {
        std::vector<long double> x(in.begin() + static_cast<std::ptrdiff_t>(s * In),
                                   in.begin() + static_cast<std::ptrdiff_t>((s + 1) * In));
        const auto expected = reference::dense(w, b, x);
        for (std::size_t o = 0; o < Out; ++o) {
            INFO("Dense<" << In << ", " << Out << ">, batch " << Batch << ", sample " << s << ", output " << o);
            const double want = static_cast<double>(Ref::apply(expected[o]));
            REQUIRE(static_cast<double>(out[s * Out + o]) == Approx(want).epsilon(1e-5).margin(1e-5));
        }
    }
}

template <std::size_t In, std::size_t Out, class T>
void check_batches() {
    check<In, Out, T, 1>();
    check<In, Out, T, 2>();
    check<In, Out, T, 3>();
    check<In, Out, T, 7>();
    check<In, Out, T, 64>();
}

}  // namespace

TEMPLATE_TEST_CASE("Dense kernels agree with the naive reference at every batch size", "[kernels]", float, double) {
    check_batches<1, 1, TestType>();
    check_batches<5, 3, TestType>();
    check_batches<16, 32, TestType>();
    check_batches<32, 4, TestType>();
    check_batches<33, 17, TestType>();
    check_batches<64, 10, TestType>();
    check_batches<100, 9, TestType>();
    check_batches<128, 64, TestType>();
}

TEMPLATE_TEST_CASE("Dense kernels agree with the reference on a large layer", "[kernels]", float, double) {
    check<784, 128, TestType, 1>();
    check<784, 128, TestType, 7>();
    check<784, 128, TestType, 64>();
}

TEMPLATE_TEST_CASE("Dense kernels apply a fused activation as the separate layer would", "[kernels]", float, double) {
    check<33, 17, TestType, 1, tn::ReLU, relu_ref>();
    check<33, 17, TestType, 7, tn::ReLU, relu_ref>();
    check<16, 32, TestType, 64, tn::ReLU, relu_ref>();
    check<5, 3, TestType, 3, tn::LeakyReLU, leaky_ref>();
    check<64, 10, TestType, 2, tn::LeakyReLU, leaky_ref>();
    check<64, 10, TestType, 1, tn::Sigmoid, sigmoid_ref>();
    check<33, 17, TestType, 7, tn::Sigmoid, sigmoid_ref>();
    check<32, 4, TestType, 3, tn::GELU, gelu_ref>();
    check<32, 32, TestType, 64, tn::Identity, no_act>();
}

TEST_CASE("A fused ReLU keeps NaN as the separate layer does", "[kernels]") {
    tn::Dense<1, 4> d{};
    d.weight = {1, 1, 1, 1};
    d.bias = {std::numeric_limits<float>::quiet_NaN(), -0.5f, -3, 2};
    const float in[1] = {0.25f};
    float fused[4], separate[4], plain[4];
    d.forward_fused<tn::Shape<1>, 1, tn::ReLU>(in, fused);
    d.forward<tn::Shape<1>, 1>(in, plain);
    tn::ReLU{}.forward<tn::Shape<4>, 1>(plain, separate);
    REQUIRE(std::isnan(fused[0]));
    REQUIRE(std::isnan(separate[0]));
    for (int i = 1; i < 4; ++i) REQUIRE(fused[i] == separate[i]);
    REQUIRE(fused[3] == 2.25f);
}

TEST_CASE("A network with fused steps gives what its layers give one at a time", "[kernels]") {
    using Net = tn::Sequential<tn::Dense<33, 20>, tn::ReLU, tn::Dense<20, 20>, tn::Sigmoid, tn::Dense<20, 7>, tn::ReLU,
                               tn::ReLU, tn::Dense<7, 5>, tn::Softmax>;
    Net net;
    lcg random{7};
    net.visit_parameters([&](std::string_view, auto& tensor) {
        for (auto& v : tensor) v = static_cast<float>(random() * 0.5);
    });
    tn::Matrix<float, 3, 33> x{};
    for (auto& v : x) v = static_cast<float>(random());
    const auto y = net(x);

    // The same layers one at a time, each into a buffer of its own.
    std::vector<float> a(x.begin(), x.end()), b;
    auto run = [&]<class S, std::size_t N>(const auto& layer) {
        b.assign(3 * N, 0.0f);
        layer.template forward<S, 3>(a.data(), b.data());
        a = b;
    };
    run.operator()<tn::Shape<33>, 20>(tn::get<0>(net));
    run.operator()<tn::Shape<20>, 20>(tn::ReLU{});
    run.operator()<tn::Shape<20>, 20>(tn::get<2>(net));
    run.operator()<tn::Shape<20>, 20>(tn::Sigmoid{});
    run.operator()<tn::Shape<20>, 7>(tn::get<4>(net));
    run.operator()<tn::Shape<7>, 7>(tn::ReLU{});
    run.operator()<tn::Shape<7>, 7>(tn::ReLU{});
    run.operator()<tn::Shape<7>, 5>(tn::get<7>(net));
    run.operator()<tn::Shape<5>, 5>(tn::Softmax{});
    for (std::size_t i = 0; i < 15; ++i) REQUIRE(y.data()[i] == Approx(a[i]).margin(1e-6));
}

TEST_CASE("The constant-evaluated forward pass agrees with the kernels", "[kernels]") {
    static constexpr auto net = [] {
        tn::Sequential<tn::Dense<17, 9>, tn::ReLU, tn::Dense<9, 3>, tn::Sigmoid> n;
        float v = 0.25f;
        n.visit_parameters([&](std::string_view, auto& tensor) {
            for (auto& e : tensor) e = (v = v * -0.93f + 0.11f);
        });
        return n;
    }();
    static constexpr auto x = [] {
        tn::Vector<float, 17> v{};
        for (std::size_t i = 0; i < 17; ++i) v[i] = static_cast<float>(i % 5) * 0.3f - 0.6f;
        return v;
    }();
    static constexpr auto at_compile_time = net(x);
    const auto at_run_time = net(x);
    for (std::size_t i = 0; i < 3; ++i) REQUIRE(at_run_time[i] == Approx(at_compile_time[i]).margin(1e-6));
}
