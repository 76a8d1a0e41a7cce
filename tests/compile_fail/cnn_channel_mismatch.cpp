#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Input<3, 32, 32>, tn::Conv2D<3, 16, 3>, tn::ReLU, tn::Conv2D<8, 16, 3>>;
#else
using Net = tn::Sequential<tn::Input<3, 32, 32>, tn::Conv2D<3, 16, 3>, tn::ReLU, tn::Conv2D<16, 16, 3>>;
#endif
static_assert(Net::output_size > 0);
