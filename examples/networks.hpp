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

}  // namespace networks

#endif
