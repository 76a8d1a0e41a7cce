#ifndef TYPENET_VECTOR_HPP
#define TYPENET_VECTOR_HPP

#include <cstddef>

#include <typenet/detail/storage.hpp>

namespace typenet {

/// A vector of N scalars held by value: no heap, usable in constant expressions, an aggregate
/// (`Vector<float, 3> v{1, 2, 3}`; `Vector<float, 3> v{}` is all zeros).
template <class T, std::size_t N>
struct Vector {
    static_assert(N > 0, "typenet: a Vector needs at least one element");
    using value_type = T;

    alignas(detail::storage_alignment<T, N>) T elements[N];

    static constexpr std::size_t size() noexcept { return N; }
    constexpr T& operator[](std::size_t i) noexcept { return elements[i]; }
    constexpr const T& operator[](std::size_t i) const noexcept { return elements[i]; }
    constexpr T* data() noexcept { return elements; }
    constexpr const T* data() const noexcept { return elements; }
    constexpr T* begin() noexcept { return elements; }
    constexpr T* end() noexcept { return elements + N; }
    constexpr const T* begin() const noexcept { return elements; }
    constexpr const T* end() const noexcept { return elements + N; }

    friend constexpr bool operator==(const Vector&, const Vector&) = default;
};

}  // namespace typenet

#endif
