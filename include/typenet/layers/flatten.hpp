#ifndef TYPENET_LAYERS_FLATTEN_HPP
#define TYPENET_LAYERS_FLATTEN_HPP

#include <cstddef>
#include <string_view>

#include <typenet/detail/elementwise.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/shape.hpp>

namespace typenet {

/// (C, H, W) to a vector of C * H * W, in PyTorch's order (nn.Flatten()): the data do not move, only the
/// shape changes.
struct Flatten : detail::elementwise_activation<Flatten> {
    static constexpr std::string_view kind = "Flatten";
    static constexpr detail::fixed_string name = "Flatten";
    static constexpr detail::fixed_string label = "Flatten";

    template <class S>
    using output_shape_for = Shape<S::size>;

    template <class T>
    static constexpr T apply(T x) noexcept { return x; }
};
}  // namespace typenet

#endif
