#ifndef TYPENET_DESCRIBE_FORMAT_HPP
#define TYPENET_DESCRIBE_FORMAT_HPP

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <typenet/describe/reflect.hpp>

namespace typenet::detail {

// Text pieces every emitter shares, so that a shape or a count reads the same in a diagram and a table.

// 109386 -> "109,386"
inline std::string grouped(std::size_t n) {
    std::string digits = fmt::format("{}", n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// The shape of a batch: "[1, 784]" (open "[", separator ", "); batch 0 leaves the batch dimension out.
inline std::string shape_text(const shape_info& s, std::size_t batch, std::string_view open = "[",
                              std::string_view separator = ", ", std::string_view close = "]") {
    std::string out(open);
    if (batch > 0) out += fmt::format("{}", batch);
    for (std::size_t d : s.extents()) {
        if (out.size() > open.size()) out += separator;
        fmt::format_to(std::back_inserter(out), "{}", d);
    }
    out += close;
    return out;
}

// "1.0": the position of a layer, outermost first, as tn::get<1>(net).layer<0>() reaches it.
inline std::string position_text(const layer_info& l) { return fmt::format("{}", fmt::join(l.position(), ".")); }

// The share of a network's parameters held by one layer: "91.86%".
inline std::string percent_text(std::size_t part, std::size_t whole) {
    if (whole == 0) return "0.00%";
    return fmt::format("{:.2f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// Columns of plain text are counted in characters, not bytes (the tree is drawn with box characters).
inline std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// The layers a nested network holds at any depth, as Sequential::depth counts them.
inline std::size_t leaves_in(const network_info& net, std::size_t group) {
    std::size_t n = 0;
    for (std::size_t i = group + 1; i < net.layers[group].group_end; ++i) n += net.layers[i].is_group ? 0 : 1;
    return n;
}

// "437,544 bytes (427.3 KiB)"
inline std::string bytes_text(std::size_t bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", grouped(bytes));
    if (bytes < 1024 * 1024)
        return fmt::format("{} bytes ({:.1f} KiB)", grouped(bytes), static_cast<double>(bytes) / 1024.0);
    return fmt::format("{} bytes ({:.1f} MiB)", grouped(bytes), static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace typenet::detail

#endif
