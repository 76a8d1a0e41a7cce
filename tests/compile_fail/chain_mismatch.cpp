#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Dense<784, 128>, tn::ReLU, tn::Dense<100, 10>>;
#else
using Net = tn::Sequential<tn::Dense<784, 128>, tn::ReLU, tn::Dense<128, 10>>;
#endif
static_assert(Net::output_size == 10);
