#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Dense<0, 4>, tn::ReLU>;
#else
using Net = tn::Sequential<tn::Dense<1, 4>, tn::ReLU>;
#endif
static_assert(Net::output_size == 4);
