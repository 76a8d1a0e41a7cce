#ifndef TYPENET_IO_SAFETENSORS_HPP
#define TYPENET_IO_SAFETENSORS_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <typenet/io/detail/bytes.hpp>
#include <typenet/io/detail/header.hpp>
#include <typenet/io/load_error.hpp>
#include <typenet/matrix.hpp>
#include <typenet/sequential.hpp>
#include <typenet/tensor.hpp>
#include <typenet/vector.hpp>

namespace typenet {

/// How strict tn::load is. Designated initializers read well: `tn::load(net, file, {.allow_non_finite = true})`.
struct load_options {
    /// Accept NaN and Inf in the parameters. Off by default: a trained network that holds them is broken,
    /// and every output it gives would be NaN.
    bool allow_non_finite = false;
    /// The largest JSON header accepted, in bytes. Headers of typenet's networks are a few hundred bytes per
    /// tensor; the limit bounds what a hostile file can make the loader parse.
    std::size_t max_header_bytes = std::size_t{16} << 20;
};

/// What tn::save writes into `__metadata__` (string to string, as the format wants).
using safetensors_metadata = std::map<std::string, std::string>;

/// A network whose parameters can be loaded and saved: it says its scalar type and visits its tensors.
template <class Net>
concept loadable_network = requires(Net& net) {
    typename Net::scalar_type;
    net.visit_parameters([](std::string_view, auto&) {});
};

namespace detail::io {

template <class T>
struct tensor_dims;
template <class T, std::size_t R, std::size_t C>
struct tensor_dims<Matrix<T, R, C>> {
    static constexpr std::array<std::uint64_t, 2> value{R, C};
};
template <class T, std::size_t N>
struct tensor_dims<Vector<T, N>> {
    static constexpr std::array<std::uint64_t, 1> value{N};
};
template <class T, std::size_t... Dims>
struct tensor_dims<Tensor<T, Dims...>> {
    static constexpr std::array<std::uint64_t, sizeof...(Dims)> value{Dims...};
};

// One parameter tensor of the network, as the loader and the saver see it.
template <class T>
struct slot {
    std::string name;         // "1.0.weight", PyTorch's state_dict key
    std::string_view layer;   // "Dense<4, 8>"
    std::string position;     // "1.0"
    std::vector<std::uint64_t> dims;
    T* data;
    std::size_t count;
};

// `prefix` names as PyTorch's state_dict does ("1.0."), `position` as tn::get does: they differ after an Input.
template <class T, class Layer>
void collect(Layer& layer, const std::string& prefix, const std::string& position,
             std::vector<slot<std::remove_const_t<T>>>& out) {
    using L = std::remove_const_t<Layer>;
    if constexpr (detail::is_sequential<L>) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (collect<T>(layer.template layer<I>(), fmt::format("{}{}.", prefix, L::state_dict_index(I)),
                        fmt::format("{}{}.", position, I), out),
             ...);
        }(std::make_index_sequence<L::layer_count>{});
    } else if constexpr (requires { layer.visit_parameters([](std::string_view, auto&) {}); }) {
        layer.visit_parameters([&](std::string_view leaf, auto& tensor) {
            using Tensor = std::remove_cvref_t<decltype(tensor)>;
            static_assert(std::is_same_v<typename Tensor::value_type, std::remove_const_t<T>>,
                          "typenet: load/save: every parameter of a network must have the network's scalar type");
            // An incomplete tensor_dims here means a layer visits a parameter type that the loader does not
            // know yet: give it a tensor_dims specialisation above.
            constexpr auto& dims = tensor_dims<Tensor>::value;
            out.push_back({prefix + std::string(leaf), L::name.view(),
                           position.empty() ? std::string() : position.substr(0, position.size() - 1),
                           std::vector<std::uint64_t>(dims.begin(), dims.end()),
                           const_cast<std::remove_const_t<T>*>(tensor.data()), tensor.size()});
        });
    }
}

// The slots of a network. Loading passes a network that is not const and writes through the pointers;
// saving only reads them.
template <class Net>
auto slots_of(const Net& net) {
    using T = typename Net::scalar_type;
    std::vector<slot<T>> out;
    collect<const T>(net, std::string(), std::string(), out);
    return out;
}

inline std::string shape_text(const std::vector<std::uint64_t>& dims) {
    return fmt::format("[{}]", fmt::join(dims, ", "));
}

