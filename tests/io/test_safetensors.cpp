#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <system_error>
#include <vector>

#include <catch2/catch.hpp>

#include "hostile_corpus.hpp"

#include "../support/parameter_bytes.hpp"

namespace tn = typenet;
using Catch::Matchers::Contains;

namespace {


std::filesystem::path scratch_dir() {
    auto dir = std::filesystem::temp_directory_path() / ("typenet_io_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

std::filesystem::path write_file(const std::string& name, const std::vector<std::byte>& bytes) {
    auto path = scratch_dir() / name;
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
    return path;
}

std::uint32_t bits(float f) { return std::bit_cast<std::uint32_t>(f); }

}  // namespace

TEST_CASE("save then load gives back every parameter bit for bit", "[io][round-trip]") {
    using Net = tn::Sequential<tn::Dense<5, 7>, tn::GELU, tn::Sequential<tn::Dense<7, 3>, tn::Tanh>, tn::Dense<3, 2>>;
    Net a;
    tn::init(a, 7);
    // Values a text format would round: subnormals, negative zero, the extremes of float.
    tn::get<0>(a).weight(0, 0) = std::numeric_limits<float>::denorm_min();
    tn::get<0>(a).weight(0, 1) = -0.0f;
    tn::get<0>(a).weight(0, 2) = std::numeric_limits<float>::max();
    tn::get<0>(a).weight(0, 3) = std::numeric_limits<float>::lowest();
    const auto path = scratch_dir() / "round_trip.safetensors";
    tn::save(a, path);

    Net b;
    tn::load(b, path.c_str());  // a path, a std::string or a C string
    CHECK(test_support::parameter_bytes(b) == test_support::parameter_bytes(a));

    SECTION("the file is what to_safetensors gives, with state_dict names in order") {
        const auto bytes = tn::to_safetensors(a);
        std::ifstream in(path, std::ios::binary);
        std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        REQUIRE(file.size() == bytes.size());
        CHECK(std::memcmp(file.data(), bytes.data(), bytes.size()) == 0);
        const std::string text(file.begin(), file.end());
        CHECK(text.find("\"0.weight\"") < text.find("\"0.bias\""));
        CHECK(text.find("\"0.bias\"") < text.find("\"2.0.weight\""));
        CHECK(text.find("\"2.0.weight\"") < text.find("\"3.weight\""));
        CHECK_THAT(text, Contains("\"shape\":[7,5]"));
        // The data starts 8-byte aligned, as the format's reference writer aligns it.
        CHECK((bytes.size() - 8 - static_cast<std::size_t>(Net::parameter_count) * 4) % 8 == 0);
    }
    SECTION("double networks round-trip as F64") {
        tn::with_scalar<Net, double> d;
        tn::init(d, 11);
        const auto bytes = tn::to_safetensors(d);
        CHECK_THAT(std::string(reinterpret_cast<const char*>(bytes.data()), 100), Contains("\"F64\""));
        tn::with_scalar<Net, double> e;
        tn::load(e, std::span<const std::byte>(bytes));
        CHECK(test_support::parameter_bytes(e) == test_support::parameter_bytes(d));
    }
    SECTION("metadata is written and ignored on load") {
        const auto bytes = tn::to_safetensors(a, {{"format", "pt"}, {"epoch", "12"}});
        CHECK_THAT(std::string(reinterpret_cast<const char*>(bytes.data() + 8), 60),
                   Contains("{\"__metadata__\":{\"epoch\":\"12\",\"format\":\"pt\"}"));
        Net c;
        tn::load(c, std::span<const std::byte>(bytes));
        CHECK(test_support::parameter_bytes(c) == test_support::parameter_bytes(a));
    }
}

TEST_CASE("a network loads from bytes in memory, as firmware holds them in flash", "[io][memory]") {
    static constexpr unsigned char image[] = {
        // header length 128, then the header, padded with spaces, then four floats
        128, 0, 0, 0, 0, 0, 0, 0,
        '{', '"', '0', '.', 'w', 'e', 'i', 'g', 'h', 't', '"', ':', '{', '"', 'd', 't', 'y', 'p', 'e', '"', ':',
        '"', 'F', '3', '2', '"', ',', '"', 's', 'h', 'a', 'p', 'e', '"', ':', '[', '1', ',', '3', ']', ',', '"',
        'd', 'a', 't', 'a', '_', 'o', 'f', 'f', 's', 'e', 't', 's', '"', ':', '[', '0', ',', '1', '2', ']', '}',
        ',', '"', '0', '.', 'b', 'i', 'a', 's', '"', ':', '{', '"', 'd', 't', 'y', 'p', 'e', '"', ':', '"', 'F',
        '3', '2', '"', ',', '"', 's', 'h', 'a', 'p', 'e', '"', ':', '[', '1', ']', ',', '"', 'd', 'a', 't', 'a',
        '_', 'o', 'f', 'f', 's', 'e', 't', 's', '"', ':', '[', '1', '2', ',', '1', '6', ']', '}', '}', ' ', ' ', ' ', ' ',
        0, 0, 0x80, 0x3F,  0, 0, 0, 0x40,  0, 0, 0x40, 0x40,  0, 0, 0x80, 0xBF,  // 1, 2, 3 and -1
    };
    tn::Sequential<tn::Dense<3, 1>> net;
    tn::load(net, std::as_bytes(std::span(image)));
    CHECK(tn::get<0>(net).weight(0, 2) == 3.0f);
    CHECK(net(tn::Vector<float, 3>{1, 1, 1})[0] == 5.0f);
}

TEST_CASE("F16, BF16 and F64 files are converted to the network's scalar type exactly", "[io][dtype]") {
    using Net = tn::Sequential<tn::Dense<4, 1>>;
    auto one_tensor_file = [](const std::string& dtype, std::vector<std::uint8_t> weight, std::vector<std::uint8_t> bias) {
        const auto w = std::to_string(weight.size());
        const auto end = std::to_string(weight.size() + bias.size());
        std::string header = "{\"0.weight\":{\"dtype\":\"" + dtype + "\",\"shape\":[1,4],\"data_offsets\":[0," + w +
                             "]},\"0.bias\":{\"dtype\":\"" + dtype + "\",\"shape\":[1],\"data_offsets\":[" + w +
                             "," + end + "]}}";
        auto bytes = corpus::file(header, 0);
        for (auto b : weight) bytes.push_back(static_cast<std::byte>(b));
        for (auto b : bias) bytes.push_back(static_cast<std::byte>(b));
        return bytes;
    };
    Net net;
    SECTION("F16: normal, negative, subnormal, largest") {
        // 1.0, -2.0, 2^-24 (the smallest subnormal), 65504 (the largest half); bias 1/3 rounded to half
        tn::load(net, std::span<const std::byte>(one_tensor_file(
                          "F16", {0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0xFF, 0x7B}, {0x55, 0x35})));
        const auto& w = tn::get<0>(net).weight;
        CHECK(w(0, 0) == 1.0f);
        CHECK(w(0, 1) == -2.0f);
        CHECK(w(0, 2) == 0x1p-24f);
        CHECK(w(0, 3) == 65504.0f);
        CHECK(tn::get<0>(net).bias[0] == 0x1.554p-2f);
    }
    SECTION("BF16 is the upper half of a float") {
        tn::load(net, std::span<const std::byte>(one_tensor_file(
                          "BF16", {0x80, 0x3F, 0x49, 0x40, 0x80, 0xBF, 0x00, 0x80}, {0x01, 0x00})));
        const auto& w = tn::get<0>(net).weight;
        CHECK(w(0, 0) == 1.0f);
        CHECK(w(0, 1) == 3.140625f);
        CHECK(w(0, 2) == -1.0f);
        CHECK(bits(w(0, 3)) == bits(-0.0f));
        CHECK(bits(tn::get<0>(net).bias[0]) == 0x00010000u);  // a subnormal float
    }
    SECTION("F64 rounds to the nearest float, and loads into double networks exactly") {
        std::vector<std::uint8_t> w;
        for (double v : {0.1, -1.0 / 3.0, 1e-300, 3.0}) {
            const auto b = std::bit_cast<std::uint64_t>(v);
            for (int i = 0; i < 8; ++i) w.push_back(static_cast<std::uint8_t>(b >> (8 * i)));
        }
        const auto bytes = one_tensor_file("F64", w, {0, 0, 0, 0, 0, 0, 0xF0, 0x3F});
        tn::load(net, std::span<const std::byte>(bytes));
        CHECK(tn::get<0>(net).weight(0, 0) == 0.1f);
        CHECK(tn::get<0>(net).weight(0, 1) == static_cast<float>(-1.0 / 3.0));
        CHECK(tn::get<0>(net).weight(0, 2) == 0.0f);
        CHECK(tn::get<0>(net).bias[0] == 1.0f);
        tn::with_scalar<Net, double> d;
        tn::load(d, std::span<const std::byte>(bytes));
        CHECK(tn::get<0>(d).weight(0, 0) == 0.1);
        CHECK(tn::get<0>(d).weight(0, 1) == -1.0 / 3.0);
        CHECK(tn::get<0>(d).weight(0, 2) == 1e-300);
    }
}

TEST_CASE("every valid file of the corpus loads", "[io][corpus]") {
    for (const auto& [name, bytes] : corpus::valid_files()) {
        INFO(name);
        corpus::Net net;
        const auto error = tn::try_load(net, std::span<const std::byte>(bytes));
        CHECK_FALSE(error);
    }
    corpus::Net net;
    tn::load(net, std::span<const std::byte>(corpus::valid_files()[2].second));
    CHECK(tn::get<0>(net).weight(1, 2) == 0.5f);
}

TEST_CASE("every hostile file gives its documented error and leaves the network unchanged", "[io][hostile]") {
    corpus::Net net;
    tn::init(net, 3);
    const auto before = test_support::parameter_bytes(net);
    for (const auto& c : corpus::hostile_files()) {
        INFO("case: " << c.name);
        SECTION(c.name) {
            const auto from_memory = tn::try_load(net, std::span<const std::byte>(c.bytes));
            REQUIRE(from_memory);
            CHECK(from_memory->code() == c.code);
            CHECK_THAT(from_memory->what(), Contains("typenet: cannot load a buffer of") && Contains(c.message));
            CHECK(test_support::parameter_bytes(net) == before);

            const auto path = write_file("hostile.safetensors", c.bytes);
            try {
                tn::load(net, path);
                FAIL("no load_error was thrown");
            } catch (const tn::load_error& e) {
                CHECK(e.code() == c.code);
                CHECK_THAT(e.what(), Contains(path.string()) && Contains(c.message));
            }
            CHECK(test_support::parameter_bytes(net) == before);
        }
    }
}

TEST_CASE("an error names the tensor at fault", "[io][hostile]") {
    corpus::Net net;
    auto cases = corpus::hostile_files();
    auto error_of = [&](std::string_view name) {
        for (const auto& c : cases)
            if (c.name == name) return *tn::try_load(net, std::span<const std::byte>(c.bytes));
        FAIL("no such case");
        throw;
    };
    CHECK(error_of("transposed weight").tensor() == "0.weight");
    CHECK(error_of("a tensor missing").tensor() == "2.0.bias");
    CHECK(error_of("an extra tensor").tensor() == "3.weight");
    CHECK(error_of("NaN in a weight").tensor() == "2.0.weight");
    CHECK(error_of("empty file").tensor().empty());
    CHECK(tn::to_string(error_of("overlapping tensors").code()) == "offsets_overlap");
}

TEST_CASE("NaN and Inf load when the user allows them", "[io][options]") {
    corpus::Net net;
    const auto nan_file = corpus::with_float(corpus::file(corpus::header(), 56), 0, std::numeric_limits<float>::quiet_NaN());
    REQUIRE(tn::try_load(net, std::span<const std::byte>(nan_file)));
    tn::load(net, std::span<const std::byte>(nan_file), {.allow_non_finite = true});
    CHECK(std::isnan(tn::get<0>(net).weight(0, 0)));
    CHECK(tn::get<0>(net).weight(0, 1) == 0.5f);
}

TEST_CASE("the header limit is the user's to set", "[io][options]") {
    corpus::Net net;
    const auto bytes = corpus::file(corpus::header(), 56);
    const auto error = tn::try_load(net, std::span<const std::byte>(bytes), {.max_header_bytes = 100});
    REQUIRE(error);
    CHECK(error->code() == tn::load_errc::header_too_large);
    CHECK_THAT(error->what(), Contains("more than the limit of 100 (load_options::max_header_bytes)"));
}

TEST_CASE("files that cannot be read give cannot_read", "[io][file]") {
    corpus::Net net;
    const auto missing = tn::try_load(net, scratch_dir() / "no_such_file.safetensors");
    REQUIRE(missing);
    CHECK(missing->code() == tn::load_errc::cannot_read);
    CHECK_THAT(missing->what(), Contains("no_such_file.safetensors"));
    const auto directory = tn::try_load(net, scratch_dir());
    REQUIRE(directory);
    CHECK(directory->code() == tn::load_errc::cannot_read);
    CHECK_THAT(directory->what(), Contains("not a regular file"));
}

TEST_CASE("a failed save throws and leaves no file behind", "[io][file]") {
    corpus::Net net;
    const auto path = scratch_dir() / "no_such_dir" / "net.safetensors";
    CHECK_THROWS_AS(tn::save(net, path), std::system_error);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_FALSE(std::filesystem::exists(scratch_dir() / "no_such_dir" / "net.safetensors.partial"));
}

TEST_CASE("a network without parameters loads a file without tensors", "[io][edge]") {
    tn::Sequential<tn::Input<3>, tn::ReLU> net;
    const auto bytes = tn::to_safetensors(net);
    CHECK(bytes.size() == 16);  // "{}" padded to 8 bytes
    CHECK_FALSE(tn::try_load(net, std::span<const std::byte>(bytes)));
    const auto extra = corpus::file("{" + corpus::entry("0.weight", "F32", "[1]", 0, 4) + "}", 4);
    const auto error = tn::try_load(net, std::span<const std::byte>(extra));
    REQUIRE(error);
    CHECK(error->code() == tn::load_errc::unexpected_tensor);
}

TEST_CASE("a single layer loads with PyTorch's names for a bare nn.Linear", "[io][edge]") {
    tn::Dense<2, 1> dense{{{1, 2}}, {{3}}};
    const auto bytes = tn::to_safetensors(dense);
    const std::string text(reinterpret_cast<const char*>(bytes.data() + 8), bytes.size() - 8);
    CHECK_THAT(text, Contains("\"weight\":") && Contains("\"bias\":"));
    tn::Dense<2, 1> copy{};
    tn::load(copy, std::span<const std::byte>(bytes));
    CHECK(copy.weight(0, 1) == 2.0f);
    CHECK(copy.bias[0] == 3.0f);
}

TEST_CASE("convolutional layers save and load their rank-4 weights and BatchNorm statistics", "[io][cnn]") {
    using Net = tn::Sequential<tn::Input<1, 6, 6>, tn::Conv2D<1, 2, 3>, tn::BatchNorm2D<2>, tn::ReLU, tn::Flatten,
                               tn::Dense<32, 3>>;
    Net a;
    tn::init(a, 5);
    tn::get<2>(a).running_mean[1] = 0.25f;
    const auto bytes = tn::to_safetensors(a);
    const std::string text(reinterpret_cast<const char*>(bytes.data() + 8), 400);
    // Named as PyTorch names the same nn.Sequential, which has no Input module: the convolution is "0".
    CHECK_THAT(text, Contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,1,3,3]"));
    CHECK_THAT(text, Contains("\"1.running_var\":{\"dtype\":\"F32\",\"shape\":[2]"));
    Net b;
    tn::load(b, std::span<const std::byte>(bytes));
    CHECK(test_support::parameter_bytes(b) == test_support::parameter_bytes(a));

    // A kernel of another size is named in the layer's own terms.
    tn::Sequential<tn::Input<1, 6, 6>, tn::Conv2D<1, 2, 5>, tn::BatchNorm2D<2>, tn::ReLU, tn::Flatten, tn::Dense<8, 3>>
        other;
    const auto error = tn::try_load(other, std::span<const std::byte>(bytes));
    REQUIRE(error);
    CHECK(error->code() == tn::load_errc::shape_mismatch);
    // The file's name, and the layer's position as tn::get counts it.
    CHECK_THAT(error->what(), Contains("tensor \"0.weight\" has shape [2, 1, 3, 3] in the file, but Conv2D<1, 2, 5> "
                                       "at position 1 needs [2, 1, 5, 5]"));
}
