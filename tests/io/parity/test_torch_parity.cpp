// typenet against PyTorch itself: the models, inputs and PyTorch's outputs come from make_parity_models.py,
// which exported each model with codegen/export_torch.py. Every model is checked through the safetensors
// file (tn::load) and through the constexpr header, the latter evaluated at compile time.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <typenet/io.hpp>
#include <typenet/typenet.hpp>

#include "parity_cases.hpp"

#include "../../support/parameter_bytes.hpp"

namespace tn = typenet;

namespace {

template <class T>
constexpr T tolerance = std::is_same_v<T, float> ? T(1e-5) : T(1e-12);

template <class T, std::size_t N>
tn::Vector<T, N> row_of(const T* data) {
    tn::Vector<T, N> v;
    std::copy_n(data, N, v.data());
    return v;
}

template <class M>
double max_error(const M& got, const M& expected) {
    double worst = 0;
    for (std::size_t i = 0; i < got.size(); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(got.data()[i]) - static_cast<double>(expected.data()[i])));
    return worst;
}


// One sample at a time, through the network's vector call.
template <class C, class Net>
auto per_sample(const Net& net) {
    using T = typename C::scalar;
    constexpr std::size_t B = C::inputs.rows(), N = C::inputs.cols(), M = C::batch_outputs.cols();
    tn::Matrix<T, B, M> out{};
    for (std::size_t r = 0; r < B; ++r) {
        const auto y = net(row_of<T, N>(C::inputs.data() + r * N));
        std::copy_n(y.data(), M, out.data() + r * M);
    }
    return out;
}

}  // namespace

TEMPLATE_LIST_TEST_CASE("typenet computes what PyTorch computes, loaded from the exported file", "[io][parity]",
                        parity::all_cases) {
    using C = TestType;
    using T = typename C::scalar;
    INFO(C::description);
    typename C::Net net;
    tn::load(net, std::string(TYPENET_PARITY_DIR) + "/" + C::file);

    const double batch_error = max_error(net(C::inputs), C::batch_outputs);
    const double vector_error = max_error(per_sample<C>(net), C::vector_outputs);
    fmt::print("parity, file: {:<58} max |typenet - PyTorch| batch {:.3g}, single vectors {:.3g}\n",
               C::description, batch_error, vector_error);
    CHECK(batch_error <= tolerance<T>);
    CHECK(vector_error <= tolerance<T>);

    // The file and the constexpr header hold the same parameters, bit for bit.
    if constexpr (requires { C::compiled; }) CHECK(test_support::parameter_bytes(net) == test_support::parameter_bytes(C::compiled));

    // Saving and loading again changes nothing.
    const auto bytes = tn::to_safetensors(net);
    typename C::Net again;
    tn::load(again, std::span<const std::byte>(bytes));
    CHECK(test_support::parameter_bytes(again) == test_support::parameter_bytes(net));
}

TEMPLATE_LIST_TEST_CASE("typenet computes what PyTorch computes, from the constexpr header at compile time",
                        "[io][parity][constexpr]", parity::constexpr_cases) {
    using C = TestType;
    using T = typename C::scalar;
    INFO(C::description);
    // constexpr: computed by the compiler, from parameters that are constant data. A compiler bounds the work of
    // one constant evaluation (clang++ at about a million steps by default), so the convolutional models, whose
    // batch takes millions of multiply-accumulates, run their constexpr parameters at run time instead.
    constexpr std::size_t B = C::inputs.rows();
    constexpr bool at_compile_time = C::Net::mac_count * B <= 50'000;
    const auto batch = [] {
        if constexpr (at_compile_time) {
            constexpr auto computed = C::compiled(C::inputs);
            return computed;
        } else {
            return C::compiled(C::inputs);
        }
    }();

    const double batch_error = max_error(batch, C::batch_outputs);
    const double vector_error = max_error(per_sample<C>(C::compiled), C::vector_outputs);
    fmt::print("parity, constexpr ({}): {:<40} max |typenet - PyTorch| batch {:.3g}, single vectors {:.3g}\n",
               at_compile_time ? "compile time" : "run time", C::description, batch_error, vector_error);
    CHECK(batch_error <= tolerance<T>);
    CHECK(vector_error <= tolerance<T>);
    // Run time and compile time agree.
    CHECK(max_error(C::compiled(C::inputs), batch) <= tolerance<T>);
}
