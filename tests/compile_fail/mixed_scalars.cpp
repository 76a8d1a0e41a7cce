#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Dense<4, 3>, tn::ReLU, tn::Dense<3, 2, double>>;
#else
using Net = tn::Sequential<tn::Dense<4, 3, double>, tn::ReLU, tn::Dense<3, 2, double>>;
#endif
static_assert(Net::output_size == 2);
