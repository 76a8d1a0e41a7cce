#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Input<16, 5, 5>, tn::ReLU, tn::Flatten, tn::Dense<300, 120>>;
#else
using Net = tn::Sequential<tn::Input<16, 5, 5>, tn::ReLU, tn::Flatten, tn::Dense<400, 120>>;
#endif
static_assert(Net::output_size == 120);
