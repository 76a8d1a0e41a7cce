#ifndef TYPENET_DESCRIBE_REFLECT_HPP
#define TYPENET_DESCRIBE_REFLECT_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <typenet/layer.hpp>
#include <typenet/sequential.hpp>
#include <typenet/shape.hpp>

namespace typenet {

/// The shape of one sample, as plain values: what `Shape<Dims...>` says, held in an object.
struct shape_info {
    static constexpr std::size_t max_rank = 6;

    std::array<std::size_t, max_rank> dims{};
    std::size_t rank = 0;
    std::size_t size = 0;

    /// The dimensions that are used: {784} or {6, 28, 28}.
    constexpr std::span<const std::size_t> extents() const noexcept { return {dims.data(), rank}; }

    friend constexpr bool operator==(const shape_info&, const shape_info&) = default;
};

/// One position of a network, nested networks included: what the diagrams and tables show for it.
struct layer_info {
    static constexpr std::size_t max_nesting = 8;

    /// Position from the outermost network inward: {1, 0} is layer 0 of the network at position 1.
    std::array<std::size_t, max_nesting> path{};
    /// 0 for a layer of the described network itself, 1 inside a nested Sequential, and so on.
    std::size_t nesting = 0;
    std::string_view kind;   ///< family: "Dense", "ReLU", "Sequential", later "Conv2D"
    std::string_view name;   ///< the type as the user wrote it: "Dense<784, 128>" ("Sequential" for a group)
    std::string_view label;  ///< the short form of the architecture view: "Dense(784,128)"
    shape_info input;        ///< shape of one sample going in
    shape_info output;       ///< shape of one sample coming out
    std::size_t parameter_count = 0;
    std::size_t mac_count = 0;  ///< multiply-accumulates for one sample
    /// A nested Sequential: the positions after it, up to `group_end`, are its layers.
    bool is_group = false;
    std::size_t group_end = 0;

    /// The positions of `path` that are used.
    constexpr std::span<const std::size_t> position() const noexcept { return {path.data(), nesting + 1}; }
};

/// What every emitter reads: the layers in order (a nested Sequential first, then its layers) and the totals.
/// It refers to storage owned by a `description` (for `describe_view<Net>()`, static storage).
struct network_info {
    std::span<const layer_info> layers;
    shape_info input;
    shape_info output;
    std::size_t parameter_count = 0;
    std::size_t parameter_bytes = 0;
    std::size_t mac_count = 0;                 ///< for one sample
    std::size_t largest_activation_size = 0;   ///< elements of one sample
    std::size_t largest_activation_bytes = 0;
    std::size_t depth = 0;                     ///< leaf layers, activations included
    std::string_view scalar;                   ///< "float", "double", or the empty string for another type
};

/// The reflection of a network type, computed by the compiler: `constexpr auto d = tn::describe<Net>();`.
template <std::size_t N>
struct description {
    std::array<layer_info, N> layers{};
    shape_info input;
    shape_info output;
    std::size_t parameter_count = 0;
    std::size_t parameter_bytes = 0;
    std::size_t mac_count = 0;
    std::size_t largest_activation_size = 0;
    std::size_t largest_activation_bytes = 0;
    std::size_t depth = 0;
    std::string_view scalar;

    static constexpr std::size_t size() noexcept { return N; }

