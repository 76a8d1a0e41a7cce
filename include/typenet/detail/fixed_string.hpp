#ifndef TYPENET_DETAIL_FIXED_STRING_HPP
#define TYPENET_DETAIL_FIXED_STRING_HPP

#include <cstddef>
#include <string_view>

namespace typenet::detail {

// A string whose length is part of its type, so that layer names can be built from template arguments in
// constant expressions ("Dense<784, 128>") and handed to emitters as std::string_view.
template <std::size_t N>
struct fixed_string {
    char chars[N + 1]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&s)[N + 1]) noexcept {
        for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
    }

    static constexpr std::size_t size() noexcept { return N; }
    constexpr std::string_view view() const noexcept { return {chars, N}; }
    constexpr operator std::string_view() const noexcept { return view(); }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N - 1>;

template <std::size_t A, std::size_t B>
constexpr fixed_string<A + B> operator+(const fixed_string<A>& a, const fixed_string<B>& b) noexcept {
    fixed_string<A + B> r;
    for (std::size_t i = 0; i < A; ++i) r.chars[i] = a.chars[i];
    for (std::size_t i = 0; i < B; ++i) r.chars[A + i] = b.chars[i];
    return r;
}

template <std::size_t A, std::size_t B>
constexpr auto operator+(const fixed_string<A>& a, const char (&b)[B]) noexcept {
    return a + fixed_string<B - 1>(b);
}

template <std::size_t A, std::size_t B>
constexpr auto operator+(const char (&a)[A], const fixed_string<B>& b) noexcept {
    return fixed_string<A - 1>(a) + b;
}

constexpr std::size_t decimal_digits(std::size_t v) noexcept {
    std::size_t n = 1;
    while (v >= 10) { v /= 10; ++n; }
    return n;
}

template <std::size_t V>
constexpr auto to_fixed_string() noexcept {
    fixed_string<decimal_digits(V)> r;
    std::size_t v = V;
    for (std::size_t i = decimal_digits(V); i-- > 0; v /= 10) r.chars[i] = static_cast<char>('0' + v % 10);
    return r;
}

// "a, b, c" from a pack of fixed_strings, copying every character once: joining pairwise would copy the
// tail again at every step, quadratic work that made a 200-layer network's name cost a second of compiling.
template <class Sep, class... Parts>
constexpr auto join(const Sep& sep, const Parts&... parts) noexcept {
    if constexpr (sizeof...(Parts) == 0) {
        return fixed_string<0>{};
    } else {
        constexpr std::size_t sizes[] = {Parts::size()...};
        constexpr std::size_t length = [&] {
            std::size_t n = Sep::size() * (sizeof...(Parts) - 1);
            for (std::size_t k : sizes) n += k;
            return n;
        }();
        const std::string_view views[] = {parts.view()...};  // an array, not a fold: no nesting limit
        fixed_string<length> r;
        std::size_t n = 0;
        for (std::size_t p = 0; p < sizeof...(Parts); ++p) {
            if (p > 0)
                for (char c : sep.view()) r.chars[n++] = c;
            for (char c : views[p]) r.chars[n++] = c;
        }
        return r;
    }
}

}  // namespace typenet::detail

#endif