template <class T>
std::string where(const slot<T>& s) {
    if (s.position.empty()) return fmt::format("{}", s.layer);
    return fmt::format("{} at position {}", s.layer, s.position);
}

struct dtype_info {
    std::string_view name;
    std::size_t bytes;
};

inline std::optional<dtype_info> supported_dtype(std::string_view name) {
    static constexpr std::array<dtype_info, 4> table{
        {{"F32", 4}, {"F64", 8}, {"F16", 2}, {"BF16", 2}}};
    for (const auto& d : table)
        if (d.name == name) return d;
    return std::nullopt;
}

// What the header, once checked against the network, says to copy: file entry i feeds slot i.
template <class T>
struct plan {
    std::vector<slot<T>> slots;
    std::vector<header_entry> entries;  // in slot order
};

template <class T>
std::optional<problem> check_header(std::string_view header, std::uint64_t data_size, std::vector<slot<T>> slots,
                                    plan<T>& out) {
    std::vector<header_entry> entries;
    if (auto p = read_header(header, entries)) return p;

    // The file on its own: dtypes, sizes, and a data section that the tensors tile exactly.
    for (const auto& e : entries) {
        const auto dtype = supported_dtype(e.dtype);
        if (!dtype)
            return problem{load_errc::unsupported_dtype, e.name,
                           fmt::format("tensor {} has dtype {}; typenet loads F32, F64, F16 and BF16",
                                       printable(e.name), printable(e.dtype))};
        std::uint64_t bytes = dtype->bytes;
        for (auto d : e.shape)
            if (multiply_overflows(bytes, d, bytes))
                return problem{load_errc::size_mismatch, e.name,
                               fmt::format("tensor {} claims shape {}, larger than any file can hold",
                                           printable(e.name), shape_text(e.shape))};
        if (e.end - e.begin != bytes)
            return problem{load_errc::size_mismatch, e.name,
                           fmt::format("tensor {} of shape {} and dtype {} needs {} bytes, but its data_offsets "
                                       "[{}, {}] span {}",
                                       printable(e.name), shape_text(e.shape), e.dtype, bytes, e.begin, e.end,
                                       e.end - e.begin)};
        if (e.end > data_size)
            return problem{load_errc::offsets_out_of_bounds, e.name,
                           fmt::format("tensor {} has data_offsets [{}, {}], past the end of the {} bytes of data "
                                       "that follow the header (is the file truncated?)",
                                       printable(e.name), e.begin, e.end, data_size)};
    }
    std::vector<const header_entry*> by_offset;
    for (const auto& e : entries) by_offset.push_back(&e);
    std::sort(by_offset.begin(), by_offset.end(), [](auto* a, auto* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    std::uint64_t covered = 0;
    const header_entry* previous = nullptr;
    for (const auto* e : by_offset) {
        if (e->begin < covered)
            return problem{load_errc::offsets_overlap, e->name,
                           fmt::format("tensors {} [{}, {}] and {} [{}, {}] overlap", printable(previous->name),
                                       previous->begin, previous->end, printable(e->name), e->begin, e->end)};
        if (e->begin > covered)
            return problem{load_errc::unused_data, e->name,
                           fmt::format("bytes [{}, {}] of the data section belong to no tensor (before tensor {})",
                                       covered, e->begin, printable(e->name))};
        covered = e->end;
        previous = e;
    }
    if (covered != data_size)
        return problem{load_errc::unused_data, "",
                       fmt::format("the data section holds {} bytes, but the tensors cover only the first {}",
                                   data_size, covered)};

    // The file against the network's type.
    std::vector<std::string> missing;
    std::vector<const header_entry*> matched(slots.size(), nullptr);
    for (std::size_t i = 0; i < slots.size(); ++i) {
        auto it = std::find_if(entries.begin(), entries.end(), [&](auto& e) { return e.name == slots[i].name; });
        if (it == entries.end()) missing.push_back(slots[i].name);
        else matched[i] = &*it;
    }
    std::vector<std::string> unexpected;
    std::string first_unexpected;
    for (const auto& e : entries)
        if (std::none_of(slots.begin(), slots.end(), [&](auto& s) { return s.name == e.name; })) {
            if (unexpected.empty()) first_unexpected = e.name;
            unexpected.push_back(printable(e.name));
        }
    if (!missing.empty()) {
        std::vector<std::string> described;
        for (std::size_t i = 0; i < slots.size(); ++i)
            if (!matched[i])
                described.push_back(fmt::format("\"{}\" ({} of {})", slots[i].name, shape_text(slots[i].dims),
                                                where(slots[i])));
        return problem{load_errc::missing_tensor, missing.front(),
                       fmt::format("the file lacks {} the network needs: {}{}",
                                   missing.size() == 1 ? "a tensor" : "tensors", fmt::join(described, ", "),
                                   unexpected.empty() ? std::string()
                                                      : fmt::format("; it has {} instead", fmt::join(unexpected, ", ")))};
    }
    if (!unexpected.empty())
        return problem{load_errc::unexpected_tensor, first_unexpected,
                       fmt::format("the file has {} the network does not: {}",
                                   unexpected.size() == 1 ? "a tensor" : "tensors", fmt::join(unexpected, ", "))};
    for (std::size_t i = 0; i < slots.size(); ++i)
        if (matched[i]->shape != slots[i].dims)
            return problem{load_errc::shape_mismatch, slots[i].name,
                           fmt::format("tensor \"{}\" has shape {} in the file, but {} needs {}", slots[i].name,
                                       shape_text(matched[i]->shape), where(slots[i]), shape_text(slots[i].dims))};

    out.entries.clear();
    for (auto* m : matched) out.entries.push_back(*m);
    out.slots = std::move(slots);
    return std::nullopt;
}

template <class T>
constexpr T narrow(double v, bool& overflow) noexcept {
    // A finite double beyond the range of T would be undefined behaviour to convert.
    if (std::isfinite(v) && std::abs(v) > static_cast<double>(std::numeric_limits<T>::max())) {
        overflow = true;
        return v > 0 ? std::numeric_limits<T>::infinity() : -std::numeric_limits<T>::infinity();
    }
    return static_cast<T>(v);
}

template <class T>
constexpr std::string_view scalar_name() {
    return std::is_same_v<T, float> ? "float" : std::is_same_v<T, double> ? "double" : "the network's scalar type";
}

// Calls f(read) with the function that reads one value of the dtype, chosen once per tensor.
template <class T, class F>
auto with_reader(std::string_view dtype, F&& f) {
    if (dtype == "F32")
        return f([](const std::byte* p, bool&) { return static_cast<T>(std::bit_cast<float>(read_le<std::uint32_t>(p))); });
    if (dtype == "F64")
        return f([](const std::byte* p, bool& overflow) {
            return narrow<T>(std::bit_cast<double>(read_le<std::uint64_t>(p)), overflow);
        });
    if (dtype == "F16")
        return f([](const std::byte* p, bool&) { return static_cast<T>(half_to_float(read_le<std::uint16_t>(p))); });
    return f([](const std::byte* p, bool&) { return static_cast<T>(bfloat16_to_float(read_le<std::uint16_t>(p))); });
}

inline std::string index_text(const std::vector<std::uint64_t>& dims, std::size_t flat) {
    std::vector<std::uint64_t> index(dims.size());
    for (std::size_t d = dims.size(); d-- > 0;) {
        index[d] = flat % dims[d];
        flat /= dims[d];
    }
    return shape_text(index);
}

// Decodes into scratch, and writes the network only when every value has been accepted.
template <class T>
std::optional<problem> decode_and_commit(const plan<T>& plan, std::span<const std::byte> data,
                                         const load_options& options) {
    std::size_t total = 0;
    for (const auto& s : plan.slots) total += s.count;
    std::vector<T> scratch(total);
    std::size_t at = 0;
    for (std::size_t i = 0; i < plan.slots.size(); ++i) {
        const auto& s = plan.slots[i];
        const auto& e = plan.entries[i];
        const std::size_t width = supported_dtype(e.dtype)->bytes;
        const std::byte* first = data.data() + e.begin;
        auto problem_in_tensor = with_reader<T>(e.dtype, [&](auto read) -> std::optional<problem> {
            const std::byte* p = first;
            for (std::size_t k = 0; k < s.count; ++k, p += width) {
                bool overflow = false;
                const T v = read(p, overflow);
                if (!options.allow_non_finite && !std::isfinite(v)) {
                    const auto what = overflow        ? fmt::format("a value too large for {}", scalar_name<T>())
                                      : std::isnan(v) ? std::string("NaN")
                                      : v > 0         ? std::string("+Inf")
                                                      : std::string("-Inf");
                    return problem{load_errc::non_finite, s.name,
                                   fmt::format("tensor \"{}\" ({}) holds {} at {}; load with "
                                               "{{.allow_non_finite = true}} to accept it",
                                               s.name, where(s), what, index_text(s.dims, k))};
                }
                scratch[at + k] = v;
            }
            return std::nullopt;
        });
        if (problem_in_tensor) return problem_in_tensor;
        at += s.count;
    }
    at = 0;
    for (const auto& s : plan.slots) {
        std::copy_n(scratch.data() + at, s.count, s.data);
        at += s.count;
    }
    return std::nullopt;
}

inline load_error to_error(const problem& p, std::string_view source) {
    return load_error(p.code, p.tensor, fmt::format("typenet: cannot load {}: {}", source, p.text));
}

// The checks on the 8-byte header length that a buffer and a file share; `total` is the whole file's size.
inline problem too_short_for_header_length(std::uint64_t total) {
    return {load_errc::truncated, "",
            fmt::format("the file is {} bytes long, shorter than the 8-byte header length", total)};
}
inline std::optional<problem> check_header_length(std::uint64_t header_size, std::uint64_t total,
                                                  const load_options& options) {
    if (header_size > options.max_header_bytes)
        return problem{load_errc::header_too_large, "",
                       fmt::format("the header claims {} bytes, more than the limit of {} "
                                   "(load_options::max_header_bytes)",
                                   header_size, options.max_header_bytes)};
    if (header_size > total - 8)
        return problem{load_errc::truncated, "",
                       fmt::format("the header claims {} bytes, but only {} follow the header length", header_size,
                                   total - 8)};
    return std::nullopt;
}

template <class Net>
std::optional<load_error> load_span(Net& net, std::span<const std::byte> bytes, std::string_view source,
                                    const load_options& options) {
    using T = typename Net::scalar_type;
    if (bytes.size() < 8) return to_error(too_short_for_header_length(bytes.size()), source);
    const std::uint64_t header_size = read_le<std::uint64_t>(bytes.data());
    if (auto problem = check_header_length(header_size, bytes.size(), options)) return to_error(*problem, source);
    const std::string_view header(reinterpret_cast<const char*>(bytes.data() + 8), header_size);
    const auto data = bytes.subspan(8 + header_size);
    plan<T> p;
    if (auto problem = check_header(header, data.size(), slots_of(net), p)) return to_error(*problem, source);
    if (auto problem = decode_and_commit(p, data, options)) return to_error(*problem, source);
    return std::nullopt;
}

template <class Net>
std::optional<load_error> load_file(Net& net, const std::filesystem::path& path, const load_options& options) {
    using T = typename Net::scalar_type;
    const std::string source = fmt::format("\"{}\"", path.string());
    auto cannot = [&](const std::string& why) { return to_error({load_errc::cannot_read, "", why}, source); };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return cannot(ec ? ec.message() : std::string("it is not a regular file"));
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) return cannot(ec.message());
    std::ifstream in(path, std::ios::binary);
    if (!in) return cannot(std::generic_category().message(errno));

    // Read the header first and check it against the file's size and the network, so that nothing the file
    // claims decides how much is read before it has been checked.
    std::array<std::byte, 8> length{};
    if (size < 8 || !in.read(reinterpret_cast<char*>(length.data()), 8))
        return to_error(too_short_for_header_length(size), source);
    const std::uint64_t header_size = read_le<std::uint64_t>(length.data());
    if (auto problem = check_header_length(header_size, size, options)) return to_error(*problem, source);
    std::string header(header_size, '\0');
    if (!in.read(header.data(), static_cast<std::streamsize>(header_size))) return cannot("reading the header failed");
    plan<T> p;
    if (auto problem = check_header(header, size - 8 - header_size, slots_of(net), p))
        return to_error(*problem, source);
    // The header matched the network, so the data section is no larger than its parameters in F64.
    std::vector<std::byte> data(size - 8 - header_size);
    if (!in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size())))
        return to_error({load_errc::truncated, "", "the file ended while its data was read"}, source);
    if (auto problem = decode_and_commit(p, data, options)) return to_error(*problem, source);
    return std::nullopt;
}

