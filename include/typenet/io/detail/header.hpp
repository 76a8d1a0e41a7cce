#ifndef TYPENET_IO_DETAIL_HEADER_HPP
#define TYPENET_IO_DETAIL_HEADER_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <typenet/io/detail/bytes.hpp>
#include <typenet/io/load_error.hpp>

namespace typenet::detail::io {

// One tensor as the header describes it, before anything is checked against the data or the network.
struct header_entry {
    std::string name;
    std::string dtype;
    std::vector<std::uint64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

struct problem {
    load_errc code;
    std::string tensor;
    std::string text;
};

// Reads the header through nlohmann-json's SAX interface straight into header_entry values. No DOM is
// built, so a hostile header costs memory in proportion to the tensors it names and nothing more, and the
// parser's own message for malformed JSON is kept without needing exceptions.
class header_reader {
public:
    std::vector<header_entry> entries;
    std::optional<problem> error;

    using json = nlohmann::json;

    bool null() { return unexpected_value("null"); }
    bool boolean(bool) { return unexpected_value("a boolean"); }
    bool number_integer(json::number_integer_t v) {
        if (state_ == state::shape || state_ == state::offsets)
            return fail(fmt::format("{} holds the negative number {}", field_text(), v));
        return unexpected_value("a number");
    }
    bool number_unsigned(json::number_unsigned_t v) {
        if (state_ == state::shape) {
            entries.back().shape.push_back(v);
            return true;
        }
        if (state_ == state::offsets) {
            if (++offsets_seen_ > 2) return fail("data_offsets has more than two entries");
            (offsets_seen_ == 1 ? entries.back().begin : entries.back().end) = v;
            return true;
        }
        return unexpected_value("a number");
    }
    bool number_float(json::number_float_t, const std::string& text) {
        if (state_ == state::shape || state_ == state::offsets)
            return fail(fmt::format("{} holds {}, which is not a non-negative integer below 2^64", field_text(),
                                    std::string_view(text).substr(0, 40)));
        return unexpected_value("a number");
    }
    bool string(std::string& s) {
        if (state_ == state::field && field_ == "dtype") {
            entries.back().dtype = std::move(s);
            state_ = state::entry;
            return true;
        }
        if (state_ == state::metadata_value) {
            state_ = state::metadata;
            return true;
        }
        return unexpected_value("a string");
    }
    bool binary(json::binary_t&) { return unexpected_value("binary data"); }

    bool start_object(std::size_t) {
        switch (state_) {
            case state::start: state_ = state::root; return true;
            case state::root_value:
                state_ = key_ == "__metadata__" ? state::metadata : state::entry;
                if (state_ == state::entry) {
                    entries.push_back({});
                    entries.back().name = key_;
                    fields_seen_ = 0;
                }
                return true;
            default: return unexpected_value("an object");
        }
    }
    bool key(std::string& k) {
        switch (state_) {
            case state::root:
                if (!names_.insert(k).second)
                    return fail_at(k, fmt::format("the header names the tensor {} twice", printable(k)));
                key_ = std::move(k);
                state_ = state::root_value;
                return true;
            case state::entry: {
                const unsigned bit = k == "dtype" ? 1u : k == "shape" ? 2u : k == "data_offsets" ? 4u : 0u;
                if (bit == 0)
                    return fail(fmt::format("unknown field {} (a tensor has dtype, shape and data_offsets)",
                                            printable(k)));
                if (fields_seen_ & bit) return fail(fmt::format("field {} appears twice", printable(k)));
                fields_seen_ |= bit;
                field_ = std::move(k);
                state_ = state::field;
                return true;
            }
            case state::metadata: state_ = state::metadata_value; return true;
            default: return fail("unexpected key");
        }
    }
    bool end_object() {
        switch (state_) {
            case state::root: state_ = state::done; return true;
            case state::metadata: state_ = state::root; return true;
            case state::entry:
                if (fields_seen_ != 7)
                    return fail(fmt::format("the entry lacks {}", (fields_seen_ & 1)   ? (fields_seen_ & 2) ? "data_offsets"
                                                                                         : "shape"
                                                                    : "dtype"));
                if (offsets_seen_ != 2) return fail("data_offsets must hold two numbers, [begin, end]");
                if (entries.back().begin > entries.back().end)
                    return fail(fmt::format("data_offsets [{}, {}] begin after they end", entries.back().begin,
                                            entries.back().end));
                state_ = state::root;
                return true;
            default: return fail("unexpected end of object");
        }
    }
    bool start_array(std::size_t) {
        if (state_ == state::field && field_ == "shape") {
            state_ = state::shape;
            return true;
        }
        if (state_ == state::field && field_ == "data_offsets") {
            state_ = state::offsets;
            offsets_seen_ = 0;
            return true;
        }
        return unexpected_value("an array");
    }
    bool end_array() {
        state_ = state::entry;
        return true;
    }
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& e) {
        std::string_view what = e.what();
        // nlohmann's messages begin with an internal tag ("[json.exception.parse_error.101] "): drop it.
        if (auto close = what.find("] "); what.starts_with("[json.exception") && close != what.npos)
            what.remove_prefix(close + 2);
        error = problem{load_errc::invalid_json, "", fmt::format("the header is not valid JSON: {}", what)};
        return false;
    }

