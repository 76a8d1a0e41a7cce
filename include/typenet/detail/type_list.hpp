#ifndef TYPENET_DETAIL_TYPE_LIST_HPP
#define TYPENET_DETAIL_TYPE_LIST_HPP

#include <cstddef>
#include <utility>

namespace typenet::detail {

template <class... Ts>
struct type_list {};

// nth<I, Ts...> by overload resolution over indexed bases: one instantiation however long the pack, where a
// recursive definition would cost one per element (this matters for 200-layer networks).
template <std::size_t I, class T>
struct indexed {
    using type = T;
};
template <class Seq, class... Ts>
struct indexer;
template <std::size_t... I, class... Ts>
struct indexer<std::index_sequence<I...>, Ts...> : indexed<I, Ts>... {};
template <std::size_t I, class T>
indexed<I, T> select(indexed<I, T>);

#if defined(__clang__) && __has_builtin(__type_pack_element)
// clang answers in constant time, where the overload resolution below looks at every base: for a network of
// N layers, asking for each of them costs N^2, seconds at 200 layers.
template <std::size_t I, class... Ts>
using nth = __type_pack_element<I, Ts...>;
#else
template <std::size_t I, class... Ts>
using nth = typename decltype(select<I>(indexer<std::index_sequence_for<Ts...>, Ts...>{}))::type;
#endif

template <std::size_t I, class List>
struct nth_of;
template <std::size_t I, class... Ts>
struct nth_of<I, type_list<Ts...>> {
    using type = nth<I, Ts...>;
};

template <class T, class List>
struct prepend;
template <class T, class... Ts>
struct prepend<T, type_list<Ts...>> {
    using type = type_list<T, Ts...>;
};

template <class... Lists>
struct concat {
    using type = type_list<>;
};
template <class... A>
struct concat<type_list<A...>> {
    using type = type_list<A...>;
};
template <class... A, class... B, class... Rest>
struct concat<type_list<A...>, type_list<B...>, Rest...> : concat<type_list<A..., B...>, Rest...> {};

}  // namespace typenet::detail

#endif
