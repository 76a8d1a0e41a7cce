#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<>;
#else
using Net = tn::Sequential<tn::Input<3>>;
#endif
static_assert(Net::parameter_count == 0);
