#ifndef TYPENET_ANALYSIS_TEXT_HPP
#define TYPENET_ANALYSIS_TEXT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <typenet/analysis/behaviour.hpp>
#include <typenet/analysis/comparison.hpp>
#include <typenet/analysis/data_flow.hpp>
#include <typenet/analysis/jacobian.hpp>

namespace typenet::analysis {

/// A table of text cells printed with aligned columns; numbers right-aligned, text left-aligned.
class text_table {
public:
    explicit text_table(std::vector<std::string> header) : header_(std::move(header)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    /// Columns (by index) whose cells are aligned to the left; all others to the right.
    void left(std::vector<std::size_t> columns) { left_ = std::move(columns); }

    std::string str() const {
        std::vector<std::size_t> width(header_.size(), 0);
        auto measure = [&](const std::vector<std::string>& r) {
            for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
        };
        measure(header_);
        for (const auto& r : rows_) measure(r);
        std::string out;
        auto line = [&](const std::vector<std::string>& r) {
            std::string l;
            for (std::size_t c = 0; c < width.size(); ++c) {
                const std::string cell = c < r.size() ? r[c] : "";
                l += is_left(c) ? fmt::format("{:<{}}", cell, width[c]) : fmt::format("{:>{}}", cell, width[c]);
                if (c + 1 < width.size()) l += "  ";
            }
            while (!l.empty() && l.back() == ' ') l.pop_back();
            out += l + "\n";
        };
        line(header_);
        std::size_t total = 0;
        for (auto w : width) total += w + 2;
        out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
        for (const auto& r : rows_) line(r);
        return out;
    }

    bool is_left(std::size_t column) const noexcept {
        return std::find(left_.begin(), left_.end(), column) != left_.end();
    }
    const std::vector<std::string>& header() const noexcept { return header_; }
    const std::vector<std::vector<std::string>>& rows() const noexcept { return rows_; }

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<std::size_t> left_;
};

/// A number as tables show it: 4 significant digits, "-" for NaN (no finite value).
inline std::string number(double v) {
    if (std::isnan(v)) return "-";
    if (v == 0) return "0";
    return fmt::format("{:.4g}", v);
}
inline std::string percent(double share) { return std::isnan(share) ? "-" : fmt::format("{:.1f}%", 100 * share); }
inline std::string thousands(std::size_t v) {
    std::string digits = fmt::format("{}", v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// ---- data flow ---------------------------------------------------------------------------------------------

inline text_table data_flow_table(std::span<const layer_statistics> rows) {
    text_table t({"#", "layer", "shape", "params", "mean", "std", "min", "max", "zeros", "saturated", "NaN", "Inf"});
    t.left({0, 1});
    for (const auto& r : rows) {
        const auto& v = r.values;
        t.add({r.layer.position, r.layer.name, r.layer.shape, thousands(r.layer.parameters), number(v.mean()),
               number(v.std_dev()), number(v.min()), number(v.max()), percent(v.zero_share()),
               v.rule() == saturation_rule::none ? "-" : percent(v.saturated_share()), fmt::format("{}", v.nan_count()),
               fmt::format("{}", v.inf_count())});
    }
    return t;
}

// ---- comparison --------------------------------------------------------------------------------------------

inline std::string kinds_text(const network_profile& p) {
    std::string s;
    for (const auto& [kind, count] : p.kinds) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", count, kind);
    return s;
}

/// Networks side by side: one column per network, one row per measure.
inline text_table comparison_table(std::span<const network_profile> profiles) {
    std::vector<std::string> header{""};
    for (const auto& p : profiles) header.push_back(p.name);
    text_table t(header);
    t.left({0});
    auto row = [&](std::string label, auto cell) {
        std::vector<std::string> r{std::move(label)};
        for (const auto& p : profiles) r.push_back(cell(p));
        t.add(std::move(r));
    };
    using P = const network_profile&;
    row("widths", [](P p) { return p.widths; });
    row("depth (layers)", [](P p) { return fmt::format("{}", p.depth); });
    row("Dense layers", [](P p) { return fmt::format("{}", p.dense_layers); });
    row("parameters", [](P p) { return thousands(p.parameters); });
    row("MACs", [](P p) { return thousands(p.macs); });
    row("parameter bytes", [](P p) { return thousands(p.parameter_bytes); });
    row("largest activation", [](P p) { return thousands(p.largest_activation); });
    row("layer kinds", [](P p) { return kinds_text(p); });
    row("latency (ns/sample)", [](P p) { return fmt::format("{:.0f}", p.latency_ns); });
    row("output mean", [](P p) { return number(p.outputs.mean()); });
    row("output std", [](P p) { return number(p.outputs.std_dev()); });
    row("output min", [](P p) { return number(p.outputs.min()); });
    row("output max", [](P p) { return number(p.outputs.max()); });
    return t;
}

// ---- behaviour ---------------------------------------------------------------------------------------------

inline text_table noise_table(std::span<const noise_level> levels) {
    text_table t({"noise std", "output mean", "output std", "mean |change|", "max |change|", "argmax kept"});
    for (const auto& l : levels)
        t.add({fmt::format("{:g}", l.level), number(l.outputs.mean()), number(l.outputs.std_dev()),
               number(l.mean_abs_change), number(l.max_abs_change), percent(l.decision_kept)});
    return t;
}

// ---- CSV ---------------------------------------------------------------------------------------------------

/// Quotes a CSV field when it needs it (RFC 4180).
inline std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

inline std::string to_csv(const text_table& t) {
    std::string out;
    auto line = [&](const std::vector<std::string>& r) {
        for (std::size_t c = 0; c < r.size(); ++c) {
            if (c) out += ',';
            out += csv_field(r[c]);
        }
        out += "\n";
    };
    line(t.header());
    for (const auto& r : t.rows()) line(r);
    return out;
}

/// Per-layer statistics with full precision, one row per layer.
inline std::string data_flow_csv(std::span<const layer_statistics> rows) {
    std::string out = "index,position,kind,name,shape,parameters,count,mean,std,min,max,zero_share,saturated_share,nan,inf\n";
    for (const auto& r : rows) {
        const auto& v = r.values;
        out += fmt::format("{},{},{},{},{},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{},{},{}\n",
                           r.layer.position == "input" ? std::string("") : fmt::format("{}", r.layer.index),
                           r.layer.position, r.layer.kind, csv_field(r.layer.name), r.layer.shape, r.layer.parameters,
                           v.count(), v.mean(), v.std_dev(), v.min(), v.max(), v.zero_share(),
                           v.rule() == saturation_rule::none ? std::string("") : fmt::format("{:.17g}", v.saturated_share()),
                           v.nan_count(), v.inf_count());
    }
    return out;
}

/// Every histogram bin of every layer: position, bin, low edge, high edge, count.
inline std::string histograms_csv(std::span<const layer_statistics> rows) {
    std::string out = "position,name,bin,low,high,count\n";
    for (const auto& r : rows) {
        const auto& h = r.values.hist();
        for (std::size_t b = 0; b < h.bins(); ++b)
            out += fmt::format("{},{},{},{:.17g},{:.17g},{}\n", r.layer.position, csv_field(r.layer.name), b,
                               h.low() + h.width() * static_cast<double>(b), h.low() + h.width() * static_cast<double>(b + 1),
                               h.counts()[b]);
    }
    return out;
}

inline std::string noise_csv(std::span<const noise_level> levels) {
    std::string out = "level,output_mean,output_std,output_min,output_max,mean_abs_change,max_abs_change,argmax_kept\n";
    for (const auto& l : levels)
        out += fmt::format("{:g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}\n", l.level, l.outputs.mean(),
                           l.outputs.std_dev(), l.outputs.min(), l.outputs.max(), l.mean_abs_change, l.max_abs_change,
                           l.decision_kept);
    return out;
}

inline std::string sweep_csv(const sweep& s) {
    std::string out = fmt::format("x{}", s.feature);
    if (!s.outputs.empty())
        for (std::size_t o = 0; o < s.outputs[0].size(); ++o) out += fmt::format(",y{}", o);
    out += "\n";
    for (std::size_t k = 0; k < s.values.size(); ++k)
        out += fmt::format("{:.17g},{:.17g}\n", s.values[k], fmt::join(s.outputs[k], ","));
    return out;
}

inline std::string jacobian_csv(const jacobian_matrix& j) {
    std::string out = "output";
    for (std::size_t i = 0; i < j.inputs; ++i) out += fmt::format(",dx{}", i);
    out += "\n";
    for (std::size_t o = 0; o < j.outputs; ++o) {
        out += fmt::format("y{}", o);
        for (std::size_t i = 0; i < j.inputs; ++i) out += fmt::format(",{:.17g}", j.at(o, i));
        out += "\n";
    }
    return out;
}

// ---- JSON --------------------------------------------------------------------------------------------------

inline std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            else out += c;
        }
    }
    return out + "\"";
}
/// JSON has no NaN or infinity: they become null.
inline std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : "null"; }

