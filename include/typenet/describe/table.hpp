#ifndef TYPENET_DESCRIBE_TABLE_HPP
#define TYPENET_DESCRIBE_TABLE_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <typenet/describe/format.hpp>
#include <typenet/describe/reflect.hpp>

namespace typenet {

/// How the shape tables read.
struct table_options {
    /// Samples in the batch: shapes read [batch, ...] and MACs and the activation buffer count the whole
    /// batch, as torchinfo does. 0 leaves the batch dimension out and counts one sample.
    std::size_t batch = 1;
    /// Shown above the plain-text table ("Model: ..."), as a bold line above the Markdown table, and as
    /// "title" in JSON. Empty: none.
    std::string_view title = {};
};

namespace detail {

inline std::size_t batch_factor(const table_options& o) { return o.batch == 0 ? 1 : o.batch; }

// One row of a table, as text; the emitters differ only in how they lay the rows out.
struct table_row {
    const layer_info* layer;
    std::string tree;  // "│    └─" before the name in the plain-text table
    std::string name;
    std::string output;
    std::string parameters;
    std::string share;
    std::string macs;
};

inline std::vector<table_row> table_rows(const network_info& net, const table_options& o) {
    std::vector<table_row> rows;
    rows.reserve(net.layers.size());
    // Whether the network that holds each level has more layers after the current one: draws "│" or " ".
    std::array<bool, layer_info::max_nesting> more_below{};
    std::array<std::size_t, layer_info::max_nesting> level_end{};
    level_end[0] = net.layers.size();
    for (const layer_info& l : net.layers) {
        const std::size_t index = static_cast<std::size_t>(&l - net.layers.data());
        const std::size_t end = l.is_group ? l.group_end : index + 1;
        const bool last = end >= level_end[l.nesting];
        std::string tree;
        for (std::size_t d = 0; d < l.nesting; ++d) tree += more_below[d] ? "│    " : "     ";
        tree += last ? "└─" : "├─";
        more_below[l.nesting] = !last;
        if (l.is_group && l.nesting + 1 < layer_info::max_nesting) level_end[l.nesting + 1] = l.group_end;

        // A nested network's layers carry its numbers, and a zero reads as "--", as in torchinfo.
        const bool params = !l.is_group && l.parameter_count > 0;
        const bool macs = !l.is_group && l.mac_count > 0;
        rows.push_back({&l, std::move(tree), std::string(l.name), shape_text(l.output, o.batch),
                        params ? grouped(l.parameter_count) : "--",
                        params ? percent_text(l.parameter_count, net.parameter_count) : "--",
                        macs ? grouped(l.mac_count * batch_factor(o)) : "--"});
    }
    return rows;
}

inline std::string activation_text(const network_info& net, const table_options& o) {
    const std::size_t f = batch_factor(o);
    return fmt::format("{} values, {}", grouped(net.largest_activation_size * f),
                       bytes_text(net.largest_activation_bytes * f));
}

inline std::string scalar_suffix(const network_info& net) {
    return net.scalar.empty() ? std::string() : fmt::format(" of {}", net.scalar);
}

inline void append_padded(std::string& out, std::string_view s, std::size_t width, bool right) {
    const std::size_t w = display_width(s);
    const std::string pad(width > w ? width - w : 0, ' ');
    if (right) out += pad;
    out += s;
    if (!right) out += pad;
}

inline void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
                else out += c;
        }
    }
    out += '"';
}

inline std::string json_shape(const shape_info& s, std::size_t batch) { return shape_text(s, batch, "[", ", ", "]"); }

inline std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

}  // namespace detail

