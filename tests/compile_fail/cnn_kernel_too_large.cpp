#include <typenet/typenet.hpp>
namespace tn = typenet;

#ifndef TYPENET_TWIN
using Net = tn::Sequential<tn::Input<1, 12, 12>, tn::MaxPool2D<2>, tn::MaxPool2D<2>, tn::Conv2D<1, 4, 5>>;
#else
using Net = tn::Sequential<tn::Input<1, 12, 12>, tn::MaxPool2D<2>, tn::MaxPool2D<2>, tn::Conv2D<1, 4, 5, tn::Padding<1>>>;
#endif
static_assert(Net::output_size > 0);
