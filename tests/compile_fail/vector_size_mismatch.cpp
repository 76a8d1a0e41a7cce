#include <typenet/typenet.hpp>
namespace tn = typenet;

using Net = tn::Mlp<784, tn::Hidden<128>, 10>;
#ifndef TYPENET_TWIN
tn::Vector<float, 10> classify(const Net& net, const tn::Vector<float, 100>& x) { return net(x); }
#else
tn::Vector<float, 10> classify(const Net& net, const tn::Vector<float, 784>& x) { return net(x); }
#endif
