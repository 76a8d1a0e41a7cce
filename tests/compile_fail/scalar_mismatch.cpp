#include <typenet/typenet.hpp>
namespace tn = typenet;

using Net = tn::Sequential<tn::Dense<4, 2>, tn::ReLU>;
#ifndef TYPENET_TWIN
tn::Vector<double, 2> run(const Net& net, const tn::Vector<double, 4>& x) { return net(x); }
#else
tn::Vector<double, 2> run(const tn::with_scalar<Net, double>& net, const tn::Vector<double, 4>& x) { return net(x); }
#endif
