// tn::describe<Net>(): the reflection every emitter reads, checked in constant expressions.
#include <typenet/describe/reflect.hpp>

#include <catch2/catch.hpp>

#include "networks.hpp"

namespace tn = typenet;
using namespace describe_test;

TEST_CASE("describe gives the reference MLP's layers, shapes and counts at compile time", "[describe]") {
    constexpr auto d = tn::describe<Mlp>();
    STATIC_REQUIRE(d.size() == 6);
    STATIC_REQUIRE(d.parameter_count == 109386);
    STATIC_REQUIRE(d.mac_count == 109184);
    STATIC_REQUIRE(d.parameter_bytes == 109386 * 4);
    STATIC_REQUIRE(d.largest_activation_size == 784);
    STATIC_REQUIRE(d.depth == 6);
    STATIC_REQUIRE(d.scalar == "float");
    STATIC_REQUIRE(d.input.rank == 1 && d.input.dims[0] == 784);
    STATIC_REQUIRE(d.output.size == 10);

    STATIC_REQUIRE(d.layers[0].kind == "Dense");
    STATIC_REQUIRE(d.layers[0].name == "Dense<784, 128>");
    STATIC_REQUIRE(d.layers[0].label == "Dense(784,128)");
    STATIC_REQUIRE(d.layers[0].parameter_count == 100480);
    STATIC_REQUIRE(d.layers[0].mac_count == 100352);
    STATIC_REQUIRE(d.layers[0].input.size == 784 && d.layers[0].output.size == 128);
    STATIC_REQUIRE(d.layers[1].kind == "ReLU" && d.layers[1].parameter_count == 0);
    STATIC_REQUIRE(d.layers[1].input == d.layers[1].output);
    STATIC_REQUIRE(d.layers[5].kind == "Sigmoid" && d.layers[5].path[0] == 5);

    std::size_t sum = 0;
    for (const auto& l : d.layers) sum += l.parameter_count;
    CHECK(sum == 109386);
}

TEST_CASE("describe lists a nested network, then its layers, with their positions", "[describe]") {
    constexpr auto d = tn::describe<Nested>();
    STATIC_REQUIRE(d.size() == 10);  // 2 networks + 8 layers
    STATIC_REQUIRE(d.depth == 8);
    STATIC_REQUIRE(d.layers[0].is_group && d.layers[0].kind == "Sequential");
    STATIC_REQUIRE(d.layers[0].group_end == 5);
    STATIC_REQUIRE(d.layers[0].parameter_count == Encoder::parameter_count);
    STATIC_REQUIRE(d.layers[0].output.size == 8);
    STATIC_REQUIRE(d.layers[1].nesting == 1 && d.layers[1].path[0] == 0 && d.layers[1].path[1] == 0);
    STATIC_REQUIRE(d.layers[1].name == "Dense<32, 16>");
    STATIC_REQUIRE(d.layers[5].is_group && d.layers[5].path[0] == 1 && d.layers[5].group_end == 10);
    STATIC_REQUIRE(d.layers[7].name == "LeakyReLU" && d.layers[7].path[1] == 1);
    STATIC_REQUIRE(d.layers[9].kind == "Softmax" && d.layers[9].output.size == 3);
    STATIC_REQUIRE(d.parameter_count == 715);

    const auto position = d.layers[7].position();
    REQUIRE(position.size() == 2);
    CHECK(position[0] == 1);
    CHECK(position[1] == 1);
}

TEST_CASE("describe follows three levels of nesting", "[describe]") {
    constexpr auto d = tn::describe<DeepNest>();
    STATIC_REQUIRE(d.size() == 8);
    STATIC_REQUIRE(d.layers[1].is_group && d.layers[1].group_end == 7);
    STATIC_REQUIRE(d.layers[4].is_group && d.layers[4].nesting == 1 && d.layers[4].group_end == 7);
    STATIC_REQUIRE(d.layers[5].nesting == 2 && d.layers[5].name == "Dense<6, 2>");
    STATIC_REQUIRE(d.layers[5].path[0] == 1 && d.layers[5].path[1] == 2 && d.layers[5].path[2] == 0);
    STATIC_REQUIRE(d.layers[7].nesting == 0 && d.layers[7].kind == "Identity");
    STATIC_REQUIRE(d.output.size == 2);
}

TEST_CASE("describe keeps every dimension of rank-3 shapes and any kind", "[describe]") {
    constexpr auto d = tn::describe<Patches>();
    STATIC_REQUIRE(d.input.rank == 3);
    STATIC_REQUIRE(d.layers[1].kind == "Patchify");
    STATIC_REQUIRE(d.layers[1].output.rank == 3);
    STATIC_REQUIRE(d.layers[1].output.dims[0] == 4 && d.layers[1].output.dims[1] == 3 && d.layers[1].output.dims[2] == 3);
    STATIC_REQUIRE(d.layers[3].output.rank == 1 && d.layers[3].output.size == 36);
    STATIC_REQUIRE(d.parameter_count == 36 * 2 + 2);
}

TEST_CASE("describe works for double networks and one-layer networks", "[describe]") {
    constexpr auto d = tn::describe<tn::with_scalar<Mlp, double>>();
    STATIC_REQUIRE(d.scalar == "double");
    STATIC_REQUIRE(d.parameter_bytes == 109386 * 8);
    constexpr auto one = tn::describe<tn::Sequential<tn::Dense<3, 1>>>();
    STATIC_REQUIRE(one.size() == 1 && one.parameter_count == 4);
}

TEST_CASE("describe follows networks nested as deep as layer_info::max_nesting", "[describe]") {
    using L1 = tn::Sequential<tn::Dense<2, 2>>;
    using L2 = tn::Sequential<L1>;
    using L4 = tn::Sequential<tn::Sequential<L2>>;
    using L8 = tn::Sequential<tn::Sequential<tn::Sequential<tn::Sequential<L4>>>>;
    STATIC_REQUIRE(tn::layer_info::max_nesting == 8);
    constexpr auto d = tn::describe<L8>();
    STATIC_REQUIRE(d.size() == 8);
    STATIC_REQUIRE(d.layers[7].nesting == 7 && d.layers[7].name == "Dense<2, 2>");
    STATIC_REQUIRE(d.layers[0].group_end == 8 && d.layers[6].group_end == 8);
}
