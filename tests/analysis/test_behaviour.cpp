// Noise robustness, sweeps and Jacobians.
#include <typenet/analysis.hpp>
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace tn = typenet;
namespace ta = typenet::analysis;

TEST_CASE("the Gaussian source is a fixed sequence for a seed, with mean 0 and variance 1", "[behaviour][random]") {
    ta::gaussian a(42), b(42), c(43);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        const double x = a();
        REQUIRE(x == b());
        differs = differs || x != c();
    }
    REQUIRE(differs);

    // The first numbers of seed 42: mt19937_64's output is fixed by the standard, the conversion is ours.
    ta::gaussian fixed(42);
    std::mt19937_64 engine(42);
    double u, v, s;
    do {
        u = 2 * (static_cast<double>(engine() >> 11) * 0x1p-53) - 1;
        v = 2 * (static_cast<double>(engine() >> 11) * 0x1p-53) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    const double f = std::sqrt(-2 * std::log(s) / s);
    REQUIRE(fixed() == u * f);
    REQUIRE(fixed() == v * f);

    ta::gaussian g(1);
    ta::running_statistics st;
    for (int i = 0; i < 200000; ++i) st.add(g());
    REQUIRE(st.mean() == Approx(0).margin(0.01));
    REQUIRE(st.std_dev() == Approx(1).epsilon(0.01));
}

namespace {
using Net = tn::Classifier<8, 3, tn::Hidden<6>>;

std::vector<tn::Vector<float, 8>> inputs(std::size_t n, std::uint64_t seed) {
    ta::gaussian g(seed);
    std::vector<tn::Vector<float, 8>> xs(n);
    for (auto& x : xs)
        for (auto& v : x) v = static_cast<float>(g());
    return xs;
}
}  // namespace

TEST_CASE("noise analysis is reproducible from its seed", "[behaviour][noise]") {
    Net net;
    tn::init(net, 3);
    const auto xs = inputs(10, 1);
    const std::span<const tn::Vector<float, 8>> view(xs);
    ta::noise_options o;
    o.seed = 1234;
    o.trials = 8;
    const auto a = ta::noise_robustness(net, view, o);
    const auto b = ta::noise_robustness(net, view, o);
    o.seed = 4321;
    const auto c = ta::noise_robustness(net, view, o);

    REQUIRE(a.size() == 4);
    const auto from_vector = ta::noise_robustness(net, xs, ta::noise_options{ta::default_noise_levels, 8, 1234, 20});
    REQUIRE(from_vector[3].mean_abs_change == a[3].mean_abs_change);
    const double levels[] = {0, 0.1, 0.2, 0.5};
    for (std::size_t i = 0; i < a.size(); ++i) {
        REQUIRE(a[i].level == levels[i]);
        REQUIRE(a[i].outputs.count() == 10 * 8 * 3);
        REQUIRE(a[i].outputs.mean() == b[i].outputs.mean());
        REQUIRE(a[i].outputs.std_dev() == b[i].outputs.std_dev());
        REQUIRE(a[i].mean_abs_change == b[i].mean_abs_change);
        REQUIRE(a[i].decision_kept == b[i].decision_kept);
    }
    REQUIRE(a[0].mean_abs_change == 0);
    REQUIRE(a[0].decision_kept == 1);
    REQUIRE(a[3].mean_abs_change != c[3].mean_abs_change);
    // More noise moves the outputs further.
    REQUIRE(a[1].mean_abs_change < a[2].mean_abs_change);
    REQUIRE(a[2].mean_abs_change < a[3].mean_abs_change);
    // Softmax outputs average 1/3 whatever the noise.
    for (const auto& l : a) REQUIRE(l.outputs.mean() == Approx(1.0 / 3).epsilon(1e-5));
}

TEST_CASE("an input sweep varies one feature and records every output", "[behaviour][sweep]") {
    Net net;
    tn::init(net, 3);
    const auto xs = inputs(1, 2);
    const auto s = ta::input_sweep(net, xs[0], 2, -1.0, 1.0, 5);
    REQUIRE(s.feature == 2);
    REQUIRE(s.values == std::vector<double>{-1, -0.5, 0, 0.5, 1});
    REQUIRE(s.outputs.size() == 5);
    auto x = xs[0];
    x[2] = 0.5f;
    const auto y = net(x);
    for (std::size_t o = 0; o < 3; ++o) REQUIRE(s.outputs[3][o] == static_cast<double>(y[o]));
}

TEST_CASE("the exact Jacobian agrees with finite differences through every activation", "[behaviour][jacobian]") {
    using Mixed = tn::Sequential<tn::Sequential<tn::Dense<5, 7, double>, tn::GELU>, tn::Dense<7, 6, double>, tn::SiLU,
                                 tn::Dense<6, 6, double>, tn::Tanh, tn::Dense<6, 5, double>, tn::LeakyReLUWithSlope<1, 5>,
                                 tn::Dense<5, 4, double>, tn::Sigmoid, tn::Dense<4, 4, double>, tn::ReLU,
                                 tn::Dense<4, 3, double>, tn::Softmax>;
    STATIC_REQUIRE(ta::has_exact_jacobian<Mixed>);
    Mixed net;
    tn::init(net, 8);
    ta::gaussian g(5);
    for (int trial = 0; trial < 5; ++trial) {
        tn::Vector<double, 5> x;
        for (auto& v : x) v = g();
        const auto exact = ta::jacobian(net, x);
        const auto approx = ta::finite_difference_jacobian(net, x, 1e-6);
        REQUIRE(exact.outputs == 3);
        REQUIRE(exact.inputs == 5);
        for (std::size_t o = 0; o < 3; ++o)
            for (std::size_t i = 0; i < 5; ++i) REQUIRE(exact.at(o, i) == Approx(approx.at(o, i)).margin(1e-7));
    }
}

TEST_CASE("the Jacobian of a linear network is the product of its weights", "[behaviour][jacobian]") {
    using Linear = tn::Sequential<tn::Dense<3, 4, double>, tn::Dense<4, 2, double>, tn::Identity>;
    Linear net;
    tn::init(net, 2);
    const auto j = ta::jacobian(net, tn::Vector<double, 3>{1, 2, 3});
    const auto& w1 = tn::get<0>(net).weight;
    const auto& w2 = tn::get<1>(net).weight;
    for (std::size_t o = 0; o < 2; ++o)
        for (std::size_t i = 0; i < 3; ++i) {
            double sum = 0;
            for (std::size_t k = 0; k < 4; ++k) sum += w2(o, k) * w1(k, i);
            REQUIRE(j.at(o, i) == Approx(sum).epsilon(1e-14));
        }
    const auto sens = j.sensitivity();
    REQUIRE(sens.size() == 3);
    REQUIRE(sens[0] == Approx(std::hypot(j.at(0, 0), j.at(1, 0))));
}
