// LeNet-5 and a small VGG-style network as types: rank-3 shapes checked at compile time like the rest.
#include <typenet/describe/lines.hpp>
#include <typenet/typenet.hpp>

#include "networks.hpp"

#include <fmt/format.h>

namespace tn = typenet;

using LeNet = networks::LeNet;  // Input<1, 28, 28>, Conv2D<1, 6, 5, Padding<2>>, ReLU, MaxPool2D<2>, ...
using SmallVgg = networks::SmallVgg;  // Input<3, 32, 32>, Conv2D<3, 16, 3, Padding<1>>, BatchNorm2D<16>, ...

static_assert(LeNet::parameter_count == 61706);
static_assert(std::is_same_v<LeNet::layer_output_shape<6>, tn::Shape<16, 5, 5>>);

template <class Net>
void show(const char* title, const Net& net) {
    static tn::Vector<float, Net::input_size> image{};
    for (std::size_t i = 0; i < image.size(); ++i) image[i] = static_cast<float>(i % 29) / 28.0f;
    fmt::print("{}\n  architecture: {}\n  data flow:    {}\n  parameters: {}   MACs: {}   largest activation: {} values\n"
               "  scores: [{:.3f}]\n",
               title, tn::architecture_line<Net>(), tn::data_flow_line<Net>(), Net::parameter_count, Net::mac_count,
               Net::largest_activation_size, fmt::join(net(image), ", "));
}

int main() {
    static LeNet lenet;
    tn::init(lenet, 5);
    show("LeNet-5", lenet);

    static SmallVgg vgg;
    tn::init(vgg, 5);
    show("VGG-style", vgg);

    // For inference, each BatchNorm2D after a convolution folds into it: one layer and one pass less.
    static tn::folded_batch_norm<SmallVgg> folded;
    folded = tn::fold_batch_norm(vgg);
    fmt::print("  folded batch norm: depth {} -> {}\n\n", SmallVgg::depth, decltype(folded)::depth);
}
