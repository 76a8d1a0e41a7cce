#ifndef TYPENET_DETAIL_KERNELS_DISPATCH_HPP
#define TYPENET_DETAIL_KERNELS_DISPATCH_HPP

#include <cstddef>

#include <typenet/detail/kernels/dense.hpp>

// Which Dense kernel runs. A build for a known CPU (-march=native, -mavx512f, -mavx2) calls the kernel for
// the widest instruction set it was given, with no test at run time. A build for any x86-64 (no -march)
// holds the kernel three times, compiled for AVX-512, for AVX2 + FMA and for the build's own baseline, and
// picks one per call from the CPU's feature bits (__builtin_cpu_supports reads a word that the runtime
// filled in at start-up: one load and a branch per layer). Elsewhere the baseline kernel runs, in whatever
// vectors the target has.

namespace typenet::detail::kernels {

template <class T>
using avx512_tuning = tuning<64 / sizeof(T), 8, 4, 4, 32 / sizeof(T), 256 / sizeof(T)>;
template <class T>
using avx2_tuning = tuning<32 / sizeof(T), 8, 2, 4>;  // 16 registers: 8 accumulators and their operands
template <class T>
using sse_tuning = tuning<16 / sizeof(T), 8, 2, 4>;

#if defined(__AVX512F__)
template <class T>
using native_tuning = avx512_tuning<T>;
#elif defined(__AVX2__)
template <class T>
using native_tuning = avx2_tuning<T>;
#else
template <class T>
using native_tuning = sse_tuning<T>;
#endif

// TYPENET_NO_RUNTIME_DISPATCH: always the kernel for the build's own instruction set (the tests use it to
// run each kernel on a machine that has the wider ones).
#if (defined(__x86_64__) || defined(__i386__)) && !defined(__AVX512F__) && !defined(TYPENET_NO_RUNTIME_DISPATCH)
#define TYPENET_KERNEL_DISPATCH 1

template <class T, std::size_t In, std::size_t Out, std::size_t Batch, class Act>
[[gnu::target("avx512f,avx512vl,avx512dq,avx2,fma")]] void dense_avx512(const T* x, const T* w, const T* bias,
                                                                          T* y) noexcept {
    dense<avx512_tuning<T>, T, In, Out, Batch, Act>(x, w, bias, y);
}

#if !defined(__AVX2__) || !defined(__FMA__)
template <class T, std::size_t In, std::size_t Out, std::size_t Batch, class Act>
[[gnu::target("avx2,fma")]] void dense_avx2(const T* x, const T* w, const T* bias, T* y) noexcept {
    dense<avx2_tuning<T>, T, In, Out, Batch, Act>(x, w, bias, y);
}
#endif
#endif

template <class T, std::size_t In, std::size_t Out, std::size_t Batch, class Act>
void dense_baseline(const T* x, const T* w, const T* bias, T* y) noexcept {
    dense<native_tuning<T>, T, In, Out, Batch, Act>(x, w, bias, y);
}

/// y = act(W x + b) for Batch samples with the best kernel for this CPU.
template <class T, std::size_t In, std::size_t Out, std::size_t Batch, class Act>
inline void dense_forward(const T* x, const T* w, const T* bias, T* y) noexcept {
#if defined(TYPENET_KERNEL_DISPATCH)
    if (__builtin_cpu_supports("avx512f")) return dense_avx512<T, In, Out, Batch, Act>(x, w, bias, y);
#if !defined(__AVX2__) || !defined(__FMA__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return dense_avx2<T, In, Out, Batch, Act>(x, w, bias, y);
#endif
#endif
    dense_baseline<T, In, Out, Batch, Act>(x, w, bias, y);
}

}  // namespace typenet::detail::kernels

#endif
