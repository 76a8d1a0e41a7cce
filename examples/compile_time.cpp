// A network evaluated by the compiler: constexpr parameters, a constexpr forward pass, and a static_assert
// on its output. Nothing of it runs at start-up.
#include <typenet/typenet.hpp>

#include <fmt/format.h>

namespace tn = typenet;

constexpr auto net = [] {
    tn::Sequential<tn::Dense<2, 1>, tn::Sigmoid> n;
    tn::get<0>(n).weight = {1, 0};  // y = sigmoid(x0)
    return n;
}();

constexpr bool near(float a, float b) { return (a > b ? a - b : b - a) < 1e-6f; }
static_assert(near(net(tn::Vector<float, 2>{1, 5})[0], 0.7310586f));

int main() {
    constexpr float y = net(tn::Vector<float, 2>{1, 5})[0];  // computed while compiling
    fmt::print("compile-time forward pass: sigmoid(1) = {:.7f}\n\n", y);
}
