#ifndef TYPENET_ANALYSIS_PLOT_HPP
#define TYPENET_ANALYSIS_PLOT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <typenet/analysis/behaviour.hpp>
#include <typenet/analysis/comparison.hpp>
#include <typenet/analysis/data_flow.hpp>
#include <typenet/describe/dot.hpp>

/// Plots are gnuplot scripts, self-contained (data inline), written next to the image they make, so that a
/// user can edit and re-run one by hand: `gnuplot data_flow_histograms.gp`.
namespace typenet::analysis {

/// Image format of the plots: PNG (pngcairo) or SVG.
enum class image_format { png, svg };

struct plot_options {
    image_format format = image_format::png;
    bool render = true;  // run gnuplot; otherwise only the scripts are written
};

/// The colour of a layer kind in every plot: the outline colour of the kind in the architecture diagrams.
inline std::string_view kind_colour(std::string_view kind) noexcept { return style_of_kind(kind).border; }

/// A series colour for the k-th network or output of a plot.
inline std::string_view series_colour(std::size_t k) noexcept {
    constexpr std::string_view palette[] = {"#4C78A8", "#F58518", "#54A24B", "#E45756", "#B279A2", "#72B7B2", "#EECA3B", "#9D755D"};
    return palette[k % std::size(palette)];
}

namespace detail {

// A gnuplot single-quoted string: only the quote itself needs doubling.
inline std::string gp_string(std::string_view s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

inline std::string terminal(const plot_options& o, int width, int height, const std::filesystem::path& image) {
    const std::string t = o.format == image_format::png
                              ? fmt::format("set terminal pngcairo size {},{} enhanced font 'DejaVu Sans,10' background rgb 'white'", width, height)
                              : fmt::format("set terminal svg size {},{} dynamic enhanced font 'DejaVu Sans,10' background rgb 'white'", width, height);
    return fmt::format("{}\nset output {}\nset encoding utf8\nset border lw 1 lc rgb '#555555'\n"
                       "set grid ytics lc rgb '#e6e6e6' lw 1 dt 1\nset tics textcolor rgb '#333333'\n",
                       t, gp_string(image.filename().string()));
}

// A POSIX shell word: single quotes, with each quote inside closed, escaped and reopened.
inline std::string shell_word(std::string_view s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline std::string multiplot_title(const std::string& title) {
    return title.empty() ? std::string() : fmt::format("title {} font ',13' noenhanced", gp_string(title));
}

inline std::string extension(const plot_options& o) { return o.format == image_format::png ? ".png" : ".svg"; }

// Writes <dir>/<stem>.gp and runs gnuplot in <dir>; returns the image path, or an empty path on failure.
inline std::filesystem::path finish(const std::filesystem::path& dir, const std::string& stem, const std::string& script,
                                    const plot_options& o) {
    std::filesystem::create_directories(dir);
    const auto gp = dir / (stem + ".gp");
    const auto image = dir / (stem + extension(o));
    std::ofstream(gp) << script;
    if (!o.render) return image;
    std::filesystem::remove(image);
    const std::string command =
        fmt::format("cd {} && gnuplot {} 2>{}", shell_word(dir.string()), shell_word(gp.filename().string()),
                    shell_word(stem + ".log"));
    if (std::system(command.c_str()) != 0 || !std::filesystem::exists(image)) return {};
    std::filesystem::remove(dir / (stem + ".log"));
    return image;
}

inline std::string short_number(double v) {
    if (!std::isfinite(v)) return "-";
    if (v == 0) return "0";
    return fmt::format("{:.3g}", v);
}

}  // namespace detail

/// The data-flow view: one 20-bin (or however many) histogram per row, with mean, std and range in the
/// panel, coloured by layer kind.
inline std::filesystem::path plot_histograms(std::span<const layer_statistics> rows, const std::filesystem::path& dir,
                                             const std::string& stem = "data_flow_histograms",
                                             const std::string& title = "", const plot_options& o = {}) {
    const std::size_t n = rows.size();
    const std::size_t cols = n <= 4 ? n : (n <= 9 ? 3 : 4);
    const std::size_t lines = (n + cols - 1) / cols;
    const int width = static_cast<int>(cols) * 380, height = static_cast<int>(lines) * 270 + (title.empty() ? 0 : 40);
    std::string s = detail::terminal(o, width, height, dir / (stem + detail::extension(o)));
    s += "set style fill solid 0.85 border lc rgb '#ffffff'\nset key off\nset tics nomirror\n"
         "set xtics font ',8'\nset ytics font ',8'\n";
    s += fmt::format("set multiplot layout {},{} {} margins 0.06,0.98,0.06,{:.3f} spacing 0.07,0.13\n", lines, cols,
                     detail::multiplot_title(title),
                     title.empty() ? 0.95 : 1.0 - 60.0 / height);
    for (std::size_t r = 0; r < n; ++r) {
        const auto& row = rows[r];
        const auto& v = row.values;
        const auto& h = v.hist();
        s += fmt::format("$d{} << EOD\n", r);
        for (std::size_t b = 0; b < h.bins(); ++b) s += fmt::format("{:.9g} {}\n", h.center(b), h.counts()[b]);
        s += "EOD\n";
        const std::string head = row.layer.position == "input" ? fmt::format("input ({})", row.layer.shape)
                                                              : fmt::format("{}  {} ({})", row.layer.position, row.layer.name, row.layer.shape);
        s += fmt::format("set title {} noenhanced font ',10'\n", detail::gp_string(head));
        s += fmt::format("set label 1 {} at graph 0.98, graph 0.93 right front font ',8' noenhanced textcolor rgb '#222222'\n",
                         detail::gp_string(fmt::format("mean {}  std {}", detail::short_number(v.mean()),
                                                       detail::short_number(v.std_dev()))));
        s += fmt::format("set label 2 {} at graph 0.98, graph 0.83 right front font ',8' noenhanced textcolor rgb '#222222'\n",
                         detail::gp_string(fmt::format("range [{}, {}]", detail::short_number(v.min()),
                                                       detail::short_number(v.max()))));
        const double w = h.width() > 0 ? h.width() : 1.0;
        const double lo = h.width() > 0 ? h.low() : h.low() - 0.5 * static_cast<double>(h.bins()) * w / static_cast<double>(h.bins());
        const double hi = h.width() > 0 ? h.high() : lo + 1.0;
        std::uint64_t tallest = 1;
        for (auto c : h.counts()) tallest = std::max(tallest, c);
        // Head room above the tallest bar keeps the two labels clear of the bars.
        s += fmt::format("set xrange [{:.9g}:{:.9g}]\nset yrange [0:{:.9g}]\nset boxwidth {:.9g} absolute\n", lo, hi,
                         static_cast<double>(tallest) * 1.4, w * 0.92);
        s += fmt::format("plot $d{} using 1:2 with boxes lc rgb '{}'\n", r, kind_colour(row.layer.kind));
    }
    s += "unset multiplot\n";
    return detail::finish(dir, stem, s, o);
}

/// Mean +- std of every layer's output, with its min and max, in forward order.
inline std::filesystem::path plot_mean_std(std::span<const layer_statistics> rows, const std::filesystem::path& dir,
                                           const std::string& stem = "data_flow_mean_std", const std::string& title = "",
                                           const plot_options& o = {}) {
    const int width = std::max(760, static_cast<int>(rows.size()) * 95);
    std::string s = detail::terminal(o, width, 460, dir / (stem + detail::extension(o)));
    s += "$d << EOD\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& v = rows[r].values;
        const std::string label = rows[r].layer.position == "input" ? "input" : rows[r].layer.label;
        s += fmt::format("{} {:.9g} {:.9g} {:.9g} {:.9g} {} \"{}\"\n", r, v.mean(), v.std_dev(), v.min(), v.max(),
                         rows[r].layer.kind == "Input" ? "0x9D9D9D" : std::string("0x") + std::string(kind_colour(rows[r].layer.kind)).substr(1),
                         label);
    }
    s += "EOD\n";
    s += fmt::format("set title {} noenhanced font ',12'\n", detail::gp_string(title.empty() ? "Activations by layer: mean ± std, min and max" : title));
    s += fmt::format("set xrange [-0.6:{}]\nset xtics rotate by -30 font ',9' noenhanced\nset key top right font ',9'\n"
                     "set ylabel 'activation value'\nset offsets 0,0,0.05,0.05\n",
                     static_cast<double>(rows.size()) - 0.4);
    s += "plot $d using 1:4:5 with filledcurves lc rgb '#dfe8f3' title 'min .. max', \\\n"
         "     $d using 1:2:3:6:xtic(7) with yerrorbars pt 7 ps 1.2 lw 2 lc rgb variable title 'mean ± std', \\\n"
         "     $d using 1:2 with lines lw 1 dt 2 lc rgb '#777777' notitle\n";
    return detail::finish(dir, stem, s, o);
}

/// Output mean +- std against the noise level, how far the outputs move, and (for networks with more than
/// one output) how often the largest output stays the same; one line per network.
inline std::filesystem::path plot_noise(std::span<const std::string> names,
                                        std::span<const std::vector<noise_level>> results,
                                        const std::filesystem::path& dir, const std::string& stem = "noise",
                                        const std::string& title = "", const plot_options& o = {}) {
    // The share of kept decisions only means something for networks with more than one output.
    bool decisions = false;
    for (const auto& levels : results)
        for (const auto& l : levels) decisions = decisions || !std::isnan(l.decision_kept);
    const std::size_t panels = decisions ? 3 : 2;
    std::string s = detail::terminal(o, static_cast<int>(panels) * 560, 480, dir / (stem + detail::extension(o)));
    for (std::size_t k = 0; k < results.size(); ++k) {
        s += fmt::format("$n{} << EOD\n", k);
        for (const auto& l : results[k])
            s += fmt::format("{:.9g} {:.9g} {:.9g} {:.9g} {:.9g}\n", l.level, l.outputs.mean(), l.outputs.std_dev(),
                             l.mean_abs_change, l.decision_kept);
        s += "EOD\n";
    }
    auto name = [&](std::size_t k) { return detail::gp_string(k < names.size() ? names[k] : fmt::format("network {}", k)); };
    const double entries = static_cast<double>(results.size());
    s += fmt::format("set multiplot layout 1,{} {} margins 0.06,0.98,0.12,{}\n", panels, detail::multiplot_title(title),
                     title.empty() ? "0.92" : "0.86");
    s += "set xlabel 'noise std (added to every input)'\nset autoscale xfix\nset tics nomirror\n";
    // Each key goes where that panel's curves leave room: above the error bars, above the rising lines,
    // below the falling ones.
    s += fmt::format("set title 'Output mean ± std' font ',11'\nset ylabel 'output value'\n"
                     "set key top right opaque font ',9' noenhanced\nset offsets graph 0.05, graph 0.05, graph {:.2f}, graph 0.05\n",
                     0.1 + 0.1 * entries);
    s += "plot ";
    for (std::size_t k = 0; k < results.size(); ++k)
        s += fmt::format("{}$n{} using ($1+{:.4f}):2:3 with yerrorlines pt 7 lw 2 lc rgb '{}' title {}", k ? ", \\\n     " : "", k,
                         0.006 * (static_cast<double>(k) - 0.5 * (entries - 1)), series_colour(k), name(k));
    s += "\nset title 'How far the outputs move' font ',11'\nset ylabel 'mean |output - clean output|'\nset yrange [0:*]\n"
         "set key top left opaque font ',9' noenhanced\nset offsets graph 0.05, graph 0.05, graph 0.05, 0\n";
    s += "plot ";
    for (std::size_t k = 0; k < results.size(); ++k)
        s += fmt::format("{}$n{} using 1:4 with linespoints pt 7 lw 2 lc rgb '{}' title {}", k ? ", \\\n     " : "", k,
                         series_colour(k), name(k));
    if (decisions) {
        s += "\nset title 'Largest output unchanged (argmax kept)' font ',11'\nset ylabel 'share of noisy trials'\n"
             "set yrange [0:1.05]\nset ytics ('0%%' 0, '25%%' 0.25, '50%%' 0.5, '75%%' 0.75, '100%%' 1)\n"
             "set key bottom left opaque font ',9' noenhanced\nset offsets graph 0.05, graph 0.05, 0, 0\n";
        s += "plot ";
        bool first = true;
        for (std::size_t k = 0; k < results.size(); ++k) {
            bool any = false;
            for (const auto& l : results[k]) any = any || !std::isnan(l.decision_kept);
            if (!any) continue;
            s += fmt::format("{}$n{} using 1:5 with linespoints pt 7 lw 2 lc rgb '{}' title {}", first ? "" : ", \\\n     ", k,
                             series_colour(k), name(k));
            first = false;
        }
    }
    s += "\nunset multiplot\n";
    return detail::finish(dir, stem, s, o);
}

/// Input sweeps: output `output` against the swept feature, one line per sweep (feature).
inline std::filesystem::path plot_sweeps(std::span<const sweep> sweeps, std::size_t output, const std::filesystem::path& dir,
                                         const std::string& stem = "sweeps", const std::string& title = "",
                                         const plot_options& o = {}) {
    std::string s = detail::terminal(o, 900, 480, dir / (stem + detail::extension(o)));
    for (std::size_t k = 0; k < sweeps.size(); ++k) {
        s += fmt::format("$s{} << EOD\n", k);
        for (std::size_t i = 0; i < sweeps[k].values.size(); ++i)
            s += fmt::format("{:.9g} {:.9g}\n", sweeps[k].values[i], sweeps[k].outputs[i][output]);
        s += "EOD\n";
    }
    s += fmt::format("set title {} noenhanced font ',12'\nset xlabel 'value of the swept input (others held)'\n"
                     "set ylabel 'output {}'\nset key outside right top font ',9'\n",
                     detail::gp_string(title.empty() ? "Input sweeps" : title), output);
    s += "plot ";
    for (std::size_t k = 0; k < sweeps.size(); ++k)
        s += fmt::format("{}$s{} using 1:2 with lines lw 2 lc rgb '{}' title 'x{}'", k ? ", \\\n     " : "", k,
                         series_colour(k), sweeps[k].feature);
    s += "\n";
    return detail::finish(dir, stem, s, o);
}

/// Per-input sensitivity (the norm of each Jacobian column): a heat map when the inputs form a square
/// image of at least 8 x 8, bars otherwise.
inline std::filesystem::path plot_sensitivity(std::span<const double> sensitivity, const std::filesystem::path& dir,
                                              const std::string& stem = "sensitivity", const std::string& title = "",
                                              const plot_options& o = {}) {
    const std::size_t n = sensitivity.size();
    const auto side = static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(n))));
    const bool image = side * side == n && side >= 8;
    const std::string heading = title.empty() ? "Sensitivity: ||d output / d input_i||" : title;
    std::string s;
    if (image) {
        s = detail::terminal(o, 640, 560, dir / (stem + detail::extension(o)));
        s += "$j << EOD\n";
        for (std::size_t r = 0; r < side; ++r)
            for (std::size_t c = 0; c < side; ++c) s += fmt::format("{} {} {:.9g}\n", c, r, sensitivity[r * side + c]);
        s += "EOD\n";
        s += fmt::format("set title {} noenhanced font ',12'\nset size ratio -1\nset yrange [{}:-0.5] reverse\n"
                         "set xrange [-0.5:{}]\nset palette defined (0 '#ffffff', 1 '#9ecae1', 2 '#3182bd', 3 '#08306b')\n"
                         "set cblabel 'column norm of the Jacobian'\nunset grid\nplot $j using 1:2:3 with image notitle\n",
                         detail::gp_string(heading + fmt::format(" ({} x {} inputs)", side, side)), side - 0.5, side - 0.5);
    } else {
        s = detail::terminal(o, std::max(720, static_cast<int>(n) * 30), 420, dir / (stem + detail::extension(o)));
        s += "$j << EOD\n";
        for (std::size_t i = 0; i < n; ++i) s += fmt::format("{} {:.9g} x{}\n", i, sensitivity[i], i);
        s += "EOD\n";
        s += fmt::format("set title {} noenhanced font ',12'\nset style fill solid 0.85 border lc rgb '#ffffff'\n"
                         "set boxwidth 0.75\nset key off\nset yrange [0:*]\nset xrange [-0.6:{}]\nset xtics font ',9'\n"
                         "set xlabel 'input'\nset ylabel 'column norm of the Jacobian'\n"
                         "plot $j using 1:2:xtic(3) with boxes lc rgb '#4C78A8'\n",
                         detail::gp_string(heading), static_cast<double>(n) - 0.4);
    }
    return detail::finish(dir, stem, s, o);
}

