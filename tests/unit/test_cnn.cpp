#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "reference.hpp"

namespace tn = typenet;

namespace {
using LeNet = tn::Sequential<tn::Input<1, 28, 28>,
                             tn::Conv2D<1, 6, 5, tn::Padding<2>>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Conv2D<6, 16, 5>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Flatten, tn::Dense<400, 120>, tn::ReLU, tn::Dense<120, 84>, tn::ReLU,
                             tn::Dense<84, 10>>;

using Vgg = tn::Sequential<tn::Input<3, 32, 32>,
                           tn::Conv2D<3, 16, 3, tn::Padding<1>>, tn::BatchNorm2D<16>, tn::ReLU,
                           tn::Conv2D<16, 16, 3, tn::Padding<1>>, tn::ReLU, tn::MaxPool2D<2>,
                           tn::Conv2D<16, 32, 3, tn::Padding<1>>, tn::BatchNorm2D<32>, tn::ReLU, tn::MaxPool2D<2>,
                           tn::Flatten, tn::Dropout, tn::Dense<2048, 64>, tn::ReLU, tn::Dense<64, 10>>;

// Fills a tensor with a fixed, irregular pattern and returns the same values as long double.
template <class Tensor>
std::vector<long double> fill(Tensor& t, unsigned seed) {
    std::vector<long double> values;
    for (auto& v : t) {
        seed = seed * 1103515245u + 12345u;
        v = static_cast<typename Tensor::value_type>(static_cast<int>((seed >> 16) % 2001) - 1000) / 1000;
        values.push_back(v);
    }
    return values;
}

template <class Conv, std::size_t C, std::size_t H, std::size_t W>
void check_conv(std::size_t in_c, std::size_t out_c, std::size_t k) {
    tn::Sequential<tn::Input<C, H, W>, Conv> net;
    auto& conv = tn::get<1>(net);
    const auto w = fill(conv.weight, 1);
    const auto b = fill(conv.bias, 2);
    tn::Vector<float, C * H * W> x{};
    const auto xs = fill(x, 3);
    const auto y = net(x);
    const auto expected = reference::conv2d(xs, in_c, H, W, w, b, out_c, k, Conv::stride, Conv::padding, Conv::dilation,
                                            Conv::groups);
    REQUIRE(expected.size() == y.size());
    for (std::size_t i = 0; i < y.size(); ++i) {
        INFO(Conv::name.view() << " output " << i);
        REQUIRE(y[i] == Approx(static_cast<double>(expected[i])).margin(1e-5));
    }
}
}  // namespace

TEST_CASE("LeNet-5 is a type with exact counts and shapes", "[cnn]") {
    STATIC_REQUIRE(LeNet::input_size == 784);
    STATIC_REQUIRE(LeNet::output_size == 10);
    STATIC_REQUIRE(LeNet::parameter_count == 61706);  // torchinfo's total for the same model
    STATIC_REQUIRE(LeNet::mac_count == 6 * 28 * 28 * 25 + 16 * 10 * 10 * 150 + 400 * 120 + 120 * 84 + 84 * 10);
    STATIC_REQUIRE(std::is_same_v<LeNet::layer_output_shape<1>, tn::Shape<6, 28, 28>>);
    STATIC_REQUIRE(std::is_same_v<LeNet::layer_output_shape<3>, tn::Shape<6, 14, 14>>);
    STATIC_REQUIRE(std::is_same_v<LeNet::layer_output_shape<4>, tn::Shape<16, 10, 10>>);
    STATIC_REQUIRE(std::is_same_v<LeNet::layer_output_shape<6>, tn::Shape<16, 5, 5>>);
    STATIC_REQUIRE(std::is_same_v<LeNet::layer_output_shape<7>, tn::Shape<400>>);
    STATIC_REQUIRE(LeNet::largest_activation_size == 6 * 28 * 28);
    STATIC_REQUIRE(tn::Conv2D<1, 6, 5, tn::Padding<2>>::name.view() == "Conv2D<1, 6, 5, Padding<2>>");
}

