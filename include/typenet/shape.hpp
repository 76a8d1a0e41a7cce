#ifndef TYPENET_SHAPE_HPP
#define TYPENET_SHAPE_HPP

#include <array>
#include <cstddef>

#include <typenet/detail/fixed_string.hpp>

namespace typenet {

/// The shape of one sample as it flows between layers: `Shape<784>` for a vector, `Shape<6, 28, 28>` for
/// channels x height x width. Data is always stored flat and row-major, so `size` is all a kernel needs;
/// the dimensions are there for the layers that care and for the diagrams.
template <std::size_t... Dims>
struct Shape {
    static constexpr std::size_t rank = sizeof...(Dims);
    static constexpr std::size_t size = (std::size_t{1} * ... * Dims);
    static constexpr std::array<std::size_t, rank> dims{Dims...};

    /// "784" or "6, 28, 28": how the shape reads in diagrams and tables.
    static constexpr auto name() noexcept {
        return detail::join(detail::fixed_string(", "), detail::to_fixed_string<Dims>()...);
    }
};

namespace detail {
template <class T>
inline constexpr bool is_shape = false;
template <std::size_t... D>
inline constexpr bool is_shape<Shape<D...>> = true;
}  // namespace detail

/// A type that names the shape of one sample.
template <class S>
concept shape = detail::is_shape<S>;

}  // namespace typenet

#endif
