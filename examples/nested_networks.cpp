// A Sequential is a layer: an encoder and a head composed into one network, as nn.Sequential nests.
#include <typenet/describe/lines.hpp>
#include <typenet/typenet.hpp>

#include "networks.hpp"

#include <fmt/format.h>

namespace tn = typenet;

using Encoder = networks::Encoder;  // Sequential<Dense<32, 16>, GELU, Dense<16, 8>, SiLU>
using Head = networks::Head;        // Sequential<Dense<8, 4>, LeakyReLU, Dense<4, 3>, Softmax>
using Net = networks::EncoderHead;  // Sequential<Encoder, Head>

static_assert(Net::depth == 8 && Net::layer_count == 2);
static_assert(Net::parameter_count == Encoder::parameter_count + Head::parameter_count);

int main() {
    Net net;
    tn::init(net, 3);
    tn::get<1>(net).layer<0>().bias[0] = 0.5f;  // reach any parameter by position

    tn::Vector<float, 32> x{};
    x[0] = 1;
    fmt::print("Sequential<Encoder, Head>\n  architecture: {}\n  data flow:    {}\n  parameters: {}   MACs: {}\n",
               tn::architecture_line<Net>(), tn::data_flow_line<Net>(), Net::parameter_count, Net::mac_count);
    fmt::print("  output: [{:.4f}]\n", fmt::join(net(x), ", "));

    // Sizes known only at run time go through spans and are checked.
    std::vector<float> wrong(31), out(3);
    try {
        net.forward(wrong, out);
    } catch (const tn::shape_error& e) {
        fmt::print("  run-time check: {}\n\n", e.what());
    }
}
