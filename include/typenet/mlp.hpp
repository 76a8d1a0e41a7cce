#ifndef TYPENET_MLP_HPP
#define TYPENET_MLP_HPP

#include <cstddef>
#include <type_traits>

#include <typenet/detail/type_list.hpp>
#include <typenet/layers/dense.hpp>
#include <typenet/layers/identity.hpp>
#include <typenet/layers/relu.hpp>
#include <typenet/layers/sigmoid.hpp>
#include <typenet/layers/softmax.hpp>
#include <typenet/sequential.hpp>

namespace typenet {

/// The widths of the hidden layers of a builder: `Hidden<128, 64>`; `Hidden<>` for none.
template <std::size_t... Widths>
struct Hidden {};

namespace detail {

template <class List, class... More>
struct append;
template <class... Ts, class... More>
struct append<type_list<Ts...>, More...> {
    using type = type_list<Ts..., More...>;
};

template <class List>
struct to_sequential;
template <class... Ls>
struct to_sequential<type_list<Ls...>> {
    using type = Sequential<Ls...>;
};

// Dense<In, H1>, Act, Dense<H1, H2>, Act, ..., Dense<Hk, Out>, OutAct. An Identity output adds no layer.
template <class Done, std::size_t In, class Hidden, std::size_t Out, class Act, class OutAct>
struct mlp_layers;
template <class Done, std::size_t In, std::size_t H, std::size_t... Hs, std::size_t Out, class Act, class OutAct>
struct mlp_layers<Done, In, Hidden<H, Hs...>, Out, Act, OutAct>
    : mlp_layers<typename append<Done, Dense<In, H>, Act>::type, H, Hidden<Hs...>, Out, Act, OutAct> {};
template <class Done, std::size_t In, std::size_t Out, class Act, class OutAct>
struct mlp_layers<Done, In, Hidden<>, Out, Act, OutAct> {
    using type = std::conditional_t<std::is_same_v<OutAct, Identity>, typename append<Done, Dense<In, Out>>::type,
                                    typename append<Done, Dense<In, Out>, OutAct>::type>;
};

template <class H>
inline constexpr bool is_hidden = false;
template <std::size_t... W>
inline constexpr bool is_hidden<Hidden<W...>> = true;

}  // namespace detail

/// A multi-layer perceptron, as the reference module's create_mlp: Dense layers of the given widths with
/// `Activation` between them and `OutputActivation` at the end. It is exactly the Sequential written out:
/// `Mlp<784, Hidden<128, 64>, 10>` is `Sequential<Dense<784, 128>, ReLU, Dense<128, 64>, ReLU, Dense<64, 10>, Sigmoid>`.
template <std::size_t In, class HiddenWidths, std::size_t Out, class Activation = ReLU, class OutputActivation = Sigmoid>
    requires detail::is_hidden<HiddenWidths>
using Mlp = typename detail::to_sequential<
    typename detail::mlp_layers<detail::type_list<>, In, HiddenWidths, Out, Activation, OutputActivation>::type>::type;

/// A classifier, as create_classification_network: ReLU inside; Sigmoid for one class (a probability),
/// Softmax over several.
template <std::size_t In, std::size_t Classes, class HiddenWidths = Hidden<In / 2>>
using Classifier = Mlp<In, HiddenWidths, Classes, ReLU, std::conditional_t<Classes == 1, Sigmoid, Softmax>>;

/// A regressor, as create_regression_network: ReLU inside and a linear output unless told otherwise;
/// `Regressor<13, 1, Hidden<8, 4>, Tanh>` is the reference module's regression network.
template <std::size_t In, std::size_t Out = 1, class HiddenWidths = Hidden<In / 2>, class OutputActivation = Identity>
using Regressor = Mlp<In, HiddenWidths, Out, ReLU, OutputActivation>;

}  // namespace typenet

#endif
