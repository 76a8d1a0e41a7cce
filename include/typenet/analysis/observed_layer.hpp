#ifndef TYPENET_ANALYSIS_OBSERVED_LAYER_HPP
#define TYPENET_ANALYSIS_OBSERVED_LAYER_HPP

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <typenet/layer.hpp>
#include <typenet/shape.hpp>

namespace typenet {

namespace detail {
template <class Path>
struct position_path;
template <std::size_t... I>
struct position_path<Position<I...>> {
    static constexpr std::array<std::size_t, sizeof...(I)> value{I...};
};

template <class Path, std::size_t I>
struct append_position;
template <std::size_t... P, std::size_t I>
struct append_position<Position<P...>, I> {
    using type = Position<P..., I>;
};
}  // namespace detail

/// What an observer of the forward pass receives after each leaf layer: `net(x, observer)` calls
/// `observer(step)` with one of these, in the order the layers run. Everything but the output is known
/// at compile time, so an observer can branch on it with `if constexpr`.
///
///  - `Path`   where the layer sits, outermost first: `Position<1, 0>` is layer 0 of the network at position 1
///  - `Index`  the same place counted over leaf layers, nested networks flattened (0 for the first layer)
///  - `Layer`, `InputShape`  the layer's type and the shape of one sample it received
///  - `Batch`  samples in this pass; `output` holds Batch x output_shape::size values, sample after sample
template <class Path, std::size_t Index, class Layer, class InputShape, std::size_t Batch, class T>
struct observed_layer {
    using path = Path;
    using layer_type = Layer;
    using input_shape = InputShape;
    using output_shape = detail::next_shape<Layer, InputShape>;
    using scalar_type = T;

    static constexpr std::size_t index = Index;
    static constexpr std::size_t batch = Batch;
    static constexpr auto position = detail::position_path<Path>::value;
    static constexpr std::string_view kind = Layer::kind;
    static constexpr std::string_view name = Layer::name.view();
    static constexpr std::string_view label = Layer::label.view();
    static constexpr std::size_t parameter_count = Layer::parameter_count;

    /// Read-only view of the layer's output for the whole batch. Valid only during the call.
    std::span<const T> output;

    /// The output of sample b alone.
    constexpr std::span<const T> sample(std::size_t b) const noexcept {
        return output.subspan(b * output_shape::size, output_shape::size);
    }
};

/// An observer that does nothing; `net(x, no_observer{})` computes exactly what `net(x)` does.
struct no_observer {
    template <class Step>
    constexpr void operator()(const Step&) const noexcept {}
};

}  // namespace typenet

#endif
