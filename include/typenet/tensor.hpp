#ifndef TYPENET_TENSOR_HPP
#define TYPENET_TENSOR_HPP

#include <array>
#include <cstddef>

#include <typenet/detail/storage.hpp>

namespace typenet {

/// A tensor of any rank held by value, row-major (the last index varies fastest, as in PyTorch):
/// Conv2D's weight is `Tensor<T, Out, In, KH, KW>`, indexed `w(o, i, kh, kw)`. An aggregate, like Vector.
template <class T, std::size_t... Dims>
struct Tensor {
    static_assert(sizeof...(Dims) > 0 && ((Dims > 0) && ...), "typenet: a Tensor needs dimensions of at least 1");
    using value_type = T;
    static constexpr std::array<std::size_t, sizeof...(Dims)> dims{Dims...};

    alignas(detail::storage_alignment<T, (Dims * ...)>) T elements[(Dims * ...)];

    static constexpr std::size_t rank() noexcept { return sizeof...(Dims); }
    static constexpr std::size_t size() noexcept { return (Dims * ...); }

    template <class... I>
        requires(sizeof...(I) == sizeof...(Dims))
    constexpr T& operator()(I... index) noexcept {
        return elements[offset(static_cast<std::size_t>(index)...)];
    }
    template <class... I>
        requires(sizeof...(I) == sizeof...(Dims))
    constexpr const T& operator()(I... index) const noexcept {
        return elements[offset(static_cast<std::size_t>(index)...)];
    }
    constexpr T* data() noexcept { return elements; }
    constexpr const T* data() const noexcept { return elements; }
    constexpr T* begin() noexcept { return elements; }
    constexpr T* end() noexcept { return elements + size(); }
    constexpr const T* begin() const noexcept { return elements; }
    constexpr const T* end() const noexcept { return elements + size(); }

    friend constexpr bool operator==(const Tensor&, const Tensor&) = default;

private:
    template <class... I>
    static constexpr std::size_t offset(I... index) noexcept {
        std::size_t at = 0, d = 0;
        ((at = at * dims[d++] + index), ...);
        return at;
    }
};

}  // namespace typenet

#endif