/// Networks side by side: parameters and MACs, latency, layer kinds, and the distribution of their outputs.
inline std::filesystem::path plot_comparison(std::span<const network_profile> profiles, const std::filesystem::path& dir,
                                             const std::string& stem = "comparison", const std::string& title = "",
                                             const plot_options& o = {}) {
    std::string s = detail::terminal(o, 1280, 860, dir / (stem + detail::extension(o)));
    s += "$p << EOD\n";
    for (std::size_t k = 0; k < profiles.size(); ++k)
        s += fmt::format("{} {} {} {:.9g} \"{}\"\n", k, profiles[k].parameters, profiles[k].macs, profiles[k].latency_ns,
                         profiles[k].name);
    s += "EOD\n";
    // Every kind any network uses, each as one column of a stacked bar.
    std::vector<std::string> kinds;
    for (const auto& p : profiles)
        for (const auto& [kind, count] : p.kinds)
            if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    s += "$k << EOD\n";
    for (const auto& p : profiles) {
        s += fmt::format("\"{}\"", p.name);
        for (const auto& kind : kinds) {
            std::size_t c = 0;
            for (const auto& [k2, n] : p.kinds)
                if (k2 == kind) c = n;
            s += fmt::format(" {}", c);
        }
        s += "\n";
    }
    s += "EOD\n";
    for (std::size_t k = 0; k < profiles.size(); ++k) {
        const auto& h = profiles[k].outputs.hist();
        const double total = static_cast<double>(std::max<std::uint64_t>(h.total(), 1));
        s += fmt::format("$o{} << EOD\n", k);
        for (std::size_t b = 0; b < h.bins(); ++b)
            s += fmt::format("{:.9g} {:.9g}\n", h.center(b), static_cast<double>(h.counts()[b]) / total);
        s += "EOD\n";
    }
    s += fmt::format("set multiplot layout 2,2 {} spacing 0.1,0.14\n",
                     detail::multiplot_title(title));
    s += fmt::format("set xrange [-0.6:{}]\nset xtics noenhanced font ',9'\nset key off\nset style fill solid 0.85 border lc rgb '#ffffff'\n",
                     static_cast<double>(profiles.size()) - 0.4);
    std::size_t smallest = std::numeric_limits<std::size_t>::max(), largest = 1;
    for (const auto& p : profiles) {
        smallest = std::min({smallest, std::max<std::size_t>(p.parameters, 1), std::max<std::size_t>(p.macs, 1)});
        largest = std::max({largest, p.parameters, p.macs});
    }
    s += fmt::format("set title 'Parameters (bars) and MACs (points), log scale' font ',11'\nset logscale y\nset format y '10^{{%T}}'\n"
                     "set yrange [{:.6g}:{:.6g}]\nset offsets 0,0,0,0\nset boxwidth 0.6\nset key off\n",
                     std::pow(10.0, std::floor(std::log10(static_cast<double>(smallest)) - 0.3)), static_cast<double>(largest) * 3);
    s += "plot $p using 1:2:xtic(5) with boxes lc rgb '#4C78A8' title 'parameters', "
         "$p using 1:3 with points pt 7 ps 1.8 lc rgb '#F58518' title 'MACs', "
         "$p using 1:2:(sprintf('%d', $2)) with labels offset 0,0.8 font ',9' notitle\n";
    s += "unset logscale y\nset format y '%g'\nset yrange [0:*]\nset offsets 0,0,graph 0.1,0\n"
         "set title 'Latency of one forward pass (ns, median)' font ',11'\n"
         "plot $p using 1:4:xtic(5) with boxes lc rgb '#54A24B', $p using 1:4:(sprintf('%.0f', $4)) with labels offset 0,0.8 font ',9'\n";
    s += fmt::format("set title 'Layer kinds' font ',11'\nset style data histograms\nset style histogram rowstacked\n"
                     "set boxwidth 0.6 relative\nset key top left font ',9' noenhanced\n"
                     "set xrange [-0.6:{}]\nset yrange [0:*]\nset offsets 0,0,graph 0.25,0\n",
                     static_cast<double>(profiles.size()) - 0.4);
    s += "plot ";
    for (std::size_t c = 0; c < kinds.size(); ++c)
        s += fmt::format("{}$k using {}{} lc rgb '{}' title {}", c ? ", " : "", c + 2, c == 0 ? ":xtic(1)" : "",
                         kind_colour(kinds[c]), detail::gp_string(kinds[c]));
    s += "\nset style data lines\nunset style histogram\nset title 'Distribution of output values' font ',11'\n"
         "set xrange [*:*]\nset xtics auto\nset xlabel 'output value'\nset ylabel 'share of values'\n"
         "set offsets 0,0,graph 0.1,0\nset key top right font ',9' noenhanced\n";
    s += "plot ";
    for (std::size_t k = 0; k < profiles.size(); ++k)
        s += fmt::format("{}$o{} using 1:2 with steps lw 2 lc rgb '{}' title {}", k ? ", " : "", k, series_colour(k),
                         detail::gp_string(profiles[k].name));
    s += "\nunset multiplot\n";
    return detail::finish(dir, stem, s, o);
}

}  // namespace typenet::analysis

#endif
