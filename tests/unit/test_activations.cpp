#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <tuple>

#include "reference.hpp"

namespace tn = typenet;

namespace {

constexpr float inf = std::numeric_limits<float>::infinity();
constexpr float qnan = std::numeric_limits<float>::quiet_NaN();

// One activation applied through a network, as users call it.
template <class Act, std::size_t N>
tn::Vector<float, N> apply(const tn::Vector<float, N>& x) {
    return tn::Sequential<tn::Input<N>, Act>{}(x);
}

const float samples[] = {-20.0f, -3.5f, -1.0f, -0.25f, -1e-6f, 0.0f, 1e-6f, 0.3f, 1.0f, 2.75f, 8.0f, 20.0f};

template <class Act>
void check_against(long double (*expected)(long double)) {
    tn::Vector<float, std::size(samples)> x{};
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = samples[i];
    const auto y = apply<Act>(x);
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO(Act::name.view() << " at " << samples[i]);
        REQUIRE(y[i] == Approx(static_cast<double>(expected(samples[i]))).epsilon(1e-6).margin(1e-7));
    }
}

}  // namespace

TEST_CASE("each elementwise activation agrees with its formula computed independently", "[activations]") {
    check_against<tn::ReLU>(reference::relu);
    check_against<tn::LeakyReLU>([](long double x) { return reference::leaky_relu(x, 0.01L); });
    check_against<tn::LeakyReLUWithSlope<1, 5>>([](long double x) { return reference::leaky_relu(x, 0.2L); });
    check_against<tn::Sigmoid>(reference::sigmoid);
    check_against<tn::Tanh>([](long double x) { return std::tanh(x); });
    check_against<tn::GELU>(reference::gelu);
    check_against<tn::SiLU>(reference::silu);
    check_against<tn::Identity>([](long double x) { return x; });
}

TEST_CASE("activation values computed by hand", "[activations]") {
    const auto y = apply<tn::Sigmoid>(tn::Vector<float, 3>{0.0f, 1.0f, -1.0f});
    REQUIRE(y[0] == 0.5f);
    REQUIRE(y[1] == Approx(0.7310585786));
    REQUIRE(y[2] == Approx(0.2689414214));
    REQUIRE(apply<tn::GELU>(tn::Vector<float, 1>{1.0f})[0] == Approx(0.8413447461));  // Phi(1)
    REQUIRE((apply<tn::ReLU>(tn::Vector<float, 2>{-2.0f, 3.0f}) == tn::Vector<float, 2>{0.0f, 3.0f}));
    REQUIRE(apply<tn::LeakyReLU>(tn::Vector<float, 1>{-2.0f})[0] == Approx(-0.02f));
}

TEST_CASE("Sigmoid and Softmax stay finite and exact at inputs of +-1000", "[activations]") {
    const auto s = apply<tn::Sigmoid>(tn::Vector<float, 2>{1000.0f, -1000.0f});
    REQUIRE(s[0] == 1.0f);
    REQUIRE(s[1] == 0.0f);

    const auto p = apply<tn::Softmax>(tn::Vector<float, 3>{1000.0f, -1000.0f, 1000.0f});
    REQUIRE(p[0] == 0.5f);
    REQUIRE(p[1] == 0.0f);
    REQUIRE(p[2] == 0.5f);
}

TEST_CASE("Softmax matches its formula and sums to 1", "[activations]") {
    tn::Vector<float, 5> x{0.5f, -1.0f, 2.0f, 0.0f, 3.25f};
    const auto y = apply<tn::Softmax>(x);
    const auto expected = reference::softmax({0.5L, -1.0L, 2.0L, 0.0L, 3.25L});
    float sum = 0;
    for (std::size_t i = 0; i < 5; ++i) {
        REQUIRE(y[i] == Approx(static_cast<double>(expected[i])).epsilon(1e-6));
        sum += y[i];
    }
    REQUIRE(sum == Approx(1.0f).epsilon(1e-6));
}

TEST_CASE("Softmax on a batch normalises each sample on its own", "[activations]") {
    tn::Matrix<float, 2, 2> x{0.0f, 0.0f, 1000.0f, 0.0f};
    const auto y = tn::Sequential<tn::Input<2>, tn::Softmax>{}(x);
    REQUIRE(y(0, 0) == 0.5f);
    REQUIRE(y(0, 1) == 0.5f);
    REQUIRE(y(1, 0) == 1.0f);
    REQUIRE(y(1, 1) == 0.0f);
}

