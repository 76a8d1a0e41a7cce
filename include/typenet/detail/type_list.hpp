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

template <std::size_t I, class... Ts>
using nth = typename decltype(select<I>(indexer<std::index_sequence_for<Ts...>, Ts...>{}))::type;

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
