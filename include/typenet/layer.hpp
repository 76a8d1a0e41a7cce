#ifndef TYPENET_LAYER_HPP
#define TYPENET_LAYER_HPP

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <typenet/shape.hpp>

namespace typenet {

/// What every layer type provides. A layer placed after a tensor of shape `In`:
///
///  - `L::kind`                         family name used for colours and legends ("Dense", "ReLU")
///  - `L::name`                         the type as the user spells it ("Dense<784, 128>")
///  - `L::label`                        the short form of the architecture view ("Dense(784,128)")
///  - `L::parameter_count`              trainable scalars it holds
///  - `L::template accepts<In>`         whether it can take a sample of shape In
///  - `L::template output_shape_for<In>`    the shape it gives back
///  - `L::template mac_count_for<In>`       multiply-accumulates per sample
///  - `l.template forward<In, B>(in, out)`  constexpr, noexcept: B samples, flat row-major, in != out
///
/// Optional: `L::input_shape` when the layer fixes the shape it takes (Dense does, ReLU does not);
/// `L::scalar_type` with `L::template rebind_scalar<U>` (the same layer computing in U);
/// `L::template rejection<In, Consumer, Producer>`, a checker from include/typenet/detail/diagnostics.hpp that
/// explains in the layer's own terms why it does not accept In; `visit_parameters(f)` calling `f("weight", tensor)` for each tensor in PyTorch's
/// `state_dict` order; `reset_parameters(uniform)`.
template <class L>
concept layer = requires {
    { L::kind } -> std::convertible_to<std::string_view>;
    { L::name.view() } -> std::convertible_to<std::string_view>;
    { L::label.view() } -> std::convertible_to<std::string_view>;
    { L::parameter_count } -> std::convertible_to<std::size_t>;
};

/// A layer that decides the shape of its input, and so can start a network.
template <class L>
concept fixes_input_shape = layer<L> && shape<typename L::input_shape>;

/// A layer that holds parameters of a known scalar type.
template <class L>
concept has_scalar_type = layer<L> && requires { typename L::scalar_type; };

/// Positions in a network, outermost first: `Position<1, 0>` is layer 0 of the network at position 1.
template <std::size_t... I>
struct Position {};

namespace detail {

// The shape after L when it receives In. When L rejects In the chain goes on with the shape L would have
// produced from its own input, so that one mistake gives one error and not one per later layer.
template <class L, class In>
constexpr auto next_shape_of() {
    if constexpr (L::template accepts<In>) return static_cast<typename L::template output_shape_for<In>*>(nullptr);
    else if constexpr (fixes_input_shape<L>)
        return static_cast<typename L::template output_shape_for<typename L::input_shape>*>(nullptr);
    else return static_cast<In*>(nullptr);
}

template <class L, class In>
using next_shape = std::remove_pointer_t<decltype(next_shape_of<L, In>())>;

}  // namespace detail
}  // namespace typenet

#endif
