#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <type_traits>

namespace tn = typenet;

TEST_CASE("Mlp is exactly the Sequential written out", "[builders]") {
    STATIC_REQUIRE(std::is_same_v<tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::ReLU, tn::Sigmoid>,
                                  tn::Sequential<tn::Dense<784, 128>, tn::ReLU, tn::Dense<128, 64>, tn::ReLU,
                                                 tn::Dense<64, 10>, tn::Sigmoid>>);
    STATIC_REQUIRE(std::is_same_v<tn::Mlp<784, tn::Hidden<128, 64>, 10>,
                                  tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::ReLU, tn::Sigmoid>>);
    STATIC_REQUIRE(std::is_same_v<tn::Mlp<5, tn::Hidden<>, 2>, tn::Sequential<tn::Dense<5, 2>, tn::Sigmoid>>);
    STATIC_REQUIRE(std::is_same_v<tn::Mlp<3, tn::Hidden<4>, 2, tn::GELU, tn::Softmax>,
                                  tn::Sequential<tn::Dense<3, 4>, tn::GELU, tn::Dense<4, 2>, tn::Softmax>>);
    STATIC_REQUIRE(std::is_same_v<tn::Mlp<3, tn::Hidden<4>, 2, tn::ReLU, tn::Identity>,
                                  tn::Sequential<tn::Dense<3, 4>, tn::ReLU, tn::Dense<4, 2>>>);
}

TEST_CASE("Classifier ends in Sigmoid for one class and Softmax for several", "[builders]") {
    STATIC_REQUIRE(std::is_same_v<tn::Classifier<100, 2>,
                                  tn::Sequential<tn::Dense<100, 50>, tn::ReLU, tn::Dense<50, 2>, tn::Softmax>>);
    STATIC_REQUIRE(std::is_same_v<tn::Classifier<10, 1>,
                                  tn::Sequential<tn::Dense<10, 5>, tn::ReLU, tn::Dense<5, 1>, tn::Sigmoid>>);
    STATIC_REQUIRE(std::is_same_v<tn::Classifier<10, 3, tn::Hidden<8, 4>>,
                                  tn::Sequential<tn::Dense<10, 8>, tn::ReLU, tn::Dense<8, 4>, tn::ReLU,
                                                 tn::Dense<4, 3>, tn::Softmax>>);
}

TEST_CASE("Regressor ends linear by default and reproduces the reference regressor", "[builders]") {
    STATIC_REQUIRE(std::is_same_v<tn::Regressor<13>, tn::Sequential<tn::Dense<13, 6>, tn::ReLU, tn::Dense<6, 1>>>);
    STATIC_REQUIRE(std::is_same_v<tn::Regressor<13, 1, tn::Hidden<8, 4>, tn::Tanh>,
                                  tn::Sequential<tn::Dense<13, 8>, tn::ReLU, tn::Dense<8, 4>, tn::ReLU,
                                                 tn::Dense<4, 1>, tn::Tanh>>);
    STATIC_REQUIRE(tn::Regressor<13, 2>::output_size == 2);
}
