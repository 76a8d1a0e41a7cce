#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Input<1, 8, 8>, tn::Conv2D<1, 4, 3>, tn::ReLU, tn::Dense<144, 10>>;
#else
using Net = tn::Sequential<tn::Input<1, 8, 8>, tn::Conv2D<1, 4, 3>, tn::ReLU, tn::Flatten, tn::Dense<144, 10>>;
#endif
static_assert(Net::output_size == 10);
