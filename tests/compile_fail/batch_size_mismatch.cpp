#include <typenet/typenet.hpp>
namespace tn = typenet;

using Net = tn::Mlp<784, tn::Hidden<128>, 10>;
#ifndef TYPENET_TWIN
tn::Matrix<float, 32, 10> classify(const Net& net, const tn::Matrix<float, 32, 100>& x) { return net(x); }
#else
tn::Matrix<float, 32, 10> classify(const Net& net, const tn::Matrix<float, 32, 784>& x) { return net(x); }
#endif
