#ifndef TYPENET_PARAMETERS_HPP
#define TYPENET_PARAMETERS_HPP

#include <string_view>

namespace typenet {

/// Calls f(name, tensor) for every parameter tensor of a network or layer, in the order and with the names of
/// PyTorch's state_dict for the same nn.Sequential ("0.weight", "0.bias", "2.weight", nested "1.0.weight").
/// The tensor is a Matrix or Vector, const when the network is.
template <class Layer, class F>
constexpr void for_each_parameter(Layer& layer, F&& f) {
    if constexpr (requires { layer.visit_parameters(f); }) layer.visit_parameters(f);
}

}  // namespace typenet

#endif
