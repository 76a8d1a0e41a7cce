// The networks of a user's project.
#pragma once

#include <typenet/typenet.hpp>

namespace models {
namespace tn = typenet;

using Tiny = tn::Sequential<tn::Dense<4, 8>, tn::ReLU, tn::Dense<8, 2>, tn::Softmax>;
using Stacked = tn::Sequential<Tiny, tn::Dense<2, 1>, tn::Sigmoid>;
}  // namespace models
