#ifndef TYPENET_DESCRIBE_DOT_HPP
#define TYPENET_DESCRIBE_DOT_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <typenet/describe/format.hpp>
#include <typenet/describe/reflect.hpp>

namespace typenet {

/// How the data flows on the page: top to bottom (the default) or left to right.
enum class dot_direction { top_bottom, left_right };
/// `compact`: each node shows its label ("Dense(784,128)"); `detailed` adds its sizes, parameters and MACs.
enum class dot_detail { compact, detailed };

struct dot_options {
    dot_direction direction = dot_direction::top_bottom;
    dot_detail detail = dot_detail::detailed;
    /// Samples in the batch shown in the shapes on the edges: [batch, ...]. 0 leaves the batch dimension out.
    std::size_t batch = 1;
    /// The caption above the diagram ("models::Mlp"), followed by the totals. Empty: the totals alone.
    std::string_view title = {};
    bool legend = true;
};

/// The colours of a layer family in the diagrams.
struct kind_style {
    std::string_view fill;
    std::string_view border;
};

/// The colours of a kind: a fixed table for the kinds typenet knows, and for any other kind a colour picked
/// from a palette by its name, so that a new layer family is coloured, and always alike, with no change here.
constexpr kind_style style_of_kind(std::string_view kind) noexcept {
    constexpr std::array<std::pair<std::string_view, kind_style>, 16> known{{
        {"Dense", {"#A6CEE3", "#1F78B4"}},
        {"Conv2D", {"#B2DF8A", "#33A02C"}},
        {"MaxPool2D", {"#CAB2D6", "#6A3D9A"}},
        {"AvgPool2D", {"#D4C6E6", "#6A3D9A"}},
        {"Flatten", {"#E5D8BD", "#8C6D31"}},
        {"ReLU", {"#FDBF6F", "#D9720B"}},
        {"LeakyReLU", {"#FFE0B2", "#D9720B"}},
        {"GELU", {"#FBB4AE", "#D7301F"}},
        {"SiLU", {"#DECBE4", "#88419D"}},
        {"Sigmoid", {"#FFF2AE", "#B8860B"}},
        {"Tanh", {"#B3E2CD", "#1B9E77"}},
        {"Softmax", {"#F4CAE4", "#C51B7D"}},
        {"Identity", {"#F0F0F0", "#969696"}},
        {"Input", {"#E8E8E8", "#737373"}},
        {"Dropout", {"#FFFFFF", "#9E9E9E"}},
        {"BatchNorm2D", {"#C9D6DF", "#4A6A7A"}},
    }};
    for (const auto& [k, style] : known)
        if (k == kind) return style;
    constexpr std::array<kind_style, 8> palette{{{"#8DD3C7", "#238B80"},
                                                 {"#FFFFB3", "#A6A600"},
                                                 {"#BEBADA", "#5E57A0"},
                                                 {"#FB8072", "#B2281A"},
                                                 {"#BC80BD", "#7A3D7B"},
                                                 {"#CCEBC5", "#4D9A42"},
                                                 {"#FFED6F", "#B39B00"},
                                                 {"#E5C494", "#8C6D31"}}};
    std::uint32_t h = 2166136261u;  // FNV-1a: the same colour for a kind on every platform
    for (char c : kind) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return palette[h % palette.size()];
}

namespace detail {

// Text inside an HTML-like Graphviz label.
inline std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

inline std::string dot_node_id(const layer_info& l) { return fmt::format("L{}", fmt::join(l.position(), "_")); }

// "784" or "6×28×28": the shape of one sample inside a node.
inline std::string dims_text(const shape_info& s) { return shape_text(s, 0, "", "×", ""); }

inline std::string dot_layer_label(const layer_info& l, dot_detail detail) {
    std::string label = fmt::format("<b>{}</b>", html_escape(l.label));
    if (detail == dot_detail::compact) return label;
    std::vector<std::string> lines;
    if (!(l.input == l.output) || l.parameter_count > 0) lines.push_back(fmt::format("{} → {}", dims_text(l.input), dims_text(l.output)));
    if (l.parameter_count > 0) lines.push_back(fmt::format("{} params", grouped(l.parameter_count)));
    if (l.mac_count > 0) lines.push_back(fmt::format("{} MACs", grouped(l.mac_count)));
    if (!lines.empty())
        fmt::format_to(std::back_inserter(label), "<br/><font point-size=\"9\" color=\"#333333\">{}</font>",
                       fmt::join(lines, "<br/>"));
    return label;
}

}  // namespace detail

/// The architecture as a Graphviz digraph: Input and Output nodes, one node per layer coloured by kind,
/// edges labelled with the shape they carry, nested Sequentials as clusters, and a legend of the kinds.
inline std::string to_dot(const network_info& net, const dot_options& o = {}) {
    using detail::grouped;
    using detail::html_escape;
    const bool lr = o.direction == dot_direction::left_right;
    std::string out;
    auto put = [&out]<class... Args>(fmt::format_string<Args...> f, Args&&... args) {
        fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
    };

    const std::string totals = fmt::format("{} parameters · {} MACs", grouped(net.parameter_count), grouped(net.mac_count));
    put("digraph typenet {{\n");
    put("  graph [rankdir={}, fontname=\"Helvetica\", fontsize=13, labelloc=t, nodesep=0.35, ranksep=0.32, "
        "pad=0.25, label=<{}<font point-size=\"10\" color=\"#555555\">{}</font>>];\n",
        lr ? "LR" : "TB", o.title.empty() ? std::string() : fmt::format("<b>{}</b><br/>", html_escape(o.title)), totals);
    put("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, penwidth=1.3, "
        "margin=\"0.18,0.06\"];\n");
    put("  edge [fontname=\"Helvetica\", fontsize=9, fontcolor=\"#444444\", color=\"#666666\", arrowsize=0.7];\n\n");

    const auto io_label = [&](std::string_view what, const shape_info& s) {
        if (o.detail == dot_detail::compact) return fmt::format("<b>{}</b>", what);
        return fmt::format("<b>{}</b><br/><font point-size=\"9\" color=\"#333333\">{}</font>", what,
                           detail::dims_text(s));
    };
    put("  input [label=<{}>, fillcolor=\"#FFFFFF\", color=\"#444444\", style=\"rounded,filled,bold\"];\n",
        io_label("Input", net.input));

    // Layers in order; a nested network opens a cluster that closes after its last layer.
    std::vector<std::size_t> open_until;
    std::vector<std::string_view> kinds;  // first appearance order, for the legend
    std::vector<std::string> flow{"input"};
    std::vector<std::string> carried;  // the shape on the edge into flow[i + 1]
    shape_info last_output = net.input;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        while (!open_until.empty() && open_until.back() <= i) {
            open_until.pop_back();
            put("{}}}\n", std::string(2 * (open_until.size() + 1), ' '));
        }
        const layer_info& l = net.layers[i];
        const std::string indent(2 * (open_until.size() + 1), ' ');
        if (l.is_group) {
            const std::size_t inside = detail::leaves_in(net, i);
            put("{}subgraph cluster_{} {{\n", indent, fmt::join(l.position(), "_"));
            put("{}  label=<<b>Sequential {}</b> <font point-size=\"9\" color=\"#555555\">· {} layers · {} params</font>>;\n",
                indent, detail::position_text(l), inside, grouped(l.parameter_count));
            put("{}  style=\"rounded,dashed\"; color=\"#8A8A8A\"; bgcolor=\"#F7F7F7\"; fontname=\"Helvetica\"; "
                "fontsize=10; labeljust=l; margin=10;\n",
                indent);
            open_until.push_back(l.group_end);
            continue;
        }
        if (l.kind == "Input") continue;  // the Input node already shows the shape it names
        if (std::find(kinds.begin(), kinds.end(), l.kind) == kinds.end()) kinds.push_back(l.kind);
        const kind_style s = style_of_kind(l.kind);
        const std::string id = detail::dot_node_id(l);
        put("{}{} [label=<{}>, fillcolor=\"{}\", color=\"{}\", tooltip=\"{}\"];\n", indent, id,
            detail::dot_layer_label(l, o.detail), s.fill, s.border, html_escape(l.name));
        carried.push_back(detail::shape_text(l.input, o.batch));
        flow.push_back(id);
        last_output = l.output;
    }
    while (!open_until.empty()) {
        open_until.pop_back();
        put("{}}}\n", std::string(2 * (open_until.size() + 1), ' '));
    }
    put("  output [label=<{}>, fillcolor=\"#FFFFFF\", color=\"#444444\", style=\"rounded,filled,bold\"];\n\n",
        io_label("Output", net.output));
    carried.push_back(detail::shape_text(last_output, o.batch));
    flow.push_back("output");