TEST_CASE("a VGG-style network with batch norm and dropout is a type with exact counts", "[cnn]") {
    STATIC_REQUIRE(Vgg::parameter_count == (3 * 16 * 9 + 16) + 32 + (16 * 16 * 9 + 16) + (16 * 32 * 9 + 32) + 64 +
                                               (2048 * 64 + 64) + (64 * 10 + 10));
    STATIC_REQUIRE(std::is_same_v<Vgg::layer_output_shape<10>, tn::Shape<32, 8, 8>>);
    STATIC_REQUIRE(Vgg::depth == 16);
    std::vector<std::string> names;
    static Vgg net;
    tn::for_each_parameter(net, [&](std::string_view n, auto&) { names.emplace_back(n); });
    // PyTorch's names for the same nn.Sequential, which has no Input module: positions count from the Conv2D.
    REQUIRE(names == std::vector<std::string>{"0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                                              "1.running_var", "3.weight", "3.bias", "6.weight", "6.bias", "7.weight",
                                              "7.bias", "7.running_mean", "7.running_var", "12.weight", "12.bias",
                                              "14.weight", "14.bias"});
}

TEST_CASE("Conv2D agrees with the definition for every option", "[cnn][conv2d]") {
    check_conv<tn::Conv2D<2, 3, 3>, 2, 6, 5>(2, 3, 3);
    check_conv<tn::Conv2D<2, 3, 3, tn::Padding<1>>, 2, 6, 5>(2, 3, 3);
    check_conv<tn::Conv2D<2, 4, 3, tn::Stride<2>, tn::Padding<1>>, 2, 7, 8>(2, 4, 3);
    check_conv<tn::Conv2D<1, 2, 3, tn::Dilation<2>, tn::Padding<2>>, 1, 7, 7>(1, 2, 3);
    check_conv<tn::Conv2D<4, 6, 3, tn::Groups<2>>, 4, 5, 5>(4, 6, 3);
    check_conv<tn::Conv2D<3, 3, 3, tn::Groups<3>, tn::Padding<1>, tn::Stride<2>>, 3, 6, 6>(3, 3, 3);  // depthwise
    check_conv<tn::Conv2D<1, 1, 5, tn::Padding<2>, tn::Stride<3>>, 1, 4, 9>(1, 1, 5);
    check_conv<tn::Conv2D<2, 2, 1>, 2, 3, 3>(2, 2, 1);
    // Enough taps and channels for the matrix-product path, with whole and partial tiles of pixels.
    check_conv<tn::Conv2D<4, 8, 3, tn::Stride<2>, tn::Padding<1>>, 4, 9, 7>(4, 8, 3);
    check_conv<tn::Conv2D<8, 8, 3, tn::Dilation<2>, tn::Padding<2>>, 8, 7, 7>(8, 8, 3);
    check_conv<tn::Conv2D<6, 16, 5>, 6, 14, 14>(6, 16, 5);
}

TEST_CASE("Conv2D counts and shapes", "[cnn][conv2d]") {
    using C = tn::Conv2D<4, 6, 3, tn::Groups<2>, tn::Stride<2>, tn::Padding<1>>;
    STATIC_REQUIRE(C::parameter_count == 6 * 2 * 9 + 6);
    STATIC_REQUIRE(std::is_same_v<C::output_shape_for<tn::Shape<4, 7, 8>>, tn::Shape<6, 4, 4>>);
    STATIC_REQUIRE(C::mac_count_for<tn::Shape<4, 7, 8>> == 6 * 4 * 4 * 2 * 9);
    STATIC_REQUIRE(C::accepts<tn::Shape<4, 1, 1>>);
    STATIC_REQUIRE_FALSE(C::accepts<tn::Shape<3, 7, 8>>);
    STATIC_REQUIRE_FALSE(tn::Conv2D<1, 1, 5>::accepts<tn::Shape<1, 4, 9>>);
    STATIC_REQUIRE(std::is_same_v<tn::with_scalar<C, double>::scalar_type, double>);
}

