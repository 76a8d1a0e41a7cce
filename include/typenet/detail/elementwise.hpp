#ifndef TYPENET_DETAIL_ELEMENTWISE_HPP
#define TYPENET_DETAIL_ELEMENTWISE_HPP

#include <cstddef>

#include <typenet/shape.hpp>

namespace typenet::detail {

// What every activation applied to each element alone shares: no parameters, any shape in, the same
// shape out. Derived supplies `apply(x)`.
template <class Derived>
struct elementwise_activation {
    static constexpr std::size_t parameter_count = 0;

    template <class S>
    static constexpr bool accepts = true;
    template <class S>
    using output_shape_for = S;
    template <class S>
    static constexpr std::size_t mac_count_for = 0;

    template <class S, std::size_t Batch, class T>
    constexpr void forward(const T* in, T* out) const noexcept {
        for (std::size_t i = 0; i < Batch * S::size; ++i) out[i] = Derived::apply(in[i]);
    }
};

}  // namespace typenet::detail

#endif
