// create_regression_network(input_size=13, output_size=1): 13 features (the Boston housing set's) to one value.
#include <typenet/describe/lines.hpp>
#include <typenet/typenet.hpp>

#include "networks.hpp"

#include <fmt/format.h>

namespace tn = typenet;

using Reference = networks::Regressor;    // Regressor<13, 1, Hidden<8, 4>, Tanh>: the reference module's
using Linear = networks::LinearRegressor;  // Regressor<13>, the defaults: Hidden<6>, linear output
using Precise = tn::with_scalar<Linear, double>;

static_assert(std::is_same_v<Linear, tn::Sequential<tn::Dense<13, 6>, tn::ReLU, tn::Dense<6, 1>>>);

template <class Net>
void show(const char* title, const Net& net) {
    typename Net::template layer_type<0>::scalar_type one = 1;
    tn::Vector<typename Net::scalar_type, 13> x{};
    for (auto& v : x) v = one / 2;
    fmt::print("{}\n  architecture: {}\n  data flow:    {}\n  parameters: {}   MACs: {}   bytes: {}\n  f(0.5, ...) = {:.6f}\n",
               title, tn::architecture_line<Net>(), tn::data_flow_line<Net>(), Net::parameter_count, Net::mac_count,
               Net::parameter_bytes, net(x)[0]);
}

int main() {
    Reference reference;
    Linear linear;
    Precise precise;
    tn::init(reference, 1);
    tn::init(linear, 1);
    tn::init(precise, 1);
    show("Regressor<13, 1, Hidden<8, 4>, Tanh>", reference);
    show("Regressor<13>", linear);
    show("with_scalar<Regressor<13>, double>", precise);
    fmt::print("\n");
}
