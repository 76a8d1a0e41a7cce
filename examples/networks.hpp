// The example networks, declared once: the examples use them, and the build draws each one
// (typenet_generate in examples/CMakeLists.txt; see docs/codegen.md).
#ifndef TYPENET_EXAMPLES_NETWORKS_HPP
#define TYPENET_EXAMPLES_NETWORKS_HPP

#include <typenet/typenet.hpp>

namespace networks {

namespace tn = typenet;

/// The reference module's MLP for 28x28 images: 784 -> 128 -> 64 -> 10, ReLU inside, Sigmoid at the end.
using Mlp = tn::Sequential<tn::Dense<784, 128>, tn::ReLU,
                           tn::Dense<128, 64>,  tn::ReLU,
                           tn::Dense<64, 10>,   tn::Sigmoid>;

/// create_classification_network(input_size=100, num_classes=2): Dense<100,50>, ReLU, Dense<50,2>, Softmax.
using TwoClasses = tn::Classifier<100, 2>;
/// One class: ends in Sigmoid, one probability.
using Detector = tn::Classifier<16, 1, tn::Hidden<8>>;

/// The reference module's regressor: 13 features (the Boston housing set's) to one value, Tanh at the end.
using Regressor = tn::Regressor<13, 1, tn::Hidden<8, 4>, tn::Tanh>;
/// The defaults: Hidden<6>, linear output.
using LinearRegressor = tn::Regressor<13>;

/// An encoder and a head composed into one network, as nn.Sequential nests.
using Encoder = tn::Sequential<tn::Dense<32, 16>, tn::GELU, tn::Dense<16, 8>, tn::SiLU>;
using Head = tn::Sequential<tn::Dense<8, 4>, tn::LeakyReLU, tn::Dense<4, 3>, tn::Softmax>;
using EncoderHead = tn::Sequential<Encoder, Head>;

/// LeNet-5 (examples/lenet.cpp): rank-3 shapes from 1x28x28 down to ten scores.
using LeNet = tn::Sequential<tn::Input<1, 28, 28>,
                             tn::Conv2D<1, 6, 5, tn::Padding<2>>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Conv2D<6, 16, 5>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Flatten, tn::Dense<400, 120>, tn::ReLU, tn::Dense<120, 84>, tn::ReLU,
                             tn::Dense<84, 10>>;

/// A small VGG-style network (examples/lenet.cpp) with batch normalisation and dropout.
using SmallVgg = tn::Sequential<tn::Input<3, 32, 32>,
                                tn::Conv2D<3, 16, 3, tn::Padding<1>>, tn::BatchNorm2D<16>, tn::ReLU,
                                tn::Conv2D<16, 16, 3, tn::Padding<1>>, tn::ReLU, tn::MaxPool2D<2>,
                                tn::Conv2D<16, 32, 3, tn::Padding<1>>, tn::BatchNorm2D<32>, tn::ReLU, tn::MaxPool2D<2>,
                                tn::Flatten, tn::Dropout, tn::Dense<2048, 64>, tn::ReLU, tn::Dense<64, 10>>;

}  // namespace networks

#endif
