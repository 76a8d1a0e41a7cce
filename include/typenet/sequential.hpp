#ifndef TYPENET_SEQUENTIAL_HPP
#define TYPENET_SEQUENTIAL_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/hana/at.hpp>
#include <boost/hana/basic_tuple.hpp>
#include <fmt/core.h>

#include <typenet/detail/diagnostics.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/type_list.hpp>
#include <typenet/analysis/observed_layer.hpp>
#include <typenet/layer.hpp>
#include <typenet/matrix.hpp>
#include <typenet/shape.hpp>
#include <typenet/shape_error.hpp>
#include <typenet/vector.hpp>

namespace typenet {

template <class... Layers>
class Sequential;

namespace detail {

template <class T>
inline constexpr bool is_sequential = false;
template <class... Ls>
inline constexpr bool is_sequential<Sequential<Ls...>> = true;

// Input shape of every position of a chain, and the shape that comes out of it.
template <class In, class... Ls>
struct chain {
    using inputs = type_list<>;
    using output = In;
};
template <class In, class L, class... Rest>
struct chain<In, L, Rest...> {
    using rest = chain<next_shape<L, In>, Rest...>;
    using inputs = typename prepend<In, typename rest::inputs>::type;
    using output = typename rest::output;
};

template <class L>
inline constexpr std::size_t leaf_count = 1;
template <class... Ls>
inline constexpr std::size_t leaf_count<Sequential<Ls...>> = Sequential<Ls...>::depth;

// Where a size is decided, for error messages: the layer itself, or inside a nested network the first
// (last) layer of it that decides one.
template <class L>
struct sizing {
    using first = error::layer_at<Position<>, L>;
    using last = first;
};
template <class... Ls>
struct sizing<Sequential<Ls...>> {
    using first = typename Sequential<Ls...>::first_sizing;
    using last = typename Sequential<Ls...>::last_sizing;
};

template <std::size_t I, class Located>
struct prefix;
template <std::size_t I, std::size_t... J, class L>
struct prefix<I, error::layer_at<Position<J...>, L>> {
    using type = error::layer_at<Position<I, J...>, L>;
};

template <class L>
struct scalar_of {
    using type = void;
};
template <has_scalar_type L>
struct scalar_of<L> {
    using type = typename L::scalar_type;
};

template <class... Scalars>
struct first_scalar {
    using type = float;  // a network without parameters computes in float
};
template <class S, class... Rest>
struct first_scalar<S, Rest...> {
    using type = std::conditional_t<std::is_void_v<S>, typename first_scalar<Rest...>::type, S>;
};

template <class... Ls>
inline constexpr bool scalars_agree =
    ((std::is_void_v<typename scalar_of<Ls>::type> ||
      std::is_same_v<typename scalar_of<Ls>::type, typename first_scalar<typename scalar_of<Ls>::type...>::type>) &&
     ...);

template <class L>
struct first_input {
    using type = Shape<1>;  // only after the error that says so
};
template <fixes_input_shape L>
struct first_input<L> {
    using type = typename L::input_shape;
};

// Whether PyTorch's nn.Sequential has a module at this layer's place (tn::Input has none).
template <class L>
inline constexpr bool in_state_dict = true;
template <class L>
    requires requires { L::in_state_dict; }
inline constexpr bool in_state_dict<L> = L::in_state_dict;

template <class L, class In>
inline constexpr bool sets_size = fixes_input_shape<L> || !std::is_same_v<next_shape<L, In>, In>;

}  // namespace detail

/// A network as a type: `Sequential<Dense<784, 128>, ReLU, Dense<128, 10>>` computes
/// f(x) = layer_n(...layer_1(x)). Every size is derived from the layers and checked when the type is used;
/// a Sequential is itself a layer, so networks nest. The parameters live inside the object.
template <class... Layers>
class Sequential {
    using chain = detail::chain<typename detail::first_input<detail::nth<0, Layers..., void>>::type, Layers...>;

public:
    /// The scalar type of the parameters and of the data (float unless the layers say otherwise). A network
    /// without parameters (`Sequential<Input<4>, Tanh>`) takes any floating-point type.
    using scalar_type = typename detail::first_scalar<typename detail::scalar_of<Layers>::type...>::type;
    static constexpr bool parameter_free = (!has_scalar_type<Layers> && ...);
    using input_shape = typename detail::first_input<detail::nth<0, Layers..., void>>::type;
    using output_shape = typename chain::output;

