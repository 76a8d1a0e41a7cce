#ifndef TYPENET_LAYERS_DENSE_HPP
#define TYPENET_LAYERS_DENSE_HPP

#include <cmath>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <typenet/detail/diagnostics.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/kernels/dispatch.hpp>
#include <typenet/detail/kernels/epilogue.hpp>
#include <typenet/layer.hpp>
#include <typenet/matrix.hpp>
#include <typenet/shape.hpp>
#include <typenet/vector.hpp>

namespace typenet {

template <std::size_t In, std::size_t Out, class T = float>
struct Dense;

namespace detail {
// Keeps the member arrays of a Dense<0, N> well-formed, so that its only error is the one that explains it.
template <std::size_t N>
inline constexpr std::size_t at_least_one = N == 0 ? 1 : N;

}  // namespace detail

/// A fully connected layer with bias, y = W x + b, as PyTorch's nn.Linear(In, Out): `weight` is Out x In,
/// row-major, `bias` has Out elements. T is the scalar type (float unless given).
template <std::size_t In, std::size_t Out, class T>
struct Dense {
    // Names the checker only for a zero size; its static_assert is then the one error of the build.
    static_assert(sizeof(std::conditional_t<In == 0 || Out == 0, error::dense_layer_sizes_must_be_positive<Dense>,
                                            error::no_error>) > 0 ||
                  true);

    using scalar_type = T;
    using input_shape = Shape<In>;

    static constexpr std::string_view kind = "Dense";
    static constexpr auto name = [] {
        auto sizes = "Dense<" + detail::to_fixed_string<In>() + ", " + detail::to_fixed_string<Out>();
        if constexpr (std::is_same_v<T, float>) return sizes + ">";
        else if constexpr (std::is_same_v<T, double>) return sizes + ", double>";
        else return sizes + ", T>";
    }();
    static constexpr auto label = "Dense(" + detail::to_fixed_string<In>() + "," + detail::to_fixed_string<Out>() + ")";
    static constexpr std::size_t parameter_count = In * Out + Out;

    template <class S>
    static constexpr bool accepts = S::rank == 1 && S::size == In;
    template <class S>
    using output_shape_for = Shape<Out>;
    template <class S>
    static constexpr std::size_t mac_count_for = In * Out;

    Matrix<T, Out, detail::at_least_one<In>> weight{};
    Vector<T, detail::at_least_one<Out>> bias{};

    template <class S, std::size_t Batch>
    constexpr void forward(const T* in, T* out) const noexcept {
        compute<Batch, detail::kernels::no_activation>(in, out);
    }

    /// forward followed by an element-wise activation, applied to each output as it is written: one pass
    /// over the output instead of two. Sequential calls it for a Dense followed by such an activation.
    template <class S, std::size_t Batch, class Activation>
        requires detail::is_elementwise_activation<Activation>
    constexpr void forward_fused(const T* in, T* out) const noexcept {
        compute<Batch, Activation>(in, out);
    }

    template <class F>
    constexpr void visit_parameters(F&& f) {
        f(std::string_view("weight"), weight);
        f(std::string_view("bias"), bias);
    }
    template <class F>
    constexpr void visit_parameters(F&& f) const {
        f(std::string_view("weight"), weight);
        f(std::string_view("bias"), bias);
    }

    /// PyTorch's nn.Linear.reset_parameters: weight and bias uniform in +-1/sqrt(In).
    template <class Uniform>
    void reset_parameters(Uniform& uniform) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(In));
        for (T& w : weight) w = static_cast<T>(uniform(bound));
        for (T& b : bias) b = static_cast<T>(uniform(bound));
    }

private:
    template <std::size_t Batch, class Act>
    constexpr void compute(const T* in, T* out) const noexcept {
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
            if (!std::is_constant_evaluated()) {
                detail::kernels::dense_forward<T, In, Out, Batch, Act>(in, weight.data(), bias.data(), out);
                return;
            }
        }
        // The reference loop: in constant expressions, and for scalar types the kernels do not cover.
        for (std::size_t b = 0; b < Batch; ++b) {
            const T* x = in + b * In;
            T* y = out + b * Out;
            for (std::size_t o = 0; o < Out; ++o) {
                T acc = bias[o];
                const T* w = weight.data() + o * In;
                for (std::size_t i = 0; i < In; ++i) acc += w[i] * x[i];
                y[o] = Act::apply(acc);
            }
        }
    }
};

}  // namespace typenet

#endif
