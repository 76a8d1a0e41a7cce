#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Input<6, 8, 8>, tn::Conv2D<6, 8, 3, tn::Groups<4>>>;
#else
using Net = tn::Sequential<tn::Input<6, 8, 8>, tn::Conv2D<6, 8, 3, tn::Groups<2>>>;
#endif
static_assert(Net::output_size > 0);