    /// The layer at position I, and the shapes it takes and gives.
    template <std::size_t I>
    using layer_type = detail::nth<I, Layers...>;
    template <std::size_t I>
    using layer_input_shape = typename detail::nth_of<I, typename chain::inputs>::type;
    template <std::size_t I>
    using layer_output_shape = detail::next_shape<layer_type<I>, layer_input_shape<I>>;

    static constexpr std::size_t layer_count = sizeof...(Layers);  // positions at this level
    static constexpr std::size_t depth = (std::size_t{0} + ... + detail::leaf_count<Layers>);
    static constexpr std::size_t input_size = input_shape::size;
    static constexpr std::size_t output_size = output_shape::size;
    template <std::size_t I>
    static constexpr std::size_t layer_input_size = layer_input_shape<I>::size;
    template <std::size_t I>
    static constexpr std::size_t layer_output_size = layer_output_shape<I>::size;

    static constexpr std::size_t parameter_count = (std::size_t{0} + ... + Layers::parameter_count);
    static constexpr std::size_t parameter_bytes = parameter_count * sizeof(scalar_type);

private:
    template <std::size_t... I>
    static constexpr std::size_t sum_macs(std::index_sequence<I...>) {
        return (std::size_t{0} + ... + layer_type<I>::template mac_count_for<layer_input_shape<I>>);
    }
    template <std::size_t... I>
    static constexpr std::size_t largest_output(std::index_sequence<I...>) {
        return std::max({std::size_t{0}, layer_output_size<I>...});
    }

public:
    /// Multiply-accumulates of one sample's forward pass (bias additions and activations not counted,
    /// as torchinfo and fvcore count them).
    static constexpr std::size_t mac_count = sum_macs(std::index_sequence_for<Layers...>{});
    /// The largest tensor of one sample in the forward pass, input and output included, in elements and bytes.
    static constexpr std::size_t largest_activation_size =
        std::max(input_size, largest_output(std::index_sequence_for<Layers...>{}));
    static constexpr std::size_t largest_activation_bytes = largest_activation_size * sizeof(scalar_type);

private:
    // The forward pass alternates between two buffers that hold what passes between layers.
    static constexpr std::size_t intermediate_size =
        largest_output(std::make_index_sequence<sizeof...(Layers) == 0 ? 0 : sizeof...(Layers) - 1>{});

    // The last position before i that decides a size: where the size that position i receives comes from.
    template <std::size_t J>
    static constexpr bool sets_size_at() {
        return detail::sets_size<layer_type<J>, layer_input_shape<J>>;
    }
    template <std::size_t... J>
    static constexpr std::size_t producer_before(std::size_t i, std::index_sequence<J...>) {
        std::size_t p = 0;
        ((p = (J < i && sets_size_at<J>()) ? J : p), ...);
        return p;
    }