template <class T>
constexpr std::string_view dtype_of() {
    if constexpr (std::is_same_v<T, float>) return "F32";
    else if constexpr (std::is_same_v<T, double>) return "F64";
    else static_assert(sizeof(T) == 0, "typenet: save: safetensors files hold float or double parameters");
}

}  // namespace detail::io

/// Loads the parameters of `net` from safetensors bytes, e.g. a file compiled into flash. Returns the error
/// instead of throwing it; on any error `net` is left exactly as it was. Tensors are matched by PyTorch's
/// state_dict names ("0.weight", "1.0.bias") and must have the shapes the network's type fixes. F32, F64,
/// F16 and BF16 data are converted to the network's scalar type.
template <loadable_network Net>
[[nodiscard]] std::optional<load_error> try_load(Net& net, std::span<const std::byte> bytes,
                                                 const load_options& options = {}) {
    return detail::io::load_span(net, bytes,
                                 fmt::format("a buffer of {} bytes", bytes.size()), options);
}

/// Loads the parameters of `net` from a safetensors file, returning the error instead of throwing it.
template <loadable_network Net>
[[nodiscard]] std::optional<load_error> try_load(Net& net, const std::filesystem::path& path,
                                                 const load_options& options = {}) {
    return detail::io::load_file(net, path, options);
}

