#include <typenet/layers/dense.hpp>
#include <typenet/sequential.hpp>

#include <catch2/catch.hpp>

#include <vector>

#include "reference.hpp"

namespace tn = typenet;

TEST_CASE("Dense computes W x + b, computed by hand", "[dense]") {
    tn::Sequential<tn::Dense<3, 2>> net;
    auto& dense = tn::get<0>(net);
    // W = [[1, 2, 3], [-1, 0, 0.5]], b = [0.5, -2]
    dense.weight = {1, 2, 3, -1, 0, 0.5f};
    dense.bias = {0.5f, -2};
    const auto y = net(tn::Vector<float, 3>{1, 1, 2});
    REQUIRE(y[0] == 1 + 2 + 6 + 0.5f);
    REQUIRE(y[1] == -1 + 0 + 1 - 2.0f);
    REQUIRE(dense.weight(1, 2) == 0.5f);  // row = output, column = input: PyTorch's layout
}

TEMPLATE_TEST_CASE("Dense agrees with a naive reference for odd sizes", "[dense]", float, double) {
    using Layer = tn::Dense<37, 19, TestType>;
    tn::Sequential<Layer> net;
    auto& d = tn::get<0>(net);
    std::vector<long double> w, b, x;
    for (std::size_t i = 0; i < 37 * 19; ++i) w.push_back(d.weight.data()[i] = TestType(((i * 7919) % 200) / 100.0 - 1));
    for (std::size_t i = 0; i < 19; ++i) b.push_back(d.bias[i] = TestType(i / 10.0 - 0.9));
    tn::Vector<TestType, 37> in{};
    for (std::size_t i = 0; i < 37; ++i) x.push_back(in[i] = TestType(((i * 31) % 17) / 8.0 - 1));
    const auto y = net(in);
    const auto expected = reference::dense(w, b, x);
    for (std::size_t o = 0; o < 19; ++o) REQUIRE(y[o] == Approx(static_cast<double>(expected[o])).epsilon(1e-6).margin(1e-6));
}

TEST_CASE("Dense reports its sizes and counts", "[dense]") {
    using D = tn::Dense<784, 128>;
    STATIC_REQUIRE(D::parameter_count == 784 * 128 + 128);
    STATIC_REQUIRE(D::mac_count_for<tn::Shape<784>> == 784 * 128);
    STATIC_REQUIRE(D::accepts<tn::Shape<784>>);
    STATIC_REQUIRE_FALSE(D::accepts<tn::Shape<783>>);
    STATIC_REQUIRE(D::name.view() == "Dense<784, 128>");
    STATIC_REQUIRE(tn::Dense<4, 2, double>::name.view() == "Dense<4, 2, double>");
    STATIC_REQUIRE(D::label.view() == "Dense(784,128)");
    STATIC_REQUIRE(tn::layer<D> && tn::fixes_input_shape<D>);
}

TEST_CASE("Dense visits its parameters in state_dict order", "[dense]") {
    tn::Dense<2, 3> d{};
    std::vector<std::string> names;
    std::vector<std::size_t> sizes;
    d.visit_parameters([&](std::string_view name, auto& tensor) {
        names.emplace_back(name);
        sizes.push_back(tensor.size());
    });
    REQUIRE(names == std::vector<std::string>{"weight", "bias"});
    REQUIRE(sizes == std::vector<std::size_t>{6, 3});
}
