#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::ReLU, tn::Dense<4, 2>>;
#else
using Net = tn::Sequential<tn::Input<4>, tn::ReLU, tn::Dense<4, 2>>;
#endif
static_assert(Net::output_size == 2);
