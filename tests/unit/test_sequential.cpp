#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <numeric>
#include <string>
#include <vector>

namespace tn = typenet;

namespace {
using Net = tn::Sequential<tn::Dense<784, 128>, tn::ReLU, tn::Dense<128, 64>, tn::ReLU, tn::Dense<64, 10>, tn::Sigmoid>;

template <class N>
void fill(N& net, float scale) {
    std::size_t k = 0;
    tn::for_each_parameter(net, [&](std::string_view, auto& tensor) {
        for (auto& v : tensor) v = scale * static_cast<float>(static_cast<int>((k++ * 2654435761u) % 1001) - 500) / 500.0f;
    });
}
}  // namespace

TEST_CASE("the reference MLP's constants", "[sequential]") {
    STATIC_REQUIRE(Net::input_size == 784);
    STATIC_REQUIRE(Net::output_size == 10);
    STATIC_REQUIRE(Net::parameter_count == 109386);
    STATIC_REQUIRE(Net::mac_count == 109184);
    STATIC_REQUIRE(Net::depth == 6);
    STATIC_REQUIRE(Net::layer_count == 6);
    STATIC_REQUIRE(Net::parameter_bytes == 109386 * 4);
    STATIC_REQUIRE(Net::largest_activation_size == 784);
    STATIC_REQUIRE(Net::largest_activation_bytes == 784 * 4);
    STATIC_REQUIRE(Net::layer_input_size<2> == 128);
    STATIC_REQUIRE(Net::layer_output_size<2> == 64);
    STATIC_REQUIRE(Net::layer_output_size<3> == 64);
    STATIC_REQUIRE(std::is_same_v<Net::layer_type<4>, tn::Dense<64, 10>>);
    STATIC_REQUIRE(std::is_same_v<Net::scalar_type, float>);
    STATIC_REQUIRE(Net::is_valid);
}

TEST_CASE("the parameters live inside the network object", "[sequential]") {
    STATIC_REQUIRE(sizeof(Net) >= Net::parameter_bytes);
    STATIC_REQUIRE(sizeof(Net) <= Net::parameter_bytes + 3 * 64);  // only alignment padding beside them
    STATIC_REQUIRE(sizeof(tn::Sequential<tn::Dense<2, 2>, tn::ReLU>) <= 6 * sizeof(float) + 8);
}

TEST_CASE("forward composes the layers: f(x) = layer_n(...layer_1(x))", "[sequential]") {
    static Net net;
    fill(net, 0.1f);
    tn::Vector<float, 784> x{};
    for (std::size_t i = 0; i < 784; ++i) x[i] = static_cast<float>(i % 13) / 13.0f;

    const auto h1 = tn::Sequential<tn::Dense<784, 128>, tn::ReLU>{tn::get<0>(net), {}}(x);
    const auto h2 = tn::Sequential<tn::Dense<128, 64>, tn::ReLU>{tn::get<2>(net), {}}(h1);
    const auto expected = tn::Sequential<tn::Dense<64, 10>, tn::Sigmoid>{tn::get<4>(net), {}}(h2);
    REQUIRE(net(x) == expected);
}

TEST_CASE("a batch gives each row what a single sample gives", "[sequential]") {
    static Net net;
    fill(net, 0.05f);
    static tn::Matrix<float, 5, 784> batch{};
    for (std::size_t r = 0; r < 5; ++r)
        for (std::size_t c = 0; c < 784; ++c) batch(r, c) = static_cast<float>((r + 1) * (c % 7)) / 20.0f;
    const auto out = net(batch);
    for (std::size_t r = 0; r < 5; ++r) {
        tn::Vector<float, 784> x{};
        for (std::size_t c = 0; c < 784; ++c) x[c] = batch(r, c);
        const auto y = net(x);
        for (std::size_t c = 0; c < 10; ++c) REQUIRE(out(r, c) == Approx(y[c]).epsilon(1e-6));
    }
}

TEST_CASE("nested networks compute what the flattened network computes", "[sequential][nesting]") {
    using Encoder = tn::Sequential<tn::Dense<6, 5>, tn::Tanh>;
    using Head = tn::Sequential<tn::Dense<5, 3>, tn::Softmax>;
    using Nested = tn::Sequential<Encoder, tn::ReLU, Head>;
    using Flat = tn::Sequential<tn::Dense<6, 5>, tn::Tanh, tn::ReLU, tn::Dense<5, 3>, tn::Softmax>;
    STATIC_REQUIRE(Nested::depth == 5);
    STATIC_REQUIRE(Nested::layer_count == 3);
    STATIC_REQUIRE(Nested::parameter_count == Flat::parameter_count);
    STATIC_REQUIRE(Nested::mac_count == Flat::mac_count);

    Nested nested;
    tn::init(nested, 11);
    const Flat flat{tn::get<0>(tn::get<0>(nested)), {}, {}, tn::get<0>(tn::get<2>(nested)), {}};
    const tn::Vector<float, 6> x{0.1f, -0.2f, 0.3f, 0.9f, -1.5f, 2.0f};
    REQUIRE(nested(x) == flat(x));

    std::vector<std::string> names;
    tn::for_each_parameter(nested, [&](std::string_view name, auto&) { names.emplace_back(name); });
    REQUIRE(names == std::vector<std::string>{"0.0.weight", "0.0.bias", "2.0.weight", "2.0.bias"});
}