    // The checker that explains why position I cannot take what it receives (named, not instantiated).
    template <std::size_t I>
    static constexpr auto link_error() {
        using L = layer_type<I>;
        using In = layer_input_shape<I>;
        using consumer = typename detail::prefix<I, typename detail::sizing<L>::first>::type;
        constexpr std::size_t p = producer_before(I, std::make_index_sequence<I>{});
        using producer = typename detail::prefix<p, typename detail::sizing<layer_type<p>>::last>::type;
        // A layer that knows better words for its own misuse (a kernel larger than its input, a missing
        // Flatten) names its own checker.
        if constexpr (requires { typename L::template rejection<In, consumer, producer>; }) {
            return static_cast<typename L::template rejection<In, consumer, producer>*>(nullptr);
        } else if constexpr (fixes_input_shape<L> && L::input_shape::rank == 1 && In::rank > 1) {
            return static_cast<error::layer_needs_a_flat_input<producer, error::gives<In>, consumer>*>(nullptr);
        } else if constexpr (fixes_input_shape<L>) {
            return static_cast<error::output_of_layer_does_not_match_input_of_next_layer<
                producer, error::gives<In>, consumer, error::expects<typename L::input_shape>>*>(nullptr);
        } else {
            return static_cast<error::layer_does_not_accept_the_shape_it_receives<consumer, error::receives<In>>*>(
                nullptr);
        }
    }
    template <std::size_t... I>
    static constexpr std::size_t first_rejected_link(std::index_sequence<I...>) {
        std::size_t first = sizeof...(I);
        ((first = (first == sizeof...(I) && !layer_type<I>::template accepts<layer_input_shape<I>>) ? I : first), ...);
        return first;
    }

    // The first problem of the network, in the order a reader would fix them, as the type of its checker.
    static constexpr auto diagnose() {
        if constexpr (sizeof...(Layers) == 0) return static_cast<error::sequential_has_no_layers<Layers...>*>(nullptr);
        else if constexpr (!fixes_input_shape<layer_type<0>>)
            return static_cast<error::first_layer_of_a_network_must_fix_its_input_shape<layer_type<0>>*>(nullptr);
        else if constexpr (!detail::scalars_agree<Layers...>)
            return static_cast<error::layers_of_a_network_use_different_scalar_types<Layers...>*>(nullptr);
        else if constexpr (constexpr std::size_t i = first_rejected_link(std::index_sequence_for<Layers...>{});
                           i < sizeof...(Layers))
            return link_error<i>();
        else return static_cast<error::no_error*>(nullptr);
    }
    using diagnosis = std::remove_pointer_t<decltype(diagnose())>;
    // Instantiating the checker fires its static_assert: the one error this network gives.
    static_assert(sizeof(diagnosis) > 0 || true);

    template <std::size_t... I>
    static constexpr std::size_t last_sizing_index(std::index_sequence<I...>) {
        return producer_before(sizeof...(Layers), std::index_sequence<I...>{});
    }

public:
    /// True when every size in the chain agrees. A network for which it is false has already stopped the
    /// build with a diagnostic; the members below stay well-formed so that no second error follows.
    static constexpr bool is_valid = std::is_same_v<diagnosis, error::no_error>;

    // Used by an enclosing Sequential to name the inner layer at fault.
    using first_sizing = typename detail::prefix<0, typename detail::sizing<detail::nth<0, Layers..., void>>::first>::type;
    using last_sizing = typename detail::prefix<
        last_sizing_index(std::index_sequence_for<Layers...>{}),
        typename detail::sizing<detail::nth<last_sizing_index(std::index_sequence_for<Layers...>{}), Layers..., void>>::last>::type;

    // The layer protocol, so that a Sequential nests in another.
    static constexpr std::string_view kind = "Sequential";
    static constexpr auto name = "Sequential<" + detail::join(detail::fixed_string(", "), Layers::name...) + ">";
    static constexpr auto label = detail::fixed_string("Sequential");
    template <class S>
    static constexpr bool accepts = S::size == input_size;
    template <class S>
    using output_shape_for = typename chain::output;
    template <class S>
    static constexpr std::size_t mac_count_for = mac_count;

    constexpr Sequential() = default;
    /// A network from its layers, e.g. a constexpr network from constexpr weights.
    constexpr explicit Sequential(const Layers&... layers)
        requires(sizeof...(Layers) > 0)
        : layers_(layers...) {}

    template <std::size_t I>
    constexpr layer_type<I>& layer() noexcept {
        return boost::hana::at_c<I>(layers_);
    }
    template <std::size_t I>
    constexpr const layer_type<I>& layer() const noexcept {
        return boost::hana::at_c<I>(layers_);
    }

