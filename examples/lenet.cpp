// LeNet-5 and a small VGG-style network as types: rank-3 shapes checked at compile time like the rest.
#include <typenet/describe/lines.hpp>
#include <typenet/typenet.hpp>

#include <fmt/format.h>

namespace tn = typenet;

using LeNet = tn::Sequential<tn::Input<1, 28, 28>,
                             tn::Conv2D<1, 6, 5, tn::Padding<2>>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Conv2D<6, 16, 5>, tn::ReLU, tn::MaxPool2D<2>,
                             tn::Flatten, tn::Dense<400, 120>, tn::ReLU, tn::Dense<120, 84>, tn::ReLU,
                             tn::Dense<84, 10>>;

using SmallVgg = tn::Sequential<tn::Input<3, 32, 32>,
                                tn::Conv2D<3, 16, 3, tn::Padding<1>>, tn::BatchNorm2D<16>, tn::ReLU,
                                tn::Conv2D<16, 16, 3, tn::Padding<1>>, tn::ReLU, tn::MaxPool2D<2>,
                                tn::Conv2D<16, 32, 3, tn::Padding<1>>, tn::BatchNorm2D<32>, tn::ReLU, tn::MaxPool2D<2>,
                                tn::Flatten, tn::Dropout, tn::Dense<2048, 64>, tn::ReLU, tn::Dense<64, 10>>;

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