/// The shape table as aligned plain text, in the style of torchinfo.summary:
///
///     Layer (type: position)       Output Shape       Param #   % Params        MACs
///     ├─Dense<784, 128>: 0         [1, 128]           100,480     91.86%     100,352
inline std::string to_text_table(const network_info& net, const table_options& o = {}) {
    const auto rows = detail::table_rows(net, o);
    const std::array<std::string_view, 5> head{"Layer (type: position)", "Output Shape", "Param #", "% Params", "MACs"};
    std::array<std::size_t, 5> width{};
    for (std::size_t c = 0; c < head.size(); ++c) width[c] = head[c].size();
    std::vector<std::string> first_cells;
    for (const auto& r : rows) {
        first_cells.push_back(fmt::format("{}{}: {}", r.tree, r.name, detail::position_text(*r.layer)));
        width[0] = std::max(width[0], detail::display_width(first_cells.back()));
        width[1] = std::max(width[1], r.output.size());
        width[2] = std::max(width[2], r.parameters.size());
        width[3] = std::max(width[3], r.share.size());
        width[4] = std::max(width[4], r.macs.size());
    }
    const std::size_t gap = 3;
    std::size_t total_width = 0;
    for (std::size_t w : width) total_width += w + gap;
    total_width -= gap;
    const std::string rule(total_width, '=');

    std::string out;
    if (!o.title.empty()) fmt::format_to(std::back_inserter(out), "Model: {}\n", o.title);
    auto row = [&](std::string_view a, std::string_view b, std::string_view c, std::string_view d, std::string_view e) {
        std::string line;
        detail::append_padded(line, a, width[0] + gap, false);
        detail::append_padded(line, b, width[1], false);
        detail::append_padded(line, c, width[2] + gap, true);
        detail::append_padded(line, d, width[3] + gap, true);
        detail::append_padded(line, e, width[4] + gap, true);
        out += line + '\n';
    };
    out += rule + '\n';
    row(head[0], head[1], head[2], head[3], head[4]);
    out += rule + '\n';
    for (std::size_t i = 0; i < rows.size(); ++i)
        row(first_cells[i], rows[i].output, rows[i].parameters, rows[i].share, rows[i].macs);
    out += rule + '\n';
    const std::size_t f = detail::batch_factor(o);
    fmt::format_to(std::back_inserter(out),
                   "Total params: {}\n"
                   "Total MACs: {}\n"
                   "Input shape: {}    Output shape: {}\n"
                   "Parameter size: {}{}\n"
                   "Largest activation: {}\n",
                   detail::grouped(net.parameter_count), detail::grouped(net.mac_count * f),
                   detail::shape_text(net.input, o.batch), detail::shape_text(net.output, o.batch),
                   detail::bytes_text(net.parameter_bytes), detail::scalar_suffix(net), detail::activation_text(net, o));
    out += rule + '\n';
    return out;
}

/// The shape table as a Markdown (GitHub) table followed by the totals. Names sit in code spans, so that
/// `Dense<784, 128>` is not read as HTML.
inline std::string to_markdown_table(const network_info& net, const table_options& o = {}) {
    const auto rows = detail::table_rows(net, o);
    std::string out;
    if (!o.title.empty()) fmt::format_to(std::back_inserter(out), "**{}**\n\n", o.title);
    out += "| # | Layer | Output shape | Params | % Params | MACs |\n";
    out += "|:--|:--|:--|--:|--:|--:|\n";
    for (const auto& r : rows) {
        std::string indent;
        for (std::size_t d = 0; d < r.layer->nesting; ++d) indent += "&emsp;";
        fmt::format_to(std::back_inserter(out), "| {} | {}{} | `{}` | {} | {} | {} |\n",
                       detail::position_text(*r.layer), indent,
                       r.layer->is_group ? fmt::format("**{}**", r.name) : fmt::format("`{}`", r.name), r.output,
                       r.parameters, r.share, r.macs);
    }
    const std::size_t f = detail::batch_factor(o);
    fmt::format_to(std::back_inserter(out), "| | **Total** | `{}` | **{}** | **100.00%** | **{}** |\n\n",
                   detail::shape_text(net.output, o.batch), detail::grouped(net.parameter_count),
                   detail::grouped(net.mac_count * f));
    fmt::format_to(std::back_inserter(out),
                   "Input shape `{}` · parameter size {}{} · largest activation {}\n",
                   detail::shape_text(net.input, o.batch), detail::bytes_text(net.parameter_bytes),
                   detail::scalar_suffix(net), detail::activation_text(net, o));
    return out;
}