inline std::string statistics_json(const running_statistics& v) {
    const auto& h = v.hist();
    return fmt::format(
        "{{\"count\": {}, \"finite\": {}, \"mean\": {}, \"std\": {}, \"min\": {}, \"max\": {}, \"zero_share\": {}, "
        "\"saturated_share\": {}, \"nan\": {}, \"inf\": {}, \"histogram\": {{\"low\": {}, \"high\": {}, \"counts\": [{}]}}}}",
        v.count(), v.finite_count(), json_number(v.mean()), json_number(v.std_dev()), json_number(v.min()),
        json_number(v.max()), json_number(v.zero_share()),
        v.rule() == saturation_rule::none ? std::string("null") : json_number(v.saturated_share()), v.nan_count(),
        v.inf_count(), json_number(h.low()), json_number(h.high()), fmt::join(h.counts(), ", "));
}

inline std::string data_flow_json(std::span<const layer_statistics> rows) {
    std::string out = "[\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        out += fmt::format("  {{\"position\": {}, \"kind\": {}, \"name\": {}, \"shape\": {}, \"parameters\": {}, \"statistics\": {}}}{}\n",
                           json_string(r.layer.position), json_string(r.layer.kind), json_string(r.layer.name),
                           json_string(r.layer.shape), r.layer.parameters, statistics_json(r.values),
                           i + 1 < rows.size() ? "," : "");
    }
    return out + "]\n";
}

