#ifndef TYPENET_FOLD_BATCH_NORM_HPP
#define TYPENET_FOLD_BATCH_NORM_HPP

#include <array>
#include <cstddef>
#include <utility>

#include <typenet/detail/type_list.hpp>
#include <typenet/layers/batch_norm.hpp>
#include <typenet/layers/conv2d.hpp>
#include <typenet/sequential.hpp>

namespace typenet {

namespace detail {

template <class A, class B>
inline constexpr bool folds_into = false;
template <std::size_t In, std::size_t Out, std::size_t K, class... COpts, std::size_t C, class... BOpts>
inline constexpr bool folds_into<Conv2D<In, Out, K, COpts...>, BatchNorm2D<C, BOpts...>> =
    Out == C && std::is_same_v<typename Conv2D<In, Out, K, COpts...>::scalar_type,
                               typename BatchNorm2D<C, BOpts...>::scalar_type>;

template <class Net>
struct batch_norm_folding;

template <class L>
struct folded_layer {
    using type = L;
};
template <class... Ls>
struct folded_layer<Sequential<Ls...>> {
    using type = typename batch_norm_folding<Sequential<Ls...>>::type;
};

template <class... Ls>
struct batch_norm_folding<Sequential<Ls...>> {
    static constexpr std::size_t n = sizeof...(Ls);

    // absorbed[i]: layer i is a BatchNorm2D that the convolution before it takes in.
    static constexpr auto absorbed = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<bool, n>{(I > 0 && folds_into<nth<(I > 0 ? I - 1 : 0), Ls...>, nth<I, Ls...>>)...};
    }(std::index_sequence_for<Ls...>{});
    static constexpr std::size_t kept_count = [] {
        std::size_t k = 0;
        for (bool a : absorbed) k += a ? 0 : 1;
        return k;
    }();
    // source[j]: the position in the original network of position j in the folded one.
    static constexpr auto source = [] {
        std::array<std::size_t, kept_count> s{};
        for (std::size_t i = 0, j = 0; i < n; ++i)
            if (!absorbed[i]) s[j++] = i;
        return s;
    }();

    template <std::size_t... J>
    static auto kept(std::index_sequence<J...>) -> Sequential<typename folded_layer<nth<source[J], Ls...>>::type...>;
    using type = decltype(kept(std::make_index_sequence<kept_count>{}));
};

}  // namespace detail

/// The network with every BatchNorm2D that directly follows a Conv2D (with as many channels) folded into that
/// convolution: the same function with one layer and one pass over the data less. Nested networks are folded
/// too. The folded network's positions, and so its parameter names, differ from the original's: fold after
/// loading.
template <class Net>
using folded_batch_norm = typename detail::batch_norm_folding<Net>::type;

template <class L>
constexpr L fold_batch_norm(const L& layer) {
    return layer;
}

template <class... Ls>
constexpr folded_batch_norm<Sequential<Ls...>> fold_batch_norm(const Sequential<Ls...>& net) {
    using plan = detail::batch_norm_folding<Sequential<Ls...>>;
    return [&]<std::size_t... J>(std::index_sequence<J...>) {
        return folded_batch_norm<Sequential<Ls...>>(
            [&]<std::size_t I>(std::integral_constant<std::size_t, I>) {
                if constexpr (I + 1 < plan::n && plan::absorbed[I + 1]) {
                    auto conv = net.template layer<I>();
                    const auto& bn = net.template layer<I + 1>();
                    constexpr std::size_t per_channel = decltype(conv.weight)::size() / decltype(conv.bias)::size();
                    for (std::size_t o = 0; o < conv.bias.size(); ++o) {
                        const auto scale = bn.scale(o);
                        for (std::size_t k = 0; k < per_channel; ++k) conv.weight.data()[o * per_channel + k] *= scale;
                        conv.bias[o] = conv.bias[o] * scale + bn.shift(o);
                    }
                    return conv;
                } else {
                    return fold_batch_norm(net.template layer<I>());
                }
            }(std::integral_constant<std::size_t, plan::source[J]>{})...);
    }(std::make_index_sequence<plan::kept_count>{});
}

}  // namespace typenet

#endif
