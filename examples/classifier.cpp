// create_classification_network(input_size=100, num_classes=2) and a one-class detector, as types.
#include <typenet/describe/lines.hpp>
#include <typenet/typenet.hpp>

#include "networks.hpp"

#include <fmt/format.h>

namespace tn = typenet;

using TwoClasses = networks::TwoClasses;  // Classifier<100, 2>: Dense<100,50>, ReLU, Dense<50,2>, Softmax
using Detector = networks::Detector;      // Classifier<16, 1, Hidden<8>>: ends in Sigmoid, one probability

static_assert(std::is_same_v<TwoClasses, tn::Sequential<tn::Dense<100, 50>, tn::ReLU, tn::Dense<50, 2>, tn::Softmax>>);

template <class Net>
void show(const char* title) {
    fmt::print("{}\n  architecture: {}\n  data flow:    {}\n  parameters: {}   MACs: {}\n", title,
               tn::architecture_line<Net>(), tn::data_flow_line<Net>(), Net::parameter_count, Net::mac_count);
}

int main() {
    TwoClasses classifier;
    tn::init(classifier, 7);
    tn::Vector<float, 100> features{};
    for (std::size_t i = 0; i < features.size(); ++i) features[i] = static_cast<float>(i) / 100.0f - 0.5f;
    const auto probabilities = classifier(features);

    show<TwoClasses>("Classifier<100, 2>");
    fmt::print("  class probabilities: [{:.4f}] (sum {:.6f})\n", fmt::join(probabilities, ", "),
               probabilities[0] + probabilities[1]);

    Detector detector;
    tn::init(detector, 7);
    show<Detector>("Classifier<16, 1, Hidden<8>>");
    fmt::print("  probability: {:.4f}\n\n", detector(tn::Vector<float, 16>{})[0]);
}