inline std::string comparison_json(std::span<const network_profile> profiles) {
    std::string out = "[\n";
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        const auto& p = profiles[i];
        std::string kinds;
        for (const auto& [k, c] : p.kinds) kinds += fmt::format("{}{}: {}", kinds.empty() ? "" : ", ", json_string(k), c);
        out += fmt::format(
            "  {{\"name\": {}, \"architecture\": {}, \"widths\": {}, \"depth\": {}, \"dense_layers\": {}, \"parameters\": {}, "
            "\"macs\": {}, \"parameter_bytes\": {}, \"largest_activation\": {}, \"kinds\": {{{}}}, \"latency_ns\": {}, "
            "\"outputs\": {}}}{}\n",
            json_string(p.name), json_string(p.architecture), json_string(p.widths), p.depth, p.dense_layers,
            p.parameters, p.macs, p.parameter_bytes, p.largest_activation, kinds, json_number(p.latency_ns),
            statistics_json(p.outputs), i + 1 < profiles.size() ? "," : "");
    }
    return out + "]\n";
}

inline std::string noise_json(std::span<const noise_level> levels) {
    std::string out = "[\n";
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto& l = levels[i];
        out += fmt::format("  {{\"level\": {}, \"mean_abs_change\": {}, \"max_abs_change\": {}, \"argmax_kept\": {}, \"outputs\": {}}}{}\n",
                           json_number(l.level), json_number(l.mean_abs_change), json_number(l.max_abs_change),
                           json_number(l.decision_kept), statistics_json(l.outputs), i + 1 < levels.size() ? "," : "");
    }
    return out + "]\n";
}

}  // namespace typenet::analysis

#endif
