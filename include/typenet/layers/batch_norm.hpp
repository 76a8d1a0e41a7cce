#ifndef TYPENET_LAYERS_BATCH_NORM_HPP
#define TYPENET_LAYERS_BATCH_NORM_HPP

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <typenet/detail/diagnostics.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/math.hpp>
#include <typenet/detail/type_list.hpp>
#include <typenet/layers/options.hpp>
#include <typenet/shape.hpp>
#include <typenet/vector.hpp>

namespace typenet {

/// Batch normalisation at inference, as nn.BatchNorm2d(C) in eval mode (eps = 1e-5):
/// y = (x - running_mean) / sqrt(running_var + eps) * weight + bias, per channel. `parameter_count` counts
/// weight and bias (the trainable ones, as PyTorch and torchinfo do); the running statistics are buffers,
/// held and loaded like parameters. `tn::fold_batch_norm` folds it into the convolution before it.
template <std::size_t C, class... Options>
struct BatchNorm2D {
    static_assert(((detail::option_of<Options, detail::scalar_tag>) && ...),
                  "typenet: BatchNorm2D<C, Options...> takes only Scalar<T> as an option");
    using scalar_type = typename detail::scalar_option<float, Options...>::type;
    using T = scalar_type;
    static constexpr double eps = 1e-5;

    static constexpr std::string_view kind = "BatchNorm2D";
    static constexpr auto name = "BatchNorm2D<" + detail::to_fixed_string<C>() + detail::option_names<Options...>() + ">";
    static constexpr auto label = "BatchNorm2D(" + detail::to_fixed_string<C>() + ")";
    static constexpr std::size_t parameter_count = 2 * C;

    template <class S>
    static constexpr bool accepts = S::rank == 3 && S::dims[0] == C;
    template <class S>
    using output_shape_for = S;
    template <class S>
    static constexpr std::size_t mac_count_for = S::size;  // one multiply-add per element once folded

    template <class S, class Consumer, class Producer>
    using rejection = std::conditional_t<
        S::rank != 3, error::layer_needs_an_input_of_channels_height_width<Consumer, error::receives<S>>,
        error::input_channels_do_not_match<Producer, error::gives<S>, Consumer, error::expects_channels<C>>>;

    template <class U>
    using rebind_scalar = std::conditional_t<std::is_same_v<U, float>, BatchNorm2D<C>, BatchNorm2D<C, Scalar<U>>>;

    Vector<T, C> weight{};
    Vector<T, C> bias{};
    Vector<T, C> running_mean{};
    Vector<T, C> running_var{};

    /// The per-channel affine map this layer computes: y = x * scale + shift.
    constexpr T scale(std::size_t c) const noexcept {
        return weight[c] / static_cast<T>(detail::sqrt(static_cast<double>(running_var[c]) + eps));
    }
    constexpr T shift(std::size_t c) const noexcept { return bias[c] - running_mean[c] * scale(c); }

    template <class S, std::size_t Batch>
    constexpr void forward(const T* in, T* out) const noexcept {
        constexpr std::size_t plane = S::dims[1] * S::dims[2];
        for (std::size_t b = 0; b < Batch; ++b)
            for (std::size_t c = 0; c < C; ++c) {
                const T inv_std = static_cast<T>(1 / detail::sqrt(static_cast<double>(running_var[c]) + eps));
                const T* x = in + (b * C + c) * plane;
                T* y = out + (b * C + c) * plane;
                for (std::size_t i = 0; i < plane; ++i) y[i] = (x[i] - running_mean[c]) * inv_std * weight[c] + bias[c];
            }
    }

    template <class F>
    constexpr void visit_parameters(F&& f) {
        visit(*this, f);
    }
    template <class F>
    constexpr void visit_parameters(F&& f) const {
        visit(*this, f);
    }

    /// PyTorch's reset_parameters: weight 1, bias 0, running mean 0, running variance 1. Draws nothing.
    template <class Uniform>
    void reset_parameters(Uniform&) {
        for (std::size_t c = 0; c < C; ++c) {
            weight[c] = 1;
            bias[c] = 0;
            running_mean[c] = 0;
            running_var[c] = 1;
        }
    }

private:
    template <class Self, class F>
    static constexpr void visit(Self& self, F& f) {
        f(std::string_view("weight"), self.weight);
        f(std::string_view("bias"), self.bias);
        f(std::string_view("running_mean"), self.running_mean);
        f(std::string_view("running_var"), self.running_var);
    }

};

}  // namespace typenet

#endif