    /// One sample. noexcept and allocation-free; usable in constant expressions.
    template <class T, std::size_t N>
    constexpr Vector<T, output_size> operator()(const Vector<T, N>& x) const noexcept {
        Vector<T, output_size> y;
        using diagnosis = argument_diagnosis<T, N, Vector<T, N>>;
        static_assert(sizeof(diagnosis) > 0 || true);  // fires the checker's static_assert, if any
        if constexpr (is_valid && std::is_same_v<diagnosis, error::no_error>) forward_batch<1>(x.data(), y.data());
        else y = {};
        return y;
    }

    /// A batch, one sample per row.
    template <class T, std::size_t B, std::size_t N>
    constexpr Matrix<T, B, output_size> operator()(const Matrix<T, B, N>& x) const noexcept {
        Matrix<T, B, output_size> y;
        using diagnosis = argument_diagnosis<T, N, Matrix<T, B, N>>;
        static_assert(sizeof(diagnosis) > 0 || true);  // fires the checker's static_assert, if any
        if constexpr (is_valid && std::is_same_v<diagnosis, error::no_error>) forward_batch<B>(x.data(), y.data());
        else y = {};
        return y;
    }

    /// One sample whose size is only known at run time; throws shape_error when a length is wrong.
    /// `in` and `out` may overlap.
    void forward(std::span<const scalar_type> in, std::span<scalar_type> out) const {
        if (in.size() != input_size || out.size() != output_size)
            throw shape_error(fmt::format("typenet: forward: the network takes {} input values and gives {} "
                                          "output values, but was given spans of {} and {} values",
                                          input_size, output_size, in.size(), out.size()));
        Vector<scalar_type, input_size> copy;
        const scalar_type* src = in.data();
        if (overlaps(in, out)) {
            std::copy(in.begin(), in.end(), copy.begin());
            src = copy.data();
        }
        forward_batch<1>(src, out.data());
    }

    /// The layer protocol: B samples of shape S, flat, from `in` to `out` (distinct buffers).
    template <class S, std::size_t B, class T>
    constexpr void forward(const T* in, T* out) const noexcept {
        forward_batch<B>(in, out);
    }

    // ---- The observed forward pass (typenet/analysis) -------------------------------------------------------
    // A separate path: the same layers on the same buffers, and after every leaf layer a call
    // observer(observed_layer<...>{output}). The operator()s above never come here, so without an observer
    // the forward pass is exactly what it was.

    /// One sample, calling `observer(step)` after each leaf layer (see observed_layer); nested networks
    /// report their inner layers.
    template <class T, std::size_t N, class Observer>
    constexpr Vector<T, output_size> operator()(const Vector<T, N>& x, Observer&& observer) const {
        Vector<T, output_size> y;
        using diagnosis = argument_diagnosis<T, N, Vector<T, N>>;
        static_assert(sizeof(diagnosis) > 0 || true);  // fires the checker's static_assert, if any
        if constexpr (is_valid && std::is_same_v<diagnosis, error::no_error>)
            forward_observed<input_shape, 1, Position<>, 0>(x.data(), y.data(), observer);
        else y = {};
        return y;
    }

    /// A batch, calling `observer(step)` after each leaf layer with the outputs of all rows.
    template <class T, std::size_t B, std::size_t N, class Observer>
    constexpr Matrix<T, B, output_size> operator()(const Matrix<T, B, N>& x, Observer&& observer) const {
        Matrix<T, B, output_size> y;
        using diagnosis = argument_diagnosis<T, N, Matrix<T, B, N>>;
        static_assert(sizeof(diagnosis) > 0 || true);  // fires the checker's static_assert, if any
        if constexpr (is_valid && std::is_same_v<diagnosis, error::no_error>)
            forward_observed<input_shape, B, Position<>, 0>(x.data(), y.data(), observer);
        else y = {};
        return y;
    }