TEST_CASE("pooling, computed by hand", "[cnn][pooling]") {
    // one channel, 4 x 4: 0 .. 15 row by row
    tn::Vector<float, 16> x{};
    for (std::size_t i = 0; i < 16; ++i) x[i] = static_cast<float>(i);
    const auto max = tn::Sequential<tn::Input<1, 4, 4>, tn::MaxPool2D<2>>{}(x);
    REQUIRE((max == tn::Vector<float, 4>{5, 7, 13, 15}));
    const auto avg = tn::Sequential<tn::Input<1, 4, 4>, tn::AvgPool2D<2>>{}(x);
    REQUIRE((avg == tn::Vector<float, 4>{2.5f, 4.5f, 10.5f, 12.5f}));
    // 3 x 3 windows, stride 2, padding 1: max pads with -Inf, average counts the padded zeros (PyTorch's defaults)
    const auto max_padded = tn::Sequential<tn::Input<1, 4, 4>, tn::MaxPool2D<3, tn::Stride<2>, tn::Padding<1>>>{}(x);
    REQUIRE((max_padded == tn::Vector<float, 4>{5, 7, 13, 15}));
    const auto avg_padded = tn::Sequential<tn::Input<1, 4, 4>, tn::AvgPool2D<3, tn::Stride<2>, tn::Padding<1>>>{}(x);
    REQUIRE(avg_padded[0] == Approx((0 + 1 + 4 + 5) / 9.0));
    REQUIRE(avg_padded[3] == Approx((5 + 6 + 7 + 9 + 10 + 11 + 13 + 14 + 15) / 9.0));  // rows and columns 1..3
    const auto negative = tn::Sequential<tn::Input<1, 2, 2>, tn::MaxPool2D<2, tn::Padding<1>>>{}(
        tn::Vector<float, 4>{-4, -3, -2, -1});
    REQUIRE((negative == tn::Vector<float, 4>{-4, -3, -2, -1}));  // -Inf padding never wins
}

TEST_CASE("max pooling propagates NaN, as PyTorch does", "[cnn][pooling][nan]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const auto y = tn::Sequential<tn::Input<1, 2, 4>, tn::MaxPool2D<2>>{}(tn::Vector<float, 8>{1, nan, 3, 4, 5, 6, 7, 8});
    REQUIRE(std::isnan(y[0]));
    REQUIRE(y[1] == 8);
}

TEST_CASE("Flatten keeps the data and changes the shape; Dropout is the identity", "[cnn]") {
    using N = tn::Sequential<tn::Input<2, 2, 2>, tn::Flatten, tn::Dropout>;
    STATIC_REQUIRE(std::is_same_v<N::output_shape, tn::Shape<8>>);
    const tn::Vector<float, 8> x{1, 2, 3, 4, 5, 6, 7, 8};
    REQUIRE(N{}(x) == x);
}

TEST_CASE("BatchNorm2D normalises each channel with its running statistics", "[cnn][batch_norm]") {
    tn::Sequential<tn::Input<2, 1, 2>, tn::BatchNorm2D<2>> net;
    auto& bn = tn::get<1>(net);
    bn.weight = {2, 1};
    bn.bias = {0.5f, -1};
    bn.running_mean = {1, 0};
    bn.running_var = {4, 0.25f};
    const auto y = net(tn::Vector<float, 4>{3, 1, 0.5f, -0.5f});
    const double s0 = 2 / std::sqrt(4 + 1e-5), s1 = 1 / std::sqrt(0.25 + 1e-5);
    REQUIRE(y[0] == Approx((3 - 1) * s0 + 0.5));
    REQUIRE(y[1] == Approx((1 - 1) * s0 + 0.5));
    REQUIRE(y[2] == Approx(0.5 * s1 - 1).margin(1e-6));
    REQUIRE(y[3] == Approx(-0.5 * s1 - 1));
    STATIC_REQUIRE(tn::BatchNorm2D<2>::parameter_count == 4);

    tn::init(net, 1);  // PyTorch's fresh BatchNorm: the identity up to eps
    const auto identity = net(tn::Vector<float, 4>{3, 1, 0.5f, -0.5f});
    REQUIRE(identity[0] == Approx(3).epsilon(1e-5));
}

