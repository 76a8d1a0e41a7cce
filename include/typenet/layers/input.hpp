#ifndef TYPENET_LAYERS_INPUT_HPP
#define TYPENET_LAYERS_INPUT_HPP

#include <cstddef>
#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/shape.hpp>

namespace typenet {

/// Names the shape a network takes, for networks whose first layer works on any shape:
/// `Sequential<Input<4>, ReLU>`. It computes nothing and holds nothing.
template <std::size_t... Dims>
struct Input : detail::elementwise_activation<Input<Dims...>> {
    using input_shape = Shape<Dims...>;

    static constexpr std::string_view kind = "Input";
    static constexpr auto name = "Input<" + Shape<Dims...>::name() + ">";
    static constexpr auto label = "Input(" + Shape<Dims...>::name() + ")";
    // PyTorch has no such module, so it takes no index in parameter names: in
    // Sequential<Input<1, 28, 28>, Conv2D<1, 6, 5>> the convolution's weight is "0.weight", as in PyTorch.
    static constexpr bool in_state_dict = false;

    template <class S>
    static constexpr bool accepts = S::size == input_shape::size;
    template <class S>
    using output_shape_for = input_shape;

    template <class T>
    static constexpr T apply(T x) noexcept { return x; }
};

}  // namespace typenet

#endif
