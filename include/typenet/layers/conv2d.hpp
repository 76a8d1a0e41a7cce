#ifndef TYPENET_LAYERS_CONV2D_HPP
#define TYPENET_LAYERS_CONV2D_HPP

#include <cmath>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <typenet/detail/diagnostics.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/type_list.hpp>
#include <typenet/detail/window.hpp>
#include <typenet/layers/options.hpp>
#include <typenet/shape.hpp>
#include <typenet/tensor.hpp>
#include <typenet/vector.hpp>

namespace typenet {

template <std::size_t In, std::size_t Out, std::size_t Kernel, class... Options>
struct Conv2D;

namespace detail {
template <class U, std::size_t In, std::size_t Out, std::size_t Kernel, class Kept>
struct conv2d_with;
template <class U, std::size_t In, std::size_t Out, std::size_t Kernel, class... Kept>
struct conv2d_with<U, In, Out, Kernel, type_list<Kept...>> {
    using type = std::conditional_t<std::is_same_v<U, float>, Conv2D<In, Out, Kernel, Kept...>,
                                    Conv2D<In, Out, Kernel, Kept..., Scalar<U>>>;
};
template <class... Opts>
using options_without_scalar =
    typename concat<std::conditional_t<option_of<Opts, scalar_tag>, type_list<>, type_list<Opts>>...>::type;
}  // namespace detail

/// A 2-D convolution over images of shape (In, H, W), as PyTorch's nn.Conv2d(In, Out, Kernel, ...) with bias:
/// `Conv2D<1, 6, 5, Padding<2>>`. Options, in any order: Padding<P> (zeros), Stride<S>, Dilation<D>,
/// Groups<G>, Scalar<T>. `weight` is Tensor<T, Out, In / G, Kernel, Kernel> in PyTorch's layout, `bias` has Out.
template <std::size_t In, std::size_t Out, std::size_t Kernel, class... Options>
struct Conv2D {
    static_assert((detail::layer_option<Options> && ...),
                  "typenet: Conv2D<In, Out, Kernel, Options...> takes Padding<P>, Stride<S>, Dilation<D>, Groups<G> and "
                  "Scalar<T> as options");

    static constexpr std::size_t padding = detail::option_value<detail::padding_tag, 0, Options...>();
    static constexpr std::size_t stride = detail::option_value<detail::stride_tag, 1, Options...>();
    static constexpr std::size_t dilation = detail::option_value<detail::dilation_tag, 1, Options...>();
    static constexpr std::size_t groups = detail::option_value<detail::groups_tag, 1, Options...>();
    using scalar_type = typename detail::scalar_option<float, Options...>::type;
    using T = scalar_type;

private:
    static constexpr bool options_ok = In > 0 && Out > 0 && Kernel > 0 && stride > 0 && dilation > 0 && groups > 0 &&
                                       In % groups == 0 && Out % groups == 0;
    static_assert(sizeof(std::conditional_t<options_ok, error::no_error, error::layer_options_are_invalid<Conv2D>>) > 0 ||
                  true);  // names the checker only for bad options: their one error
    static constexpr std::size_t in_per_group = options_ok ? In / groups : 1;
    static constexpr std::size_t out_per_group = options_ok ? Out / groups : 1;
    using geometry = detail::window<Kernel, stride, dilation, padding>;

public:
    static constexpr std::string_view kind = "Conv2D";
    static constexpr auto name = "Conv2D<" + detail::to_fixed_string<In>() + ", " + detail::to_fixed_string<Out>() + ", " +
                                 detail::to_fixed_string<Kernel>() + detail::option_names<Options...>() + ">";
    static constexpr auto label = "Conv2D(" + detail::to_fixed_string<In>() + "," + detail::to_fixed_string<Out>() +
                                  ",k" + detail::to_fixed_string<Kernel>() + ")";
    static constexpr std::size_t parameter_count = Out * in_per_group * Kernel * Kernel + Out;

    template <class S>
    static constexpr bool accepts = S::rank == 3 && S::dims[0] == In && geometry::template fits<S>;
    template <class S>
    using output_shape_for = Shape<Out, geometry::out(S::dims[1]), geometry::out(S::dims[2])>;
    template <class S>
    static constexpr std::size_t mac_count_for = output_shape_for<S>::size * in_per_group * Kernel * Kernel;

    template <class S, class Consumer, class Producer>
    using rejection = std::conditional_t<
        S::rank != 3, error::layer_needs_an_input_of_channels_height_width<Consumer, error::receives<S>>,
        std::conditional_t<S::dims[0] != In,
                           error::input_channels_do_not_match<Producer, error::gives<S>, Consumer, error::expects_channels<In>>,
                           error::kernel_is_larger_than_the_padded_input<Consumer, error::receives<S>,
                                                                         error::window<Kernel, dilation, padding>>>>;

    template <class U>
    using rebind_scalar = typename detail::conv2d_with<U, In, Out, Kernel, detail::options_without_scalar<Options...>>::type;

    Tensor<T, Out, in_per_group, Kernel, Kernel> weight{};
    Vector<T, Out> bias{};

    template <class S, std::size_t Batch>
    constexpr void forward(const T* in, T* out) const noexcept {
        constexpr std::size_t H = S::dims[1], W = S::dims[2];
        constexpr std::size_t OH = geometry::out(H), OW = geometry::out(W);
        for (std::size_t b = 0; b < Batch; ++b) {
            const T* x = in + b * In * H * W;
            T* y = out + b * Out * OH * OW;
            for (std::size_t o = 0; o < Out; ++o) {
                T* plane = y + o * OH * OW;
                for (std::size_t i = 0; i < OH * OW; ++i) plane[i] = bias[o];
                const std::size_t first_in = o / out_per_group * in_per_group;
                for (std::size_t c = 0; c < in_per_group; ++c) {
                    const T* image = x + (first_in + c) * H * W;
                    for (std::size_t kh = 0; kh < Kernel; ++kh) {
                        // Output rows and columns whose tap (kh, kw) falls inside the image, not in the padding:
                        // the inner loop then has no branch and vectorises.
                        const auto rows = geometry::valid_outputs(kh, H);
                        for (std::size_t kw = 0; kw < Kernel; ++kw) {
                            const auto cols = geometry::valid_outputs(kw, W);
                            const T w = weight(o, c, kh, kw);
                            for (std::size_t oh = rows.first; oh < rows.last; ++oh) {
                                const T* row = image + (oh * stride + kh * dilation - padding) * W;
                                T* dst = plane + oh * OW;
                                for (std::size_t ow = cols.first; ow < cols.last; ++ow)
                                    dst[ow] += w * row[ow * stride + kw * dilation - padding];
                            }
                        }
                    }
                }
            }
        }
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

    /// PyTorch's nn.Conv2d.reset_parameters: weight and bias uniform in +-1/sqrt(In / G * Kernel^2).
    template <class Uniform>
    void reset_parameters(Uniform& uniform) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(in_per_group * Kernel * Kernel));
        for (T& w : weight) w = static_cast<T>(uniform(bound));
        for (T& b : bias) b = static_cast<T>(uniform(bound));
    }
};

}  // namespace typenet

#endif
