// libFuzzer target for the safetensors loader. Whatever the bytes, loading must not crash, leak or hit
// undefined behaviour (ASan and UBSan watch), must leave the network unchanged when it fails, and when it
// succeeds must give parameters that save and load again bit for bit.
//
// ctest runs it for a bounded time from the seed corpus. For a longer run, from the build directory:
//   tests/io/fuzz_safetensors -max_len=4096 -dict=<source>/tests/io/fuzz/safetensors.dict \
//       tests/io/fuzz/corpus tests/io/fuzz/seeds
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "../hostile_corpus.hpp"

#include "../../support/parameter_bytes.hpp"

namespace tn = typenet;

namespace {


template <class Net>
void check(std::span<const std::byte> bytes, const tn::load_options& options) {
    Net net;
    tn::init(net, 1);
    const auto before = test_support::parameter_bytes(net);
    if (const auto error = tn::try_load(net, bytes, options)) {
        if (test_support::parameter_bytes(net) != before) std::abort();  // a failed load changed the network
        if (!std::string_view(error->what()).starts_with("typenet: cannot load a buffer of")) std::abort();
        return;
    }
    const auto saved = tn::to_safetensors(net);
    Net again;
    if (tn::try_load(again, std::span<const std::byte>(saved), {.allow_non_finite = true})) std::abort();
    if (test_support::parameter_bytes(again) != test_support::parameter_bytes(net)) std::abort();  // the round trip changed a bit
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = std::as_bytes(std::span(data, size));
    check<corpus::Net>(bytes, {});
    check<corpus::Net>(bytes, {.allow_non_finite = true, .max_header_bytes = 1024});
    check<tn::with_scalar<corpus::Net, double>>(bytes, {});
    return 0;
}