TEST_CASE("parameter names follow PyTorch's state_dict of the same nn.Sequential", "[sequential]") {
    std::vector<std::string> names;
    const Net* net = nullptr;
    static Net storage;
    net = &storage;
    tn::for_each_parameter(*net, [&](std::string_view name, const auto&) { names.emplace_back(name); });
    REQUIRE(names == std::vector<std::string>{"0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"});
}

TEST_CASE("run-time spans are checked and name both sizes", "[sequential][runtime]") {
    using Small = tn::Sequential<tn::Dense<4, 3>, tn::ReLU, tn::Dense<3, 2>>;
    Small net;
    tn::init(net, 5);
    std::vector<float> in{1, 2, 3, 4}, out(2);
    net.forward(in, out);
    const auto expected = net(tn::Vector<float, 4>{1, 2, 3, 4});
    REQUIRE(out[0] == expected[0]);
    REQUIRE(out[1] == expected[1]);

    std::vector<float> short_in(3), long_out(3);
    REQUIRE_THROWS_AS(net.forward(short_in, out), tn::shape_error);
    REQUIRE_THROWS_WITH(net.forward(short_in, out),
                        Catch::Contains("takes 4 input values") && Catch::Contains("spans of 3 and 2"));
    REQUIRE_THROWS_WITH(net.forward(in, long_out), Catch::Contains("gives 2 output values") &&
                                                       Catch::Contains("spans of 4 and 3"));
    REQUIRE_THROWS_AS(net.forward(in, long_out), std::invalid_argument);
}

TEST_CASE("run-time forward may write over its own input", "[sequential][runtime]") {
    tn::Sequential<tn::Dense<3, 3>> net;
    tn::init(net, 9);
    std::array<float, 3> buffer{1, -2, 3};
    const auto expected = net(tn::Vector<float, 3>{1, -2, 3});
    net.forward(std::span<const float>(buffer), std::span<float>(buffer));
    REQUIRE(buffer[0] == expected[0]);
    REQUIRE(buffer[1] == expected[1]);
    REQUIRE(buffer[2] == expected[2]);
}

namespace {
constexpr auto constant_net = [] {
    tn::Sequential<tn::Dense<2, 2>, tn::ReLU, tn::Dense<2, 1>, tn::Sigmoid> net;
    tn::get<0>(net).weight = {1, 0, 0, 1};
    tn::get<0>(net).bias = {0, -5};
    tn::get<2>(net).weight = {1, 1};
    tn::get<2>(net).bias = {0};
    return net;
}();
constexpr bool near(float a, float b) { return (a > b ? a - b : b - a) < 1e-6f; }
}  // namespace

TEST_CASE("a constexpr network evaluates in a constant expression", "[sequential][constexpr]") {
    // relu(1) + relu(2 - 5) = 1, sigmoid(1) = 0.731
    STATIC_REQUIRE(near(constant_net(tn::Vector<float, 2>{1, 2})[0], 0.7310586f));
    constexpr auto batch = constant_net(tn::Matrix<float, 2, 2>{1, 2, 0, 0});
    STATIC_REQUIRE(near(batch(0, 0), 0.7310586f));
    STATIC_REQUIRE(near(batch(1, 0), 0.5f));
    REQUIRE(constant_net(tn::Vector<float, 2>{1, 2})[0] == Approx(0.7310586f));
}

TEST_CASE("double networks", "[sequential][double]") {
    using D = tn::with_scalar<tn::Mlp<4, tn::Hidden<8>, 2>, double>;
    STATIC_REQUIRE(std::is_same_v<D, tn::Sequential<tn::Dense<4, 8, double>, tn::ReLU, tn::Dense<8, 2, double>, tn::Sigmoid>>);
    STATIC_REQUIRE(std::is_same_v<D::scalar_type, double>);
    STATIC_REQUIRE(D::parameter_bytes == D::parameter_count * 8);
    D d;
    tn::Mlp<4, tn::Hidden<8>, 2> f;
    tn::init(d, 3);
    tn::init(f, 3);
    const auto yd = d(tn::Vector<double, 4>{0.5, -1, 2, 0});
    const auto yf = f(tn::Vector<float, 4>{0.5f, -1, 2, 0});
    REQUIRE(yd[0] == Approx(yf[0]).epsilon(1e-6));
    REQUIRE(yd[1] == Approx(yf[1]).epsilon(1e-6));
}

TEST_CASE("Input names the shape of a network that starts with an activation", "[sequential]") {
    using N = tn::Sequential<tn::Input<3>, tn::ReLU>;
    STATIC_REQUIRE(N::input_size == 3 && N::output_size == 3 && N::parameter_count == 0 && N::depth == 2);
    REQUIRE(N{}(tn::Vector<float, 3>{-1, 0, 2}) == tn::Vector<float, 3>{0, 0, 2});
}

TEST_CASE("network names spell the type as written", "[sequential]") {
    STATIC_REQUIRE(Net::name.view() == "Sequential<Dense<784, 128>, ReLU, Dense<128, 64>, ReLU, Dense<64, 10>, Sigmoid>");
    STATIC_REQUIRE(Net::kind == "Sequential");
}
