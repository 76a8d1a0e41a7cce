#ifndef TYPENET_WITH_SCALAR_HPP
#define TYPENET_WITH_SCALAR_HPP

#include <cstddef>

#include <typenet/layers/dense.hpp>
#include <typenet/sequential.hpp>

namespace typenet {

namespace detail {
template <class L, class T>
struct rebind_scalar {
    using type = L;  // layers without parameters compute in whatever scalar they are given
};
template <class L, class T>
    requires requires { typename L::template rebind_scalar<T>; }
struct rebind_scalar<L, T> {
    using type = typename L::template rebind_scalar<T>;
};
template <std::size_t In, std::size_t Out, class U, class T>
struct rebind_scalar<Dense<In, Out, U>, T> {
    using type = Dense<In, Out, T>;
};
template <class... Ls, class T>
struct rebind_scalar<Sequential<Ls...>, T> {
    using type = Sequential<typename rebind_scalar<Ls, T>::type...>;
};
}  // namespace detail

/// The same network computing in scalar type T: `with_scalar<Mlp<4, Hidden<8>, 2>, double>`.
template <class Net, class T>
using with_scalar = typename detail::rebind_scalar<Net, T>::type;

}  // namespace typenet

#endif