    for (std::size_t i = 0; i + 1 < flow.size(); ++i)
        put("  {} -> {} [label=\"  {}  \"];\n", flow[i], flow[i + 1], carried[i]);

    if (o.legend && !kinds.empty()) {
        put("\n  legend [shape=plaintext, style=\"\", margin=0, label=<<table border=\"0\" cellborder=\"1\" "
            "cellspacing=\"3\" cellpadding=\"3\" color=\"#BBBBBB\">\n"
            "    <tr><td colspan=\"2\" border=\"0\"><font point-size=\"10\"><b>Layer kinds</b></font></td></tr>\n");
        for (std::string_view k : kinds) {
            const kind_style s = style_of_kind(k);
            put("    <tr><td bgcolor=\"{}\" color=\"{}\" width=\"18\"> </td><td border=\"0\" align=\"left\">"
                "<font point-size=\"10\">{}</font></td></tr>\n",
                s.fill, s.border, html_escape(k));
        }
        if (std::any_of(net.layers.begin(), net.layers.end(), [](const layer_info& l) { return l.is_group; }))
            put("    <tr><td bgcolor=\"#F7F7F7\" color=\"#8A8A8A\" style=\"dashed\" width=\"18\"> </td>"
                "<td border=\"0\" align=\"left\"><font point-size=\"10\">nested Sequential</font></td></tr>\n");
        put("  </table>>];\n");
        put("  {{ rank=same; input; legend; }}\n");
    }
    put("}}\n");
    return out;
}

/// The same emitter for a network type.
template <class Net>
std::string to_dot(const dot_options& o = {}) {
    return to_dot(describe_view<Net>(), o);
}

}  // namespace typenet

#endif
