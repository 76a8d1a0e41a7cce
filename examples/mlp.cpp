// The reference module's MLP for 28x28 images: 784 -> 128 -> 64 -> 10, ReLU inside, Sigmoid at the end.
#include <typenet/describe/lines.hpp>
#include <typenet/typenet.hpp>

#include "networks.hpp"

#include <fmt/format.h>

namespace tn = typenet;

using Net = networks::Mlp;  // Sequential<Dense<784, 128>, ReLU, Dense<128, 64>, ReLU, Dense<64, 10>, Sigmoid>

// Everything below is known to the compiler: a wrong size is a compile error, not a run-time surprise.
static_assert(Net::input_size == 784 && Net::output_size == 10);
static_assert(Net::parameter_count == 109386);
static_assert(Net::mac_count == 109184);
static_assert(Net::depth == 6);
static_assert(std::is_same_v<Net, tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::ReLU, tn::Sigmoid>>);

int main() {
    static Net net;  // 437 KB of parameters: static storage rather than the stack
    tn::init(net, 42);

    tn::Vector<float, 784> image{};
    for (std::size_t i = 0; i < image.size(); ++i) image[i] = static_cast<float>(i % 28) / 27.0f;
    const tn::Vector<float, 10> scores = net(image);

    tn::Matrix<float, 32, 784> batch{};
    const tn::Matrix<float, 32, 10> batch_scores = net(batch);

    fmt::print("MLP (reference module)\n");
    fmt::print("  architecture: {}\n", tn::architecture_line<Net>());
    fmt::print("  data flow:    {}\n", tn::data_flow_line<Net>());
    fmt::print("  parameters: {}   MACs: {}   parameter bytes: {}   depth: {}\n", Net::parameter_count,
               Net::mac_count, Net::parameter_bytes, Net::depth);
    fmt::print("  scores: [{:.4f}]\n", fmt::join(scores, ", "));
    fmt::print("  a zero image in a batch of 32 scores {:.4f} for class 0\n\n", batch_scores(0, 0));
}
