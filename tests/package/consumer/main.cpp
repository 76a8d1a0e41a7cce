#include <typenet/io.hpp>
#include <typenet/typenet.hpp>

#include <cstdio>

namespace tn = typenet;
using Net = tn::Mlp<4, tn::Hidden<8>, 2>;

int main() {
    Net net;
    tn::init(net, 1);
    const auto bytes = tn::to_safetensors(net);  // typenet::io, through the same package
    Net copy;
    tn::load(copy, std::span<const std::byte>(bytes));
    const auto y = copy(tn::Vector<float, 4>{1, 2, 3, 4});
    std::printf("%zu parameters, y = %f %f\n", Net::parameter_count, static_cast<double>(y[0]), static_cast<double>(y[1]));
    return Net::parameter_count == 58 && y[0] > 0 && y[0] < 1 ? 0 : 1;
}
