#ifndef TYPENET_MATRIX_HPP
#define TYPENET_MATRIX_HPP

#include <cstddef>
#include <span>

#include <typenet/detail/storage.hpp>

namespace typenet {

/// An R x C matrix of scalars held by value, row-major: `m(r, c)` is `m.data()[r * C + c]`. Dense weights
/// are `Matrix<T, Out, In>` (PyTorch's layout); a batch is `Matrix<T, Samples, Features>`, one sample per row.
template <class T, std::size_t R, std::size_t C>
struct Matrix {
    static_assert(R > 0 && C > 0, "typenet: a Matrix needs at least one row and one column");
    using value_type = T;

    alignas(detail::storage_alignment<T, R * C>) T elements[R * C];

    static constexpr std::size_t rows() noexcept { return R; }
    static constexpr std::size_t cols() noexcept { return C; }
    static constexpr std::size_t size() noexcept { return R * C; }
    constexpr T& operator()(std::size_t r, std::size_t c) noexcept { return elements[r * C + c]; }
    constexpr const T& operator()(std::size_t r, std::size_t c) const noexcept { return elements[r * C + c]; }
    constexpr std::span<T, C> row(std::size_t r) noexcept { return std::span<T, C>(elements + r * C, C); }
    constexpr std::span<const T, C> row(std::size_t r) const noexcept {
        return std::span<const T, C>(elements + r * C, C);
    }
    constexpr T* data() noexcept { return elements; }
    constexpr const T* data() const noexcept { return elements; }
    constexpr T* begin() noexcept { return elements; }
    constexpr T* end() noexcept { return elements + R * C; }
    constexpr const T* begin() const noexcept { return elements; }
    constexpr const T* end() const noexcept { return elements + R * C; }

    friend constexpr bool operator==(const Matrix&, const Matrix&) = default;
};

}  // namespace typenet

#endif
