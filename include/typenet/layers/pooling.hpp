#ifndef TYPENET_LAYERS_POOLING_HPP
#define TYPENET_LAYERS_POOLING_HPP

#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>

#include <typenet/detail/diagnostics.hpp>
#include <typenet/detail/fixed_string.hpp>
#include <typenet/detail/window.hpp>
#include <typenet/layers/options.hpp>
#include <typenet/shape.hpp>

namespace typenet {

namespace detail {

// What max and average pooling share: the window, the shapes, the diagnostics. Derived supplies the name
// and `reduce(image, oh, ow)` for one output.
template <class Derived, std::size_t Kernel, std::size_t Stride, std::size_t Dilation, std::size_t Padding>
struct pooling_2d {
    static constexpr std::size_t kernel = Kernel, stride = Stride, dilation = Dilation, padding = Padding;
    static constexpr std::size_t parameter_count = 0;
    using geometry = window<Kernel, Stride, Dilation, Padding>;

    template <class S>
    static constexpr bool accepts = S::rank == 3 && geometry::template fits<S>;
    template <class S>
    using output_shape_for = Shape<S::dims[0], geometry::out(S::dims[1]), geometry::out(S::dims[2])>;
    template <class S>
    static constexpr std::size_t mac_count_for = 0;  // comparisons and additions, no multiply-accumulates

    template <class S, class Consumer, class Producer>
    using rejection = std::conditional_t<
        S::rank != 3, error::layer_needs_an_input_of_channels_height_width<Consumer, error::receives<S>>,
        error::kernel_is_larger_than_the_padded_input<Consumer, error::receives<S>, error::window<Kernel, Dilation, Padding>>>;

    template <class S, std::size_t Batch, class T>
    constexpr void forward(const T* in, T* out) const noexcept {
        constexpr std::size_t H = S::dims[1], W = S::dims[2];
        constexpr std::size_t OH = geometry::out(H), OW = geometry::out(W);
        for (std::size_t plane = 0; plane < Batch * S::dims[0]; ++plane) {
            const T* image = in + plane * H * W;
            T* y = out + plane * OH * OW;
            for (std::size_t oh = 0; oh < OH; ++oh)
                for (std::size_t ow = 0; ow < OW; ++ow) y[oh * OW + ow] = Derived::template reduce<H, W>(image, oh, ow);
        }
    }

protected:
    // Calls f(value) for every tap of the window of output (oh, ow) that lies inside the image.
    template <std::size_t H, std::size_t W, class T, class F>
    static constexpr void for_each_tap(const T* image, std::size_t oh, std::size_t ow, F&& f) noexcept {
        for (std::size_t kh = 0; kh < Kernel; ++kh) {
            const std::size_t ih = oh * Stride + kh * Dilation;  // + Padding already: compared below
            if (ih < Padding || ih - Padding >= H) continue;
            for (std::size_t kw = 0; kw < Kernel; ++kw) {
                const std::size_t iw = ow * Stride + kw * Dilation;
                if (iw < Padding || iw - Padding >= W) continue;
                f(image[(ih - Padding) * W + iw - Padding]);
            }
        }
    }

    static constexpr bool options_ok(bool dilation_allowed) {
        return Kernel > 0 && Stride > 0 && Dilation > 0 && 2 * Padding <= Kernel && (dilation_allowed || Dilation == 1);
    }
};

template <class... Opts>
inline constexpr bool only_pooling_options = ((option_of<Opts, padding_tag> || option_of<Opts, stride_tag> ||
                                               option_of<Opts, dilation_tag>) && ...);

}  // namespace detail

/// The maximum of each Kernel x Kernel window, per channel, as nn.MaxPool2d(Kernel, ...): Stride defaults to
/// Kernel; Padding<P> (at most Kernel / 2) pads with -Inf; Dilation<D>. A window holding NaN gives NaN.
template <std::size_t Kernel, class... Options>
struct MaxPool2D : detail::pooling_2d<MaxPool2D<Kernel, Options...>, Kernel,
                                      detail::option_value<detail::stride_tag, Kernel, Options...>(),
                                      detail::option_value<detail::dilation_tag, 1, Options...>(),
                                      detail::option_value<detail::padding_tag, 0, Options...>()> {
    static_assert(detail::only_pooling_options<Options...>,
                  "typenet: MaxPool2D<Kernel, Options...> takes Stride<S>, Padding<P> and Dilation<D> as options");
    static_assert(sizeof(std::conditional_t<MaxPool2D::options_ok(true), error::no_error,
                                            error::layer_options_are_invalid<MaxPool2D>>) > 0 ||
                  true);  // names the checker only for bad options: their one error

    static constexpr std::string_view kind = "MaxPool2D";
    static constexpr auto name = "MaxPool2D<" + detail::to_fixed_string<Kernel>() + detail::option_names<Options...>() + ">";
    static constexpr auto label = "MaxPool2D(" + detail::to_fixed_string<Kernel>() + ")";

    template <std::size_t H, std::size_t W, class T>
    static constexpr T reduce(const T* image, std::size_t oh, std::size_t ow) noexcept {
        T best = -std::numeric_limits<T>::infinity();
        MaxPool2D::template for_each_tap<H, W>(image, oh, ow, [&best](T v) {
            if (best == best && (v > best || v != v)) best = v;  // once NaN, stays NaN
        });
        return best;
    }
};

/// The mean of each Kernel x Kernel window, per channel, as nn.AvgPool2d(Kernel, ...) with its defaults
/// (count_include_pad=True: padded zeros count in the mean). Stride defaults to Kernel; Padding<P> at most Kernel / 2.
template <std::size_t Kernel, class... Options>
struct AvgPool2D : detail::pooling_2d<AvgPool2D<Kernel, Options...>, Kernel,
                                      detail::option_value<detail::stride_tag, Kernel, Options...>(), 1,
                                      detail::option_value<detail::padding_tag, 0, Options...>()> {
    static_assert(detail::only_pooling_options<Options...>,
                  "typenet: AvgPool2D<Kernel, Options...> takes Stride<S> and Padding<P> as options");
    static_assert(sizeof(std::conditional_t<AvgPool2D::options_ok(false) &&
                                                detail::option_value<detail::dilation_tag, 1, Options...>() == 1,
                                            error::no_error, error::layer_options_are_invalid<AvgPool2D>>) > 0 ||
                  true);  // names the checker only for bad options: their one error

    static constexpr std::string_view kind = "AvgPool2D";
    static constexpr auto name = "AvgPool2D<" + detail::to_fixed_string<Kernel>() + detail::option_names<Options...>() + ">";
    static constexpr auto label = "AvgPool2D(" + detail::to_fixed_string<Kernel>() + ")";

    template <std::size_t H, std::size_t W, class T>
    static constexpr T reduce(const T* image, std::size_t oh, std::size_t ow) noexcept {
        T sum = 0;
        AvgPool2D::template for_each_tap<H, W>(image, oh, ow, [&sum](T v) { sum += v; });
        return sum / static_cast<T>(Kernel * Kernel);
    }
};

}  // namespace typenet

#endif