TEST_CASE("NaN and Inf inputs give the documented results", "[activations][nan]") {
    SECTION("elementwise activations propagate NaN") {
        const tn::Vector<float, 1> x{qnan};
        REQUIRE(std::isnan(apply<tn::ReLU>(x)[0]));
        REQUIRE(std::isnan(apply<tn::LeakyReLU>(x)[0]));
        REQUIRE(std::isnan(apply<tn::Sigmoid>(x)[0]));
        REQUIRE(std::isnan(apply<tn::Tanh>(x)[0]));
        REQUIRE(std::isnan(apply<tn::GELU>(x)[0]));
        REQUIRE(std::isnan(apply<tn::SiLU>(x)[0]));
        REQUIRE(std::isnan(apply<tn::Identity>(x)[0]));
    }
    SECTION("infinities go to the limits of each function") {
        const tn::Vector<float, 2> x{inf, -inf};
        REQUIRE((apply<tn::ReLU>(x) == tn::Vector<float, 2>{inf, 0.0f}));
        REQUIRE((apply<tn::LeakyReLU>(x) == tn::Vector<float, 2>{inf, -inf}));
        REQUIRE((apply<tn::Sigmoid>(x) == tn::Vector<float, 2>{1.0f, 0.0f}));
        REQUIRE((apply<tn::Tanh>(x) == tn::Vector<float, 2>{1.0f, -1.0f}));
        REQUIRE(apply<tn::GELU>(tn::Vector<float, 1>{inf})[0] == inf);
        REQUIRE(apply<tn::SiLU>(tn::Vector<float, 1>{inf})[0] == inf);
        // x * Phi(x) and x * sigmoid(x) at -Inf are -Inf * 0: NaN, as in PyTorch.
        REQUIRE(std::isnan(apply<tn::GELU>(tn::Vector<float, 1>{-inf})[0]));
        REQUIRE(std::isnan(apply<tn::SiLU>(tn::Vector<float, 1>{-inf})[0]));
    }
    SECTION("Softmax: NaN poisons the row, +Inf entries share the mass, -Inf entries get 0") {
        const auto with_nan = apply<tn::Softmax>(tn::Vector<float, 3>{1.0f, qnan, 2.0f});
        for (float v : with_nan) REQUIRE(std::isnan(v));
        REQUIRE((apply<tn::Softmax>(tn::Vector<float, 4>{inf, 1.0f, inf, -inf}) ==
                tn::Vector<float, 4>{0.5f, 0.0f, 0.5f, 0.0f}));
        REQUIRE((apply<tn::Softmax>(tn::Vector<float, 2>{-inf, 0.0f}) == tn::Vector<float, 2>{0.0f, 1.0f}));
        const auto all_minus_inf = apply<tn::Softmax>(tn::Vector<float, 2>{-inf, -inf});
        REQUIRE((std::isnan(all_minus_inf[0]) && std::isnan(all_minus_inf[1])));
    }
}

namespace {
// A one-weight network y = act(2x - 0.5), evaluated entirely by the compiler.
template <class Act, class T>
constexpr T at_compile_time(T x) {
    tn::Sequential<tn::Dense<1, 1, T>, Act> net;
    tn::get<0>(net).weight(0, 0) = 2;
    tn::get<0>(net).bias[0] = T(-0.5);
    return net(tn::Vector<T, 1>{x})[0];
}
constexpr bool near(double a, double b, double tolerance = 1e-6) {
    return (a - b < 0 ? b - a : a - b) <= tolerance;
}
}  // namespace

TEST_CASE("every activation evaluates in a constant expression, to the run-time value", "[activations][constexpr]") {
    // z = 2 * 0.75 - 0.5 = 1
    STATIC_REQUIRE(near(at_compile_time<tn::Sigmoid>(0.75f), 0.7310585786));
    STATIC_REQUIRE(near(at_compile_time<tn::Tanh>(0.75f), 0.7615941559));
    STATIC_REQUIRE(near(at_compile_time<tn::GELU>(0.75f), 0.8413447461));
    STATIC_REQUIRE(near(at_compile_time<tn::SiLU>(0.75f), 0.7310585786));
    STATIC_REQUIRE(near(at_compile_time<tn::ReLU>(0.0f), 0.0));
    STATIC_REQUIRE(near(at_compile_time<tn::LeakyReLU>(0.0f), -0.005));
    STATIC_REQUIRE(near(at_compile_time<tn::Identity>(0.0f), -0.5));
    STATIC_REQUIRE(near(at_compile_time<tn::Softmax>(0.0f), 1.0));
    STATIC_REQUIRE(near(at_compile_time<tn::GELU>(-2.0), -1.5289e-05, 1e-9));  // z = -4.5, double
    STATIC_REQUIRE(near(at_compile_time<tn::Tanh>(0.25), 0.0, 1e-15));            // z = 0

    // The compile-time series and <cmath> agree across the range.
    for (float x : samples) {
        INFO("x = " << x);
        const float z = 2 * x - 0.5f;
        REQUIRE(tn::detail::ce::exp(z) == Approx(std::exp(static_cast<double>(z))).epsilon(1e-14));
        REQUIRE(tn::detail::ce::tanh(z) == Approx(std::tanh(static_cast<double>(z))).epsilon(1e-14).margin(1e-300));
        REQUIRE(tn::detail::ce::erf(z) == Approx(std::erf(static_cast<double>(z))).epsilon(1e-14).margin(1e-300));
    }
    REQUIRE(tn::detail::ce::exp(-740.0) == Approx(std::exp(-740.0)).epsilon(1e-10));
    REQUIRE(tn::detail::ce::exp(709.0) == Approx(std::exp(709.0)).epsilon(1e-14));
}

TEMPLATE_TEST_CASE("activations work in double", "[activations][double]", tn::ReLU, tn::Sigmoid, tn::Tanh, tn::GELU,
                   tn::SiLU, tn::LeakyReLU, tn::Identity) {
    const tn::Vector<double, 2> x{-0.5, 1.5};
    const auto y = tn::Sequential<tn::Input<2>, TestType>{}(x);
    const auto yf = apply<TestType>(tn::Vector<float, 2>{-0.5f, 1.5f});
    REQUIRE(y[0] == Approx(yf[0]).epsilon(1e-6));
    REQUIRE(y[1] == Approx(yf[1]).epsilon(1e-6));
}

TEST_CASE("activation names as the user writes them", "[activations]") {
    STATIC_REQUIRE(tn::LeakyReLU::name.view() == "LeakyReLU");
    STATIC_REQUIRE(tn::LeakyReLUWithSlope<1, 5>::name.view() == "LeakyReLUWithSlope<1, 5>");
    STATIC_REQUIRE(tn::LeakyReLUWithSlope<1, 5>::label.view() == "LeakyReLU(1/5)");
    STATIC_REQUIRE(tn::GELU::kind == "GELU");
}
