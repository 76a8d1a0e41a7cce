#include <typenet/typenet.hpp>
namespace tn = typenet;

using Encoder = tn::Sequential<tn::Dense<4, 8>, tn::ReLU>;
#ifndef TYPENET_TWIN
using Head = tn::Sequential<tn::Dense<9, 2>, tn::Tanh>;
#else
using Head = tn::Sequential<tn::Dense<8, 2>, tn::Tanh>;
#endif
using Net = tn::Sequential<Encoder, Head>;
static_assert(Net::output_size == 2);
