#ifndef TYPENET_IO_DETAIL_BYTES_HPP
#define TYPENET_IO_DETAIL_BYTES_HPP

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace typenet::detail::io {

// The file is little-endian whatever the host is, so bytes are assembled by shifts, never by memcpy.
template <class U>
constexpr U read_le(const std::byte* p) noexcept {
    U v = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) v |= static_cast<U>(std::to_integer<U>(p[i]) << (8 * i));
    return v;
}

template <class U>
constexpr void write_le(std::byte* p, U v) noexcept {
    for (std::size_t i = 0; i < sizeof(U); ++i) p[i] = static_cast<std::byte>((v >> (8 * i)) & 0xFF);
}

// IEEE binary16 to binary32: every half value, subnormals, infinities and NaN, is exact in float.
constexpr float half_to_float(std::uint16_t h) noexcept {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    std::uint32_t exponent = (h >> 10) & 0x1Fu;
    std::uint32_t mantissa = h & 0x3FFu;
    std::uint32_t bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;
    } else {
        // A subnormal half is a normal float: shift the leading one into the implicit bit.
        exponent = 127 - 15 + 1;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3FFu) << 13);
    }
    return std::bit_cast<float>(bits);
}

// bfloat16 is the upper half of a binary32.
constexpr float bfloat16_to_float(std::uint16_t b) noexcept {
    return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16);
}

constexpr bool multiply_overflows(std::uint64_t a, std::uint64_t b, std::uint64_t& product) noexcept {
    if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return true;
    product = a * b;
    return false;
}

// A name from an untrusted file, fit to print: printable ASCII as is, anything else escaped, long names cut.
inline std::string printable(std::string_view s) {
    constexpr std::size_t max_shown = 80;
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < max_shown; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("\\x{:02x}", c);
        }
    }
    if (s.size() > max_shown) out += fmt::format("...\" ({} characters)", s.size());
    else out += '"';
    return out;
}

}  // namespace typenet::detail::io

#endif