/// The safetensors bytes of `net`'s parameters, in the network's scalar type (F32 or F64), named as
/// PyTorch's state_dict names them.
template <loadable_network Net>
std::vector<std::byte> to_safetensors(const Net& net, const safetensors_metadata& metadata = {}) {
    using T = typename Net::scalar_type;
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::size_t offset = 0;
    const auto slots = detail::io::slots_of(net);
    for (const auto& s : slots) {
        header[s.name] = {{"dtype", detail::io::dtype_of<T>()},
                          {"shape", s.dims},
                          {"data_offsets", {offset, offset + s.count * sizeof(T)}}};
        offset += s.count * sizeof(T);
    }
    std::string text = header.dump();
    // Pad with spaces so that the data starts 8-byte aligned, as the format's reference writer does.
    text.append((8 - text.size() % 8) % 8, ' ');
    std::vector<std::byte> out(8 + text.size() + offset);
    detail::io::write_le<std::uint64_t>(out.data(), text.size());
    std::transform(text.begin(), text.end(), out.begin() + 8, [](char c) { return static_cast<std::byte>(c); });
    std::byte* p = out.data() + 8 + text.size();
    for (const auto& s : slots)
        for (std::size_t k = 0; k < s.count; ++k, p += sizeof(T)) {
            if constexpr (sizeof(T) == 4) detail::io::write_le(p, std::bit_cast<std::uint32_t>(s.data[k]));
            else detail::io::write_le(p, std::bit_cast<std::uint64_t>(s.data[k]));
        }
    return out;
}