    bool finished() const noexcept { return state_ == state::done; }

private:
    enum class state { start, root, root_value, entry, field, shape, offsets, metadata, metadata_value, done };

    std::string field_text() const { return fmt::format("{} of tensor {}", field_, printable(entries.back().name)); }

    bool unexpected_value(std::string_view what) {
        switch (state_) {
            case state::start: return fail_at("", fmt::format("the header is {}, not a JSON object", what));
            case state::root_value:
                return fail(key_ == "__metadata__"
                                ? fmt::format("__metadata__ is {}, not an object of strings", what)
                                : fmt::format("the entry of tensor {} is {}, not an object", printable(key_), what));
            case state::field:
                return fail(fmt::format("{} is {}, not {}", field_text(), what,
                                        field_ == "dtype" ? "a string" : "an array of integers"));
            case state::shape:
            case state::offsets: return fail(fmt::format("{} holds {}, not an integer", field_text(), what));
            case state::metadata_value:
                return fail(fmt::format("a value of __metadata__ is {}, not a string", what));
            default: return fail(fmt::format("unexpected {}", what));
        }
    }
    bool fail(std::string text) {
        return fail_at(state_ == state::root_value || state_ == state::start || entries.empty() ||
                               state_ == state::metadata || state_ == state::metadata_value
                           ? key_
                           : entries.back().name,
                       std::move(text));
    }
    bool fail_at(std::string tensor, std::string text) {
        error = problem{load_errc::invalid_header, std::move(tensor), fmt::format("invalid header: {}", text)};
        return false;
    }

    state state_ = state::start;
    std::string key_;
    std::string field_;
    unsigned fields_seen_ = 0;
    std::size_t offsets_seen_ = 0;
    std::set<std::string, std::less<>> names_;
};

// Parses a header; the entries keep the order of the file.
inline std::optional<problem> read_header(std::string_view text, std::vector<header_entry>& entries) {
    // nlohmann-json reads a NUL byte as the end of its input, which would let bytes after it go unread.
    if (auto nul = text.find('\0'); nul != text.npos)
        return problem{load_errc::invalid_json, "", fmt::format("the header holds a NUL byte at offset {}", nul)};
    header_reader reader;
    const bool ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &reader);
    if (reader.error) return reader.error;
    if (!ok || !reader.finished()) return problem{load_errc::invalid_json, "", "the header is not valid JSON"};
    entries = std::move(reader.entries);
    return std::nullopt;
}

}  // namespace typenet::detail::io

#endif
