#ifndef TYPENET_DETAIL_DIAGNOSTICS_HPP
#define TYPENET_DETAIL_DIAGNOSTICS_HPP

#include <cstddef>

// The templates a compiler names when a network is wrong. Their names state the problem and their
// arguments are the user's own layers and sizes, so the first lines of the diagnostic read as a sentence:
//   typenet::error::output_of_layer_does_not_match_input_of_next_layer<
//       typenet::error::layer_at<typenet::Position<0>, typenet::Dense<784, 128>>, typenet::error::gives<typenet::Shape<128>>,
//       typenet::error::layer_at<typenet::Position<2>, typenet::Dense<100, 10>>, typenet::error::expects<typenet::Shape<100>>>
// Each holds the static_assert that stops the build. A Sequential names exactly one of them (the first
// problem) and nothing depends on it, so no second error follows.
namespace typenet::error {

// The condition of each static_assert, named so that clang's "requirement '...'" line reads as the rule
// that was broken.
template <class... Info>
inline constexpr bool sizes_agree = false;
template <class... Info>
inline constexpr bool layer_accepts_its_input = false;
template <class... Info>
inline constexpr bool first_layer_fixes_the_input_shape = false;
template <class... Info>
inline constexpr bool network_has_layers = false;
template <class... Info>
inline constexpr bool scalar_types_agree = false;
template <class... Info>
inline constexpr bool layer_sizes_are_positive = false;
template <class... Info>
inline constexpr bool input_has_rank_3 = false;
template <class... Info>
inline constexpr bool channels_agree = false;
template <class... Info>
inline constexpr bool window_fits_in_padded_input = false;
template <class... Info>
inline constexpr bool input_is_flat = false;
template <class... Info>
inline constexpr bool options_are_consistent = false;

// Where a network is fine, its diagnosis is this.
struct no_error {};

template <class Position, class Layer>
struct layer_at {};
template <class Shape>
struct gives {};
template <class Shape>
struct expects {};
template <class Shape>
struct receives {};
template <std::size_t Channels>
struct expects_channels {};
template <std::size_t Kernel, std::size_t Dilation, std::size_t Padding>
struct window {};
template <class What>
struct argument {};

template <class Producer, class Gives, class Consumer, class Expects>
struct output_of_layer_does_not_match_input_of_next_layer {
    static_assert(sizes_agree<Gives, Expects>,
                  "typenet: shape mismatch in Sequential: the layer named second in the template arguments above "
                  "expects an input of the size shown by 'expects', but the layer before it gives the size shown "
                  "by 'gives'. Change one of the two layers so that the sizes agree.");
};

template <class Consumer, class Receives>
struct layer_does_not_accept_the_shape_it_receives {
    static_assert(layer_accepts_its_input<Receives>,
                  "typenet: shape mismatch in Sequential: the layer named above cannot take the shape shown by "
                  "'receives'; see that layer's documentation for the shapes it accepts.");
};

template <class FirstLayer>
struct first_layer_of_a_network_must_fix_its_input_shape {
    static_assert(first_layer_fixes_the_input_shape<FirstLayer>,
                  "typenet: the first layer of this Sequential works on any shape, so the network's input size is "
                  "unknown. Start the network with tn::Input<N> (or a layer with an input size, such as "
                  "tn::Dense<N, M>).");
};

template <class... None>
struct sequential_has_no_layers {
    static_assert(network_has_layers<None...>,
                  "typenet: Sequential<> has no layers. Write at least one, e.g. "
                  "tn::Sequential<tn::Dense<4, 2>>, or tn::Sequential<tn::Input<N>> for a network that returns "
                  "its input unchanged.");
};

template <class Expects, class Argument>
struct argument_size_does_not_match_network_input {
    static_assert(sizes_agree<Expects, Argument>,
                  "typenet: the vector or batch passed to the network does not have the network's input size: the "
                  "network expects samples of the shape shown by 'expects', the argument is shown by 'argument'.");
};

template <class NetworkScalar, class Argument>
struct argument_scalar_type_does_not_match_network {
    static_assert(scalar_types_agree<NetworkScalar, Argument>,
                  "typenet: the vector or batch passed to the network holds another scalar type than the network's "
                  "parameters (first template argument above). Convert the input, or rebind the network with "
                  "tn::with_scalar<Net, T>.");
};

template <class... LayersWithTheirScalars>
struct layers_of_a_network_use_different_scalar_types {
    static_assert(scalar_types_agree<LayersWithTheirScalars...>,
                  "typenet: the layers of this Sequential hold parameters of different scalar types (listed above). "
                  "Use one scalar type for the whole network; tn::with_scalar<Net, T> rebinds them all.");
};

template <class Layer>
struct dense_layer_sizes_must_be_positive {
    static_assert(layer_sizes_are_positive<Layer>,
                  "typenet: a Dense layer needs at least one input and one output: Dense<In, Out> with In > 0 and "
                  "Out > 0.");
};

template <class Consumer, class Receives>
struct layer_needs_an_input_of_channels_height_width {
    static_assert(input_has_rank_3<Consumer, Receives>,
                  "typenet: this layer works on images of shape (channels, height, width), but receives the shape "
                  "shown by 'receives'. Start the network with tn::Input<C, H, W>.");
};

template <class Producer, class Gives, class Consumer, class ExpectsChannels>
struct input_channels_do_not_match {
    static_assert(channels_agree<Gives, ExpectsChannels>,
                  "typenet: channel mismatch in Sequential: the layer named second in the template arguments above "
                  "expects the number of input channels shown by 'expects_channels', but the layer before it "
                  "gives the shape shown by 'gives' (channels first).");
};

template <class Consumer, class Receives, class Window>
struct kernel_is_larger_than_the_padded_input {
    static_assert(window_fits_in_padded_input<Receives, Window>,
                  "typenet: the kernel of the layer named above (window<kernel, dilation, padding>) does not fit in "
                  "its input (shape shown by 'receives': channels, height, width) even with the padding. Use a "
                  "smaller kernel, more padding, or fewer pooling layers before it.");
};

template <class Producer, class Gives, class Consumer>
struct layer_needs_a_flat_input {
    static_assert(input_is_flat<Gives, Consumer>,
                  "typenet: the layer named second in the template arguments above takes a vector, but the layer before "
                  "it gives the multi-dimensional shape shown by 'gives'. Insert tn::Flatten between them.");
};

template <class Layer>
struct layer_options_are_invalid {
    static_assert(options_are_consistent<Layer>,
                  "typenet: the options of the layer named above are inconsistent: kernel, stride and dilation must "
                  "be at least 1, groups must divide both channel counts, and pooling padding must be at most "
                  "half the kernel.");
};

}  // namespace typenet::error

#endif
