#ifndef TYPENET_DETAIL_STORAGE_HPP
#define TYPENET_DETAIL_STORAGE_HPP

#include <cstddef>

namespace typenet::detail {

// Large arrays start on a cache line so that vector loads never straddle two; small ones keep their
// natural alignment so that a tiny network stays tiny.
template <class T, std::size_t N>
inline constexpr std::size_t storage_alignment = N * sizeof(T) >= 64 ? 64 : alignof(T);

}  // namespace typenet::detail

#endif
