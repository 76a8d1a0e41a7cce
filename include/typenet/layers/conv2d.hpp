#ifndef TYPENET_LAYERS_CONV2D_HPP
#define TYPENET_LAYERS_CONV2D_HPP

#include <cmath>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <typenet/detail/diagnostics.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/kernels/dispatch.hpp>
#include <typenet/detail/kernels/epilogue.hpp>
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
        constexpr std::size_t PH = H + 2 * padding, PW = W + 2 * padding;
        for (std::size_t b = 0; b < Batch; ++b) {
            const T* x = in + b * In * H * W;
            if constexpr (padding == 0) {
                convolve<H, W>(x, out + b * output_shape_for<S>::size);
            } else {
                // A zero-padded copy of the image: every tap then reads inside it, and every loop below has a
                // trip count the compiler knows, which it unrolls and vectorises.
                T padded[In * PH * PW];
                for (std::size_t i = 0; i < In * PH * PW; ++i) padded[i] = T(0);
                for (std::size_t c = 0; c < In; ++c)
                    for (std::size_t r = 0; r < H; ++r)
                        for (std::size_t k = 0; k < W; ++k)
                            padded[(c * PH + r + padding) * PW + k + padding] = x[(c * H + r) * W + k];
                convolve<PH, PW>(padded, out + b * output_shape_for<S>::size);
            }
        }
    }

    // The convolution of one (already padded) image of H x W.
    template <std::size_t H, std::size_t W>
    constexpr void convolve(const T* x, T* y) const noexcept {
        // The matrix product pays for its copies once there are enough taps and channels to keep its vector
        // lanes busy (measured on LeNet: 5x faster for Conv2D<6, 16, 5>, 2x slower for Conv2D<1, 6, 5>).
        if constexpr (groups == 1 && In * Kernel * Kernel >= 32 && Out >= 8 &&
                      (std::is_same_v<T, float> || std::is_same_v<T, double>)) {
            if (!std::is_constant_evaluated()) return convolve_as_matrix_product<H, W>(x, y);
        }
        constexpr std::size_t span = dilation * (Kernel - 1) + 1;
        constexpr std::size_t OH = (H - span) / stride + 1, OW = (W - span) / stride + 1;
        for (std::size_t o = 0; o < Out; ++o) {
            const std::size_t first_in = o / out_per_group * in_per_group;
            for (std::size_t oh = 0; oh < OH; ++oh) {
                // One output row is summed in a local array that the compiler keeps in vector registers while
                // the input rows stream past.
                T row_sum[OW];
                for (std::size_t ow = 0; ow < OW; ++ow) row_sum[ow] = bias[o];
                for (std::size_t c = 0; c < in_per_group; ++c)
                    for (std::size_t kh = 0; kh < Kernel; ++kh) {
                        const T* row = x + ((first_in + c) * H + oh * stride + kh * dilation) * W;
                        for (std::size_t kw = 0; kw < Kernel; ++kw) {
                            const T w = weight(o, c, kh, kw);
                            const T* tap = row + kw * dilation;
                            for (std::size_t ow = 0; ow < OW; ++ow) row_sum[ow] += w * tap[ow * stride];
                        }
                    }
                for (std::size_t ow = 0; ow < OW; ++ow) y[(o * OH + oh) * OW + ow] = row_sum[ow];
            }
        }
    }

    // im2col: the patches under the kernel become the rows of a matrix, and the convolution is the Dense
    // kernel on them (weight is Out x (In * Kernel^2), row-major, as Dense's). Done a tile of output pixels at
    // a time, so that the patch matrix stays small on the stack and in the cache.
    template <std::size_t H, std::size_t W>
    void convolve_as_matrix_product(const T* x, T* y) const noexcept {
        constexpr std::size_t span = dilation * (Kernel - 1) + 1;
        constexpr std::size_t OW = (W - span) / stride + 1, pixels = ((H - span) / stride + 1) * OW;
        constexpr std::size_t tile = 32;
        for (std::size_t first = 0; first + tile <= pixels; first += tile) product_tile<H, W, tile>(x, y, first);
        if constexpr (pixels % tile != 0) product_tile<H, W, pixels % tile>(x, y, pixels - pixels % tile);
    }

    template <std::size_t H, std::size_t W, std::size_t Pixels>
    void product_tile(const T* x, T* y, std::size_t first) const noexcept {
        constexpr std::size_t span = dilation * (Kernel - 1) + 1;
        constexpr std::size_t OW = (W - span) / stride + 1, pixels = ((H - span) / stride + 1) * OW;
        constexpr std::size_t taps = In * Kernel * Kernel;
        T patches[Pixels * taps];
        T products[Pixels * Out];
        for (std::size_t p = 0; p < Pixels; ++p) {
            const std::size_t oh = (first + p) / OW, ow = (first + p) % OW;
            T* patch = patches + p * taps;
            for (std::size_t c = 0; c < In; ++c)
                for (std::size_t kh = 0; kh < Kernel; ++kh) {
                    const T* row = x + (c * H + oh * stride + kh * dilation) * W + ow * stride;
                    for (std::size_t kw = 0; kw < Kernel; ++kw) *patch++ = row[kw * dilation];
                }
        }
        detail::kernels::dense_forward<T, taps, Out, Pixels, detail::kernels::no_activation>(
            patches, weight.data(), bias.data(), products);
        for (std::size_t p = 0; p < Pixels; ++p)
            for (std::size_t o = 0; o < Out; ++o) y[o * pixels + first + p] = products[p * Out + o];
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