TEST_CASE("a batch of images gives each image what it gives alone", "[cnn]") {
    static LeNet net;
    tn::init(net, 4);
    static tn::Matrix<float, 3, 784> batch{};
    fill(batch, 9);
    const auto out = net(batch);
    for (std::size_t r = 0; r < 3; ++r) {
        tn::Vector<float, 784> x{};
        for (std::size_t c = 0; c < 784; ++c) x[c] = batch(r, c);
        const auto y = net(x);
        for (std::size_t c = 0; c < 10; ++c) REQUIRE(out(r, c) == Approx(y[c]).margin(1e-6));
    }
}

namespace {
constexpr auto tiny_cnn = [] {
    tn::Sequential<tn::Input<1, 3, 3>, tn::Conv2D<1, 1, 2>, tn::ReLU, tn::MaxPool2D<2>, tn::Flatten> net;
    tn::get<1>(net).weight = {1, 0, 0, 1};  // the sum of a pixel and its lower-right neighbour
    tn::get<1>(net).bias = {-1};
    return net;
}();
}  // namespace

TEST_CASE("a convolutional network evaluates in a constant expression", "[cnn][constexpr]") {
    constexpr auto y = tiny_cnn(tn::Vector<float, 9>{1, 2, 3, 4, 5, 6, 7, 8, 9});
    // sums: 1+5, 2+6, 4+8, 5+9 = 6, 8, 12, 14; minus 1; max = 13
    STATIC_REQUIRE(y[0] == 13.0f);
}

TEST_CASE("folding batch norm into the convolution before it keeps the function", "[cnn][batch_norm]") {
    using Folded = tn::folded_batch_norm<Vgg>;
    STATIC_REQUIRE(std::is_same_v<Folded, tn::Sequential<tn::Input<3, 32, 32>, tn::Conv2D<3, 16, 3, tn::Padding<1>>,
                                                         tn::ReLU, tn::Conv2D<16, 16, 3, tn::Padding<1>>, tn::ReLU,
                                                         tn::MaxPool2D<2>, tn::Conv2D<16, 32, 3, tn::Padding<1>>,
                                                         tn::ReLU, tn::MaxPool2D<2>, tn::Flatten, tn::Dropout,
                                                         tn::Dense<2048, 64>, tn::ReLU, tn::Dense<64, 10>>>);
    static Vgg net;
    tn::init(net, 21);
    fill(tn::get<2>(net).running_mean, 5);
    fill(tn::get<2>(net).weight, 6);
    for (auto& v : tn::get<8>(net).running_var) v = 0.5f;
    fill(tn::get<8>(net).bias, 7);
    static Folded folded;
    folded = tn::fold_batch_norm(net);
    static tn::Vector<float, 3 * 32 * 32> x{};
    fill(x, 8);
    const auto expected = net(x);
    const auto y = folded(x);
    for (std::size_t i = 0; i < 10; ++i) REQUIRE(y[i] == Approx(expected[i]).margin(1e-5));

    // A BatchNorm2D that does not follow a convolution stays.
    using Kept = tn::Sequential<tn::Input<2, 3, 3>, tn::BatchNorm2D<2>, tn::Conv2D<2, 2, 1>, tn::ReLU, tn::BatchNorm2D<2>>;
    STATIC_REQUIRE(std::is_same_v<tn::folded_batch_norm<Kept>, Kept>);
}