/// The shape table as CSV (RFC 4180), one row per position and a last row "total".
inline std::string to_csv_table(const network_info& net, const table_options& o = {}) {
    const auto rows = detail::table_rows(net, o);
    std::string out =
        "position,nesting,kind,name,label,input_shape,output_shape,parameters,parameter_percent,macs\n";
    const std::size_t f = detail::batch_factor(o);
    for (const auto& r : rows) {
        const layer_info& l = *r.layer;
        fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{:.2f},{}\n", detail::position_text(l),
                       l.nesting, detail::csv_field(l.kind), detail::csv_field(l.name), detail::csv_field(l.label),
                       detail::csv_field(detail::shape_text(l.input, o.batch)),
                       detail::csv_field(detail::shape_text(l.output, o.batch)), l.parameter_count,
                       net.parameter_count == 0 ? 0.0
                                                : 100.0 * static_cast<double>(l.parameter_count) /
                                                      static_cast<double>(net.parameter_count),
                       l.mac_count * f);
    }
    fmt::format_to(std::back_inserter(out), "total,,,,,{},{},{},100.00,{}\n",
                   detail::csv_field(detail::shape_text(net.input, o.batch)),
                   detail::csv_field(detail::shape_text(net.output, o.batch)), net.parameter_count,
                   net.mac_count * f);
    return out;
}

/// The description as JSON: every field of every position, and the totals.
inline std::string to_json(const network_info& net, const table_options& o = {}) {
    using detail::append_json_string;
    const std::size_t f = detail::batch_factor(o);
    std::string out = "{\n  \"title\": ";
    append_json_string(out, o.title);
    fmt::format_to(std::back_inserter(out), ",\n  \"batch\": {},\n  \"scalar\": ", o.batch);
    append_json_string(out, net.scalar);
    fmt::format_to(std::back_inserter(out), ",\n  \"input_shape\": {},\n  \"output_shape\": {},\n  \"layers\": [",
                   detail::json_shape(net.input, o.batch), detail::json_shape(net.output, o.batch));
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const layer_info& l = net.layers[i];
        out += i == 0 ? "\n    {" : ",\n    {";
        fmt::format_to(std::back_inserter(out), "\"position\": [{}], \"nesting\": {}, \"kind\": ",
                       fmt::join(l.position(), ", "), l.nesting);
        append_json_string(out, l.kind);
        out += ", \"name\": ";
        append_json_string(out, l.name);
        out += ", \"label\": ";
        append_json_string(out, l.label);
        fmt::format_to(std::back_inserter(out),
                       ", \"input_shape\": {}, \"output_shape\": {}, \"parameters\": {}, \"macs\": {}, "
                       "\"group\": {}, \"layers_inside\": {}}}",
                       detail::json_shape(l.input, o.batch), detail::json_shape(l.output, o.batch), l.parameter_count,
                       l.mac_count * f, l.is_group, l.is_group ? detail::leaves_in(net, i) : 0);
    }
    fmt::format_to(std::back_inserter(out),
                   "\n  ],\n  \"totals\": {{\"parameters\": {}, \"parameter_bytes\": {}, \"macs\": {}, "
                   "\"largest_activation_size\": {}, \"largest_activation_bytes\": {}, \"depth\": {}}}\n}}\n",
                   net.parameter_count, net.parameter_bytes, net.mac_count * f, net.largest_activation_size * f,
                   net.largest_activation_bytes * f, net.depth);
    return out;
}

/// The same emitters for a network type.
template <class Net>
std::string to_text_table(const table_options& o = {}) {
    return to_text_table(describe_view<Net>(), o);
}
template <class Net>
std::string to_markdown_table(const table_options& o = {}) {
    return to_markdown_table(describe_view<Net>(), o);
}
template <class Net>
std::string to_csv_table(const table_options& o = {}) {
    return to_csv_table(describe_view<Net>(), o);
}
template <class Net>
std::string to_json(const table_options& o = {}) {
    return to_json(describe_view<Net>(), o);
}

}  // namespace typenet

#endif
