// Networks the describe tests draw and check: flat, nested two and three deep, and one with rank-3 shapes
// and layer kinds that typenet does not know.
#ifndef TYPENET_TESTS_DESCRIBE_NETWORKS_HPP
#define TYPENET_TESTS_DESCRIBE_NETWORKS_HPP

#include <cstddef>
#include <string_view>

#include <typenet/typenet.hpp>

namespace describe_test {

namespace tn = typenet;

/// The reference module's MLP.
using Mlp = tn::Mlp<784, tn::Hidden<128, 64>, 10>;

/// examples/nested_networks.cpp's encoder and head.
using Encoder = tn::Sequential<tn::Dense<32, 16>, tn::GELU, tn::Dense<16, 8>, tn::SiLU>;
using Head = tn::Sequential<tn::Dense<8, 4>, tn::LeakyReLU, tn::Dense<4, 3>, tn::Softmax>;
using Nested = tn::Sequential<Encoder, Head>;

/// Three levels of nesting, and a nested network in the middle of a chain.
using DeepNest =
    tn::Sequential<tn::Dense<4, 6>,
                   tn::Sequential<tn::Dense<6, 6>, tn::ReLU, tn::Sequential<tn::Dense<6, 2>, tn::Tanh>>, tn::Identity>;

/// A layer of a kind the emitters have never heard of, on rank-3 shapes (channels x height x width): 2x2
/// patches of C channels to C * 4 channels at half the height and width. Only what describing needs.
template <std::size_t C, std::size_t H, std::size_t W>
struct Patchify {
    static constexpr std::string_view kind = "Patchify";
    static constexpr tn::detail::fixed_string name = "Patchify";
    static constexpr tn::detail::fixed_string label = "Patchify(2x2)";
    static constexpr std::size_t parameter_count = 0;
    template <class S>
    static constexpr bool accepts = std::is_same_v<S, tn::Shape<C, H, W>>;
    template <class S>
    using output_shape_for = tn::Shape<C * 4, H / 2, W / 2>;
    template <class S>
    static constexpr std::size_t mac_count_for = 0;
};

/// Flattens any shape: a second unknown kind.
struct Squash {
    static constexpr std::string_view kind = "Squash";
    static constexpr tn::detail::fixed_string name = "Squash";
    static constexpr tn::detail::fixed_string label = "Squash";
    static constexpr std::size_t parameter_count = 0;
    template <class S>
    static constexpr bool accepts = true;
    template <class S>
    using output_shape_for = tn::Shape<S::size>;
    template <class S>
    static constexpr std::size_t mac_count_for = 0;
};

using Patches = tn::Sequential<tn::Input<1, 6, 6>, Patchify<1, 6, 6>, tn::ReLU, Squash, tn::Dense<36, 2>>;

}  // namespace describe_test

#endif