    /// The view the emitters take. The description must outlive it.
    constexpr network_info view() const noexcept {
        return {std::span<const layer_info>(layers), input,     output, parameter_count, parameter_bytes,
                mac_count, largest_activation_size, largest_activation_bytes, depth, scalar};
    }
};

namespace detail {

template <class L>
inline constexpr std::size_t description_size = 1;
template <class... Ls>
inline constexpr std::size_t description_size<Sequential<Ls...>> = 1 + (std::size_t{0} + ... + description_size<Ls>);

// Levels of networks inside Net, Net included.
template <class L>
inline constexpr std::size_t nesting_levels = 0;
template <class... Ls>
inline constexpr std::size_t nesting_levels<Sequential<Ls...>> = 1 + std::max({std::size_t{0}, nesting_levels<Ls>...});

template <std::size_t... Dims>
constexpr shape_info to_shape_info(Shape<Dims...>*) noexcept {
    static_assert(sizeof...(Dims) <= shape_info::max_rank,
                  "typenet: describe supports shapes of rank up to shape_info::max_rank");
    shape_info s;
    std::size_t i = 0;
    ((s.dims[i++] = Dims), ...);
    s.rank = sizeof...(Dims);
    s.size = Shape<Dims...>::size;
    return s;
}
template <class S>
inline constexpr shape_info shape_info_of = to_shape_info(static_cast<S*>(nullptr));

template <class T>
constexpr std::string_view scalar_name() noexcept {
    if constexpr (std::is_same_v<T, float>) return "float";
    else if constexpr (std::is_same_v<T, double>) return "double";
    else return "";
}

// Writes the layers of Net from out[next] on, each nested Sequential followed by its own layers.
template <class Net, std::size_t N>
constexpr void describe_layers(std::array<layer_info, N>& out, std::size_t& next, const layer_info& parent,
                               std::size_t nesting) {
    static_assert(is_sequential<Net>, "typenet: describe<Net>() needs a Sequential network");
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
                using L = typename Net::template layer_type<I>;
                using In = typename Net::template layer_input_shape<I>;
                layer_info& info = out[next++];
                info.path = parent.path;
                info.path[nesting] = I;
                info.nesting = nesting;
                info.kind = L::kind;
                info.input = shape_info_of<In>;
                info.output = shape_info_of<typename Net::template layer_output_shape<I>>;
                info.parameter_count = L::parameter_count;
                info.mac_count = L::template mac_count_for<In>;
                if constexpr (is_sequential<L>) {
                    info.name = "Sequential";
                    info.label = "Sequential";
                    info.is_group = true;
                    describe_layers<L>(out, next, info, nesting + 1);
                    info.group_end = next;
                } else {
                    info.name = L::name.view();
                    info.label = L::label.view();
                    info.group_end = next;
                }
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

}  // namespace detail

/// The reflection of `Net`: per position (nested networks included) its path, kind, name, label, nesting,
/// input and output shape, parameters and MACs; and the totals. Usable in constant expressions:
///
///     constexpr auto d = tn::describe<Net>();
///     static_assert(d.layers[0].parameter_count == 100480);
template <class Net>
    requires detail::is_sequential<Net>
constexpr auto describe() {
    static_assert(detail::nesting_levels<Net> <= layer_info::max_nesting,
                  "typenet: describe<Net>() supports networks nested up to layer_info::max_nesting levels deep");
    description<detail::description_size<Net> - 1> d;
    std::size_t next = 0;
    if constexpr (detail::nesting_levels<Net> <= layer_info::max_nesting)  // else only the error above
        detail::describe_layers<Net>(d.layers, next, layer_info{}, 0);
    d.input = detail::shape_info_of<typename Net::input_shape>;
    d.output = detail::shape_info_of<typename Net::output_shape>;
    d.parameter_count = Net::parameter_count;
    d.parameter_bytes = Net::parameter_bytes;
    d.mac_count = Net::mac_count;
    d.largest_activation_size = Net::largest_activation_size;
    d.largest_activation_bytes = Net::largest_activation_bytes;
    d.depth = Net::depth;
    d.scalar = detail::scalar_name<typename Net::scalar_type>();
    return d;
}

/// The reflection of `Net`, computed once per program, in static storage.
template <class Net>
inline constexpr auto description_of = describe<Net>();

/// The view of `description_of<Net>` that the emitters take.
template <class Net>
constexpr network_info describe_view() noexcept {
    return description_of<Net>.view();
}

}  // namespace typenet

#endif