    /// The observed pass of a network nested at `Path`, whose first leaf is leaf number `Index` overall.
    template <class S, std::size_t B, class Path, std::size_t Index, class T, class Observer>
    constexpr void forward_observed(const T* in, T* out, Observer& observer) const {
        observe_all<B, Path, Index>(in, out, observer, std::index_sequence_for<Layers...>{});
    }

private:
    template <std::size_t... J>
    static constexpr std::size_t leaves_before(std::size_t i, std::index_sequence<J...>) {
        return (std::size_t{0} + ... + (J < i ? detail::leaf_count<layer_type<J>> : 0));
    }
    template <std::size_t B, class Path, std::size_t Index, class T, class Observer, std::size_t... I>
    constexpr void observe_all(const T* in, T* out, Observer& observer, std::index_sequence<I...>) const {
        T buffers[2][B * (intermediate_size == 0 ? 1 : intermediate_size)]{};
        (observe_one<I, B, typename detail::append_position<Path, I>::type,
                     Index + leaves_before(I, std::index_sequence_for<Layers...>{})>(
             I == 0 ? in : buffers[(I + 1) % 2], I + 1 == sizeof...(Layers) ? out : buffers[I % 2], observer),
         ...);
    }
    template <std::size_t I, std::size_t B, class Path, std::size_t Index, class T, class Observer>
    constexpr void observe_one(const T* in, T* out, Observer& observer) const {
        using L = layer_type<I>;
        if constexpr (detail::is_sequential<L>) {
            layer<I>().template forward_observed<layer_input_shape<I>, B, Path, Index>(in, out, observer);
        } else {
            layer<I>().template forward<layer_input_shape<I>, B>(in, out);
            observer(observed_layer<Path, Index, L, layer_input_shape<I>, B, T>{
                std::span<const T>(out, B * layer_output_size<I>)});
        }
    }

public:
    template <class F>
    constexpr void visit_parameters(F&& f) {
        visit_all(*this, f, std::index_sequence_for<Layers...>{});
    }
    template <class F>
    constexpr void visit_parameters(F&& f) const {
        visit_all(*this, f, std::index_sequence_for<Layers...>{});
    }

    template <class Uniform>
    void reset_parameters(Uniform& uniform) {
        reset_all(uniform, std::index_sequence_for<Layers...>{});
    }

private:
    template <class T, std::size_t N, class Argument>
    static constexpr auto argument_error() {
        if constexpr (!is_valid) return static_cast<error::no_error*>(nullptr);  // already reported
        else if constexpr (!std::is_same_v<T, scalar_type> && !parameter_free)
            return static_cast<error::argument_scalar_type_does_not_match_network<scalar_type, error::argument<Argument>>*>(
                nullptr);
        else if constexpr (N != input_size)
            return static_cast<error::argument_size_does_not_match_network_input<error::expects<input_shape>,
                                                                                 error::argument<Argument>>*>(nullptr);
        else return static_cast<error::no_error*>(nullptr);
    }
    template <class T, std::size_t N, class Argument>
    using argument_diagnosis = std::remove_pointer_t<decltype(argument_error<T, N, Argument>())>;

    static bool overlaps(std::span<const scalar_type> a, std::span<scalar_type> b) noexcept {
        const auto* a0 = a.data();
        const auto* b0 = b.data();
        return std::less<>{}(a0, b0 + b.size()) && std::less<>{}(b0, a0 + a.size());
    }

    template <std::size_t B, class T>
    constexpr void forward_batch(const T* in, T* out) const noexcept {
        if constexpr (sizeof...(Layers) == 1) {
            layer<0>().template forward<layer_input_shape<0>, B>(in, out);
        } else {
            T buffers[2][B * intermediate_size];
            run<B>(in, out, buffers, std::index_sequence_for<Layers...>{});
        }
    }

