#ifndef TYPENET_LAYERS_OPTIONS_HPP
#define TYPENET_LAYERS_OPTIONS_HPP

#include <cstddef>
#include <type_traits>

#include <typenet/detail/fixed_string.hpp>

// Named options of the convolution and pooling layers: `Conv2D<6, 16, 5, Stride<2>, Padding<1>>`. Names rather
// than positions, so that a reader sees what each number means and options can come in any order.
namespace typenet {

namespace detail {
struct padding_tag {};
struct stride_tag {};
struct dilation_tag {};
struct groups_tag {};
struct scalar_tag {};

template <class Opt, class Tag>
concept option_of = requires { typename Opt::option_tag; } && std::is_same_v<typename Opt::option_tag, Tag>;

template <class Tag, class Opt>
constexpr std::size_t value_if_option(std::size_t current) {
    if constexpr (option_of<Opt, Tag>) return Opt::value;
    else return current;
}

// The value of the last option with this tag, or Default.
template <class Tag, std::size_t Default, class... Opts>
constexpr std::size_t option_value() {
    std::size_t v = Default;
    ((v = value_if_option<Tag, Opts>(v)), ...);
    return v;
}

template <class Default, class... Opts>
struct scalar_option {
    using type = Default;
};
template <class Default, class Opt, class... Rest>
struct scalar_option<Default, Opt, Rest...> {
    using type = typename std::conditional_t<option_of<Opt, scalar_tag>, Opt, scalar_option<Default, Rest...>>::type;
};

template <class... Opts>
constexpr auto option_names() {
    return (fixed_string<0>{} + ... + (", " + Opts::name));
}

template <class Opt>
concept layer_option = requires { typename Opt::option_tag; };
}  // namespace detail

/// Zero padding on every side (PyTorch's `padding=P`); for MaxPool2D the padding is -Inf, as in PyTorch.
template <std::size_t P>
struct Padding {
    using option_tag = detail::padding_tag;
    static constexpr std::size_t value = P;
    static constexpr auto name = "Padding<" + detail::to_fixed_string<P>() + ">";
};

/// Step between windows (PyTorch's `stride=S`).
template <std::size_t S>
struct Stride {
    using option_tag = detail::stride_tag;
    static constexpr std::size_t value = S;
    static constexpr auto name = "Stride<" + detail::to_fixed_string<S>() + ">";
};

/// Spacing between kernel taps (PyTorch's `dilation=D`).
template <std::size_t D>
struct Dilation {
    using option_tag = detail::dilation_tag;
    static constexpr std::size_t value = D;
    static constexpr auto name = "Dilation<" + detail::to_fixed_string<D>() + ">";
};

/// Grouped convolution (PyTorch's `groups=G`): `Groups<In>` with `Out == In` is a depthwise convolution.
template <std::size_t G>
struct Groups {
    using option_tag = detail::groups_tag;
    static constexpr std::size_t value = G;
    static constexpr auto name = "Groups<" + detail::to_fixed_string<G>() + ">";
};

/// The scalar type of a layer's parameters, when not float; `with_scalar<Net, T>` sets it for a whole network.
template <class T>
struct Scalar {
    using option_tag = detail::scalar_tag;
    using type = T;
    static constexpr auto name = [] {
        if constexpr (std::is_same_v<T, double>) return detail::fixed_string("Scalar<double>");
        else return detail::fixed_string("Scalar<T>");
    }();
};

}  // namespace typenet

#endif
