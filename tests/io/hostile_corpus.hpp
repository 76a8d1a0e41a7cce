// Broken and malicious safetensors files, each with the error it must give. The unit tests load every one;
// make_seed_corpus writes them out as the fuzzer's seeds.
#ifndef TYPENET_TESTS_IO_HOSTILE_CORPUS_HPP
#define TYPENET_TESTS_IO_HOSTILE_CORPUS_HPP

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <typenet/io.hpp>
#include <typenet/typenet.hpp>

namespace corpus {

namespace tn = typenet;

// Tensors "0.weight" [2, 3], "0.bias" [2], "2.0.weight" [2, 2], "2.0.bias" [2]: 14 floats, 56 bytes.
using Net = tn::Sequential<tn::Dense<3, 2>, tn::ReLU, tn::Sequential<tn::Dense<2, 2>, tn::Tanh>>;

struct file_case {
    std::string name;
    std::vector<std::byte> bytes;
    tn::load_errc code;
    std::string message;  // a part of the message the loader must give
};

inline std::vector<std::byte> raw(std::uint64_t header_length, const std::string& header, std::size_t data_bytes) {
    std::vector<std::byte> out(8);
    for (int i = 0; i < 8; ++i) out[i] = static_cast<std::byte>((header_length >> (8 * i)) & 0xFF);
    for (char c : header) out.push_back(static_cast<std::byte>(c));
    for (std::size_t i = 0; i < data_bytes; ++i) out.push_back(static_cast<std::byte>(0x3F * (i % 4 == 3)));
    return out;  // the data is 0x3F000000 little-endian: every float is 0.5
}

inline std::vector<std::byte> file(const std::string& header, std::size_t data_bytes) {
    return raw(header.size(), header, data_bytes);
}

inline std::string entry(const std::string& name, const std::string& dtype, const std::string& shape,
                         std::uint64_t begin, std::uint64_t end) {
    std::string out = "\"";
    out += name;
    out += "\":{\"dtype\":\"";
    out += dtype;
    out += "\",\"shape\":";
    out += shape;
    out += ",\"data_offsets\":[";
    out += std::to_string(begin);
    out += ",";
    out += std::to_string(end);
    out += "]}";
    return out;
}

// The header of a correct F32 file for Net, with one entry replaced when asked.
inline std::string header(const std::string& weight0 = entry("0.weight", "F32", "[2,3]", 0, 24),
                          const std::string& extra = "") {
    return std::string("{") + weight0 + "," + entry("0.bias", "F32", "[2]", 24, 32) + "," +
           entry("2.0.weight", "F32", "[2,2]", 32, 48) + "," + entry("2.0.bias", "F32", "[2]", 48, 56) + extra +
           "}";
}

inline std::vector<std::byte> with_float(std::vector<std::byte> bytes, std::size_t data_offset, float value) {
    const std::size_t at = bytes.size() - 56 + data_offset;
    const auto bits = std::bit_cast<std::uint32_t>(value);
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<std::byte>((bits >> (8 * i)) & 0xFF);
    return bytes;
}

inline std::vector<file_case> hostile_files() {
    using e = tn::load_errc;
    const std::string ok = header();
    std::string deep(100000, '[');
    std::string deep_shape = std::string("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":") + std::string(50000, '[') + "}}";
    std::vector<file_case> cases{
        {"empty file", {}, e::truncated, "shorter than the 8-byte header length"},
        {"five bytes", std::vector<std::byte>(5, std::byte{1}), e::truncated, "shorter than the 8-byte header length"},
        {"header length 2^64 - 1", raw(~std::uint64_t{0}, ok, 56), e::header_too_large,
         "the header claims 18446744073709551615 bytes, more than the limit"},
        {"header length past the end", raw(1000, ok, 0), e::truncated,
         "the header claims 1000 bytes, but only"},
        {"header one byte over the limit", raw((16 << 20) + 1, "{}", 0), e::header_too_large,
         "the header claims 16777217 bytes, more than the limit of 16777216"},
        {"not JSON", file("{not json", 56), e::invalid_json, "the header is not valid JSON: parse error"},
        {"JSON cut short", file(ok.substr(0, 60), 56), e::invalid_json, "the header is not valid JSON"},
        {"NUL inside the header", file(ok + std::string(3, '\0'), 56), e::invalid_json, "the header holds a NUL byte at offset 252"},
        {"invalid UTF-8 in a name", file("{\"0.w\xff\":{}}", 0), e::invalid_json, "not valid JSON"},
        {"header is an array", file("[]", 56), e::invalid_header, "the header is an array, not a JSON object"},
        {"100000 nested arrays", file(deep, 0), e::invalid_header, "not a JSON object"},
        {"50000 nested arrays as a shape", file(deep_shape, 0), e::invalid_header,
         "shape of tensor \"0.weight\" holds an array, not an integer"},
        {"entry is a number", file("{\"0.weight\":5}", 0), e::invalid_header,
         "the entry of tensor \"0.weight\" is a number, not an object"},
        {"entry without dtype", file("{\"0.weight\":{\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24),
         e::invalid_header, "the entry lacks dtype"},
        {"unknown field", file("{\"0.weight\":{\"dtype\":\"F32\",\"strides\":[3,1]}}", 24), e::invalid_header,
         "unknown field \"strides\""},
        {"field twice", file("{\"0.weight\":{\"dtype\":\"F32\",\"dtype\":\"F64\"}}", 24), e::invalid_header,
         "field \"dtype\" appears twice"},
        {"negative dimension", file(header(entry("0.weight", "F32", "[-2,3]", 0, 24)), 56), e::invalid_header,
         "shape of tensor \"0.weight\" holds the negative number -2"},
        {"fractional dimension", file(header(entry("0.weight", "F32", "[2.5,3]", 0, 24)), 56), e::invalid_header,
         "holds 2.5, which is not a non-negative integer"},
        {"dimension beyond 2^64", file(header(entry("0.weight", "F32", "[99999999999999999999,3]", 0, 24)), 56),
         e::invalid_header, "not a non-negative integer below 2^64"},
        {"three data offsets",
         file("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24,48]}}", 24),
         e::invalid_header, "data_offsets has more than two entries"},
        {"offsets that end before they begin", file(header(entry("0.weight", "F32", "[2,3]", 24, 0)), 56),
         e::invalid_header, "data_offsets [24, 0] begin after they end"},
        {"duplicate name", file(std::string("{") + entry("0.bias", "F32", "[2]", 0, 8) + "," + entry("0.bias", "F32", "[2]", 8, 16) + "}", 16),
         e::invalid_header, "the header names the tensor \"0.bias\" twice"},
        {"metadata holds a number", file("{\"__metadata__\":{\"epoch\":3}}", 0), e::invalid_header,
         "a value of __metadata__ is a number, not a string"},
        {"dtype I32", file(header(entry("0.weight", "I32", "[2,3]", 0, 24)), 56), e::unsupported_dtype,
         "tensor \"0.weight\" has dtype \"I32\"; typenet loads F32, F64, F16 and BF16"},
        {"offsets span the wrong size", file(header(entry("0.weight", "F32", "[2,3]", 0, 20)), 56),
         e::size_mismatch, "needs 24 bytes, but its data_offsets [0, 20] span 20"},
        {"shape whose size overflows", file(header(entry("0.weight", "F32", "[1099511627776,1099511627776]", 0, 24)), 56),
         e::size_mismatch, "larger than any file can hold"},
        {"huge tensor past the end",
         file(header(entry("0.weight", "F32", "[2305843009213693952]", 0, 9223372036854775808ull)), 56),
         e::offsets_out_of_bounds, "data_offsets [0, 9223372036854775808], past the end of the 56 bytes"},
        {"data cut short", file(ok, 50), e::offsets_out_of_bounds,
         "tensor \"2.0.bias\" has data_offsets [48, 56], past the end of the 50 bytes"},
        {"overlapping tensors",
         file(std::string("{") + entry("0.weight", "F32", "[2,3]", 0, 24) + "," + entry("0.bias", "F32", "[2]", 20, 28) + "," +
                  entry("2.0.weight", "F32", "[2,2]", 32, 48) + "," + entry("2.0.bias", "F32", "[2]", 48, 56) + "}",
              56),
         e::offsets_overlap, "tensors \"0.weight\" [0, 24] and \"0.bias\" [20, 28] overlap"},
        {"hole between tensors", file(header(entry("0.weight", "F32", "[2,3]", 0, 24), ",\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[60,64]}"), 64),
         e::unused_data, "bytes [56, 60] of the data section belong to no tensor"},
        {"trailing bytes", file(ok, 64), e::unused_data, "the data section holds 64 bytes, but the tensors cover only the first 56"},
        {"a tensor missing",
         file(std::string("{") + entry("0.weight", "F32", "[2,3]", 0, 24) + "," + entry("0.bias", "F32", "[2]", 24, 32) + "," +
                  entry("2.0.weight", "F32", "[2,2]", 32, 48) + "}",
              48),
         e::missing_tensor, "the file lacks a tensor the network needs: \"2.0.bias\" ([2] of Dense<2, 2> at position 2.0)"},
        {"flat names for a nested network",
         file(std::string("{") + entry("0.weight", "F32", "[2,3]", 0, 24) + "," + entry("0.bias", "F32", "[2]", 24, 32) + "," +
                  entry("2.weight", "F32", "[2,2]", 32, 48) + "," + entry("2.bias", "F32", "[2]", 48, 56) + "}",
              56),
         e::missing_tensor, "it has \"2.weight\", \"2.bias\" instead"},
        {"an extra tensor", file(header(entry("0.weight", "F32", "[2,3]", 0, 24), "," + entry("3.weight", "F32", "[1]", 56, 60)), 60),
         e::unexpected_tensor, "the file has a tensor the network does not: \"3.weight\""},
        {"transposed weight", file(header(entry("0.weight", "F32", "[3,2]", 0, 24)), 56), e::shape_mismatch,
         "tensor \"0.weight\" has shape [3, 2] in the file, but Dense<3, 2> at position 0 needs [2, 3]"},
        {"flattened weight", file(header(entry("0.weight", "F32", "[6]", 0, 24)), 56), e::shape_mismatch,
         "has shape [6] in the file, but Dense<3, 2> at position 0 needs [2, 3]"},
        {"NaN in a weight", with_float(file(ok, 56), 32 + 8, std::numeric_limits<float>::quiet_NaN()), e::non_finite,
         "tensor \"2.0.weight\" (Dense<2, 2> at position 2.0) holds NaN at [1, 0]"},
        {"-Inf in a bias", with_float(file(ok, 56), 28, -std::numeric_limits<float>::infinity()), e::non_finite,
         "tensor \"0.bias\" (Dense<3, 2> at position 0) holds -Inf at [1]"},
    };
    // An F64 value beyond float's range cannot become a float parameter.
    auto big = file(std::string("{") + entry("0.weight", "F64", "[2,3]", 0, 48) + "," + entry("0.bias", "F32", "[2]", 48, 56) +
                        "," + entry("2.0.weight", "F32", "[2,2]", 56, 72) + "," +
                        entry("2.0.bias", "F32", "[2]", 72, 80) + "}",
                    80);
    const auto bits = std::bit_cast<std::uint64_t>(1e300);
    for (int i = 0; i < 8; ++i) big[big.size() - 80 + 8 + i] = static_cast<std::byte>((bits >> (8 * i)) & 0xFF);
    cases.push_back({"F64 too large for float", big, e::non_finite, "holds a value too large for float at [0, 1]"});
    return cases;
}

// Correct files: F32 as tn::save writes it, F64, F16, BF16, with metadata, data in another order.
inline std::vector<std::pair<std::string, std::vector<std::byte>>> valid_files() {
    return {
        {"F32", file(header(), 56)},
        {"F32 with metadata and padding", file(std::string("{\"__metadata__\":{\"format\":\"pt\"},") + header().substr(1) + "   ", 56)},
        {"data in reverse order",
         file(std::string("{") + entry("0.weight", "F32", "[2,3]", 32, 56) + "," + entry("0.bias", "F32", "[2]", 24, 32) + "," +
                  entry("2.0.weight", "F32", "[2,2]", 8, 24) + "," + entry("2.0.bias", "F32", "[2]", 0, 8) + "}",
              56)},
        {"F16", file(std::string("{") + entry("0.weight", "F16", "[2,3]", 0, 12) + "," + entry("0.bias", "F16", "[2]", 12, 16) +
                         "," + entry("2.0.weight", "F16", "[2,2]", 16, 24) + "," +
                         entry("2.0.bias", "F16", "[2]", 24, 28) + "}",
                     28)},
        {"BF16", file(std::string("{") + entry("0.weight", "BF16", "[2,3]", 0, 12) + "," + entry("0.bias", "BF16", "[2]", 12, 16) +
                          "," + entry("2.0.weight", "BF16", "[2,2]", 16, 24) + "," +
                          entry("2.0.bias", "BF16", "[2]", 24, 28) + "}",
                      28)},
        {"F64", file(std::string("{") + entry("0.weight", "F64", "[2,3]", 0, 48) + "," + entry("0.bias", "F64", "[2]", 48, 64) +
                         "," + entry("2.0.weight", "F64", "[2,2]", 64, 96) + "," +
                         entry("2.0.bias", "F64", "[2]", 96, 112) + "}",
                     112)},
    };
}

}  // namespace corpus

#endif