    // A layer that can apply the element-wise activation after it as it writes its output (Dense) does so,
    // and the activation's own step is skipped: one pass over that output instead of two. Steps, not
    // layers, alternate between the two buffers.
    template <std::size_t I>
    static constexpr bool fuses_next() {
        if constexpr (I + 1 >= sizeof...(Layers)) return false;
        else
            return requires(const layer_type<I>& l, const scalar_type* in, scalar_type* out) {
                l.template forward_fused<layer_input_shape<I>, 1, layer_type<I + 1>>(in, out);
            };
    }
    template <std::size_t I>
    static constexpr bool fused_into_previous() {
        if constexpr (I == 0) return false;
        else return fuses_next<I - 1>();
    }
    // step_of[I]: how many steps run before layer I; step_of[N]: how many steps there are.
    template <std::size_t... I>
    static constexpr std::array<std::size_t, sizeof...(I) + 1> count_steps(std::index_sequence<I...>) {
        std::array<std::size_t, sizeof...(I) + 1> steps{};
        std::size_t n = 0;
        ((steps[I] = n, n += fused_into_previous<I>() ? 0 : 1), ...);
        steps[sizeof...(I)] = n;
        return steps;
    }
    static constexpr std::array<std::size_t, sizeof...(Layers) + 1> step_of =
        count_steps(std::index_sequence_for<Layers...>{});

    template <std::size_t B, class T, std::size_t... I>
    constexpr void run(const T* in, T* out, T (&buffers)[2][B * intermediate_size], std::index_sequence<I...>) const
        noexcept {
        (run_step<I, B>(in, out, buffers), ...);
    }

    template <std::size_t I, std::size_t B, class T>
    constexpr void run_step(const T* in, T* out, T (&buffers)[2][B * intermediate_size]) const noexcept {
        if constexpr (!fused_into_previous<I>()) {
            constexpr std::size_t step = step_of[I];
            const T* source = step == 0 ? in : buffers[(step + 1) % 2];
            T* target = step + 1 == step_of[sizeof...(Layers)] ? out : buffers[step % 2];
            if constexpr (fuses_next<I>())
                layer<I>().template forward_fused<layer_input_shape<I>, B, layer_type<I + 1>>(source, target);
            else layer<I>().template forward<layer_input_shape<I>, B>(source, target);
        }
    }

    template <class Uniform, std::size_t... I>
    void reset_all(Uniform& uniform, std::index_sequence<I...>) {
        auto reset_one = [&uniform](auto& l) {
            if constexpr (requires { l.reset_parameters(uniform); }) l.reset_parameters(uniform);
        };
        (reset_one(layer<I>()), ...);
    }

    template <class Self, class F, std::size_t... I>
    static constexpr void visit_all(Self& self, F& f, std::index_sequence<I...>) {
        (visit_one<I>(self.template layer<I>(), f), ...);
    }
public:
    /// The index PyTorch's nn.Sequential gives position i, in parameter names: layers that only typenet has
    /// (Input) take none.
    static constexpr std::size_t state_dict_index(std::size_t i) {
        constexpr bool own[] = {detail::in_state_dict<Layers>..., false};
        std::size_t index = 0;
        for (std::size_t j = 0; j < i; ++j) index += own[j] ? 1 : 0;
        return index;
    }

private:
    template <std::size_t I, class L, class F>
    static constexpr void visit_one(L& l, F& f) {
        if constexpr (requires { l.visit_parameters(f); }) {
            l.visit_parameters([&f](std::string_view leaf, auto& tensor) {
                constexpr auto index = detail::to_fixed_string<state_dict_index(I)>();
                char name[index.size() + 1 + 256]{};
                std::size_t n = 0;
                for (char c : index.view()) name[n++] = c;
                name[n++] = '.';
                for (std::size_t k = 0; k < leaf.size() && n < sizeof name; ++k) name[n++] = leaf[k];
                f(std::string_view(name, n), tensor);
            });
        }
    }

    boost::hana::basic_tuple<Layers...> layers_;
};

/// The layer at position I of a network: `tn::get<0>(net).weight`.
template <std::size_t I, class... Layers>
constexpr auto& get(Sequential<Layers...>& net) noexcept {
    static_assert(I < sizeof...(Layers), "typenet: get<I>(net): the network has fewer than I + 1 layers");
    return net.template layer<I>();
}
template <std::size_t I, class... Layers>
constexpr const auto& get(const Sequential<Layers...>& net) noexcept {
    static_assert(I < sizeof...(Layers), "typenet: get<I>(net): the network has fewer than I + 1 layers");
    return net.template layer<I>();
}

}  // namespace typenet

#endif