#if defined(__cpp_exceptions)
/// Loads the parameters of `net` from a safetensors file. Throws load_error, whose message names the tensor
/// and the expected and found shapes; on any error `net` is left exactly as it was.
template <loadable_network Net>
void load(Net& net, const std::filesystem::path& path, const load_options& options = {}) {
    if (auto error = try_load(net, path, options)) throw std::move(*error);
}

/// Loads the parameters of `net` from safetensors bytes in memory. Throws load_error as above.
template <loadable_network Net>
void load(Net& net, std::span<const std::byte> bytes, const load_options& options = {}) {
    if (auto error = try_load(net, bytes, options)) throw std::move(*error);
}

/// Writes `net`'s parameters to a safetensors file that PyTorch's safetensors reads (and tn::load, bit for
/// bit). The file is written beside the target and renamed over it, so a failed save leaves no half file.
/// Throws std::system_error when the file cannot be written.
template <loadable_network Net>
void save(const Net& net, const std::filesystem::path& path, const safetensors_metadata& metadata = {}) {
    const auto bytes = to_safetensors(net, metadata);
    auto partial = path;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (out) out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out || !out.flush()) {
            const int error = errno;
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw std::system_error(error, std::generic_category(),
                                    fmt::format("typenet: cannot save \"{}\"", path.string()));
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw std::system_error(ec, fmt::format("typenet: cannot save \"{}\"", path.string()));
    }
}
#endif

}  // namespace typenet

#endif
