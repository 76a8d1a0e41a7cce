#ifndef TYPENET_ANALYSIS_NETWORK_REPORT_HPP
#define TYPENET_ANALYSIS_NETWORK_REPORT_HPP

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <typenet/analysis/behaviour.hpp>
#include <typenet/analysis/comparison.hpp>
#include <typenet/analysis/data_flow.hpp>
#include <typenet/analysis/jacobian.hpp>
#include <typenet/analysis/plot.hpp>
#include <typenet/analysis/report.hpp>
#include <typenet/analysis/text.hpp>
#include <typenet/describe/dot.hpp>
#include <typenet/describe/lines.hpp>
#include <typenet/describe/table.hpp>
#include <typenet/vector.hpp>

namespace typenet::analysis {

/// A picture or a text made elsewhere (say the architecture diagram and shape table that typenet_generate
/// writes) to show in the report.
struct report_extra {
    std::string title;
    std::filesystem::path image;  // a .png or .svg, embedded
    std::string text;             // shown preformatted when there is no image
};

struct report_options {
    std::filesystem::path directory = "analysis";  // the page, its plots, CSV and JSON go here
    std::string stem;                              // file names start with it; the name, simplified, if empty
    std::size_t bins = 20;
    noise_options noise{};
    std::vector<std::size_t> sweep_features;       // inputs to sweep; the first few if empty
    double sweep_low = -2, sweep_high = 2;
    std::size_t sweep_steps = 41;
    bool architecture = true;                      // the diagram (Graphviz dot) and shape table of describe<Net>()
    std::vector<report_extra> extras;              // shown under "Architecture" after them
    std::vector<network_profile> comparison;       // shown under "Comparison" when not empty
    plot_options plots{};
};

/// What a report computed, for printing or tests.
struct report_result {
    std::filesystem::path page;
    std::vector<layer_statistics> data_flow;
    std::vector<noise_level> noise;
    std::vector<sweep> sweeps;
    jacobian_matrix jacobian;
    std::vector<std::filesystem::path> images;
};

/// A file-name form of a network name: "Regressor<13, 1>" gives "regressor_13_1".
inline std::string file_stem(std::string_view name) {
    std::string s;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!s.empty() && s.back() != '_') s += '_';
    }
    while (!s.empty() && s.back() == '_') s.pop_back();
    return s.empty() ? "network" : s;
}

/// Runs every analysis of one network on `inputs` and writes a self-contained HTML page with its tables and
/// plots, plus the CSV and JSON behind them, into `options.directory`.
template <class Net, class T, std::size_t N>
report_result write_network_report(const Net& net, const std::string& name, std::span<const Vector<T, N>> inputs,
                                   report_options options = {}) {
    namespace fs = std::filesystem;
    const std::string stem = options.stem.empty() ? file_stem(name) : options.stem;
    const fs::path dir = options.directory;
    fs::create_directories(dir);
    auto save = [&](const std::string& suffix, const std::string& content) {
        std::ofstream(dir / (stem + suffix), std::ios::binary) << content;
    };
    report_result r;

    // Data flow: every input through the network once, as one stream of observations.
    activation_statistics<Net> stats(options.bins);
    stats.calibrate(net, inputs);
    for (const auto& x : inputs) stats.run(net, x);
    r.data_flow = stats.rows();

    // Behaviour.
    r.noise = noise_robustness(net, inputs, options.noise);
    std::vector<std::size_t> features = options.sweep_features;
    if (features.empty())
        for (std::size_t i = 0; i < std::min<std::size_t>(N, 6); ++i) features.push_back(i);
    const Vector<T, N> base = inputs.empty() ? Vector<T, N>{} : inputs[0];
    for (auto f : features)
        if (f < N) r.sweeps.push_back(input_sweep(net, base, f, options.sweep_low, options.sweep_high, options.sweep_steps));
    r.jacobian = jacobian(net, base);

    save("_data_flow.csv", data_flow_csv(r.data_flow));
    save("_data_flow.json", data_flow_json(r.data_flow));
    save("_histograms.csv", histograms_csv(r.data_flow));
    save("_noise.csv", noise_csv(r.noise));
    save("_noise.json", noise_json(r.noise));
    save("_jacobian.csv", jacobian_csv(r.jacobian));
    for (const auto& s : r.sweeps) save(fmt::format("_sweep_x{}.csv", s.feature), sweep_csv(s));

    const auto histograms = plot_histograms(r.data_flow, dir, stem + "_histograms",
                                            fmt::format("{}: activations of {} input(s), {} bins per layer", name, inputs.size(), options.bins),
                                            options.plots);
    const auto mean_std = plot_mean_std(r.data_flow, dir, stem + "_mean_std", "", options.plots);
    const std::string names[] = {name};
    const std::vector<noise_level> noise_sets[] = {r.noise};
    const auto noise = plot_noise(names, noise_sets, dir, stem + "_noise",
                                  fmt::format("Gaussian noise on {} input(s), {} trials each, seed {}", inputs.size(),
                                              options.noise.trials, options.noise.seed),
                                  options.plots);
    std::vector<fs::path> sweep_plots;
    for (std::size_t o = 0; o < std::min<std::size_t>(Net::output_size, 4); ++o)
        sweep_plots.push_back(plot_sweeps(r.sweeps, o, dir, fmt::format("{}_sweep_y{}", stem, o),
                                          fmt::format("Input sweeps: output {} as one input varies, the others held at input 0", o),
                                          options.plots));
    const auto sens = r.jacobian.sensitivity();
    const auto sensitivity = plot_sensitivity(sens, dir, stem + "_sensitivity",
                                              has_exact_jacobian<Net> ? "Sensitivity at input 0 (exact Jacobian)"
                                                                      : "Sensitivity at input 0 (finite differences)",
                                              options.plots);
    fs::path comparison;
    if (!options.comparison.empty())
        comparison = plot_comparison(options.comparison, dir, stem + "_comparison", "Networks on the same inputs", options.plots);

    html_report page(fmt::format("typenet analysis: {}", name));
    page.heading("Overview", "overview");
    page.code(fmt::format("type          {}\narchitecture  {}\ndata flow     {}", Net::name.view(), architecture_line<Net>(),
                          data_flow_line<Net>()));
    text_table counts({"depth", "parameters", "MACs", "parameter bytes", "largest activation", "inputs analysed"});
    counts.add({fmt::format("{}", Net::depth), thousands(Net::parameter_count), thousands(Net::mac_count),
                thousands(Net::parameter_bytes), thousands(Net::largest_activation_size), fmt::format("{}", inputs.size())});
    page.table(counts);
    fs::path diagram;
    if (options.architecture) {
        const auto dot_file = dir / (stem + "_architecture.dot");
        diagram = dir / (stem + "_architecture.svg");
        std::ofstream(dot_file) << to_dot<Net>(dot_options{.title = name});
        fs::remove(diagram);
        const std::string command = fmt::format("dot -Tsvg {} -o {} 2>/dev/null", detail::shell_word(dot_file.string()),
                                                detail::shell_word(diagram.string()));
        if (std::system(command.c_str()) != 0) diagram.clear();
    }
    if (options.architecture || !options.extras.empty()) {
        page.heading("Architecture", "architecture");
        if (options.architecture) {
            page.image(diagram, "Architecture, from the type: layers coloured by kind, edges labelled with the shape they carry");
            page.code(to_text_table<Net>());
        }
        for (const auto& e : options.extras) {
            if (!e.image.empty()) page.image(e.image, e.title);
            else {
                page.paragraph(e.title);
                page.code(e.text);
            }
        }
    }
    page.heading("Data flow", "data-flow");
    page.paragraph("Statistics of every layer's output over all inputs: mean and std (population) of the finite values, "
                   "range, share of exact zeros (dead ReLUs), share of saturated units (Sigmoid within 0.01 of 0 or 1, "
                   "Tanh within 0.01 of -1 or 1), NaN and infinities.");
    page.table(data_flow_table(r.data_flow));
    page.image(histograms, "Histogram of each layer's output, with mean, std and range");
    page.image(mean_std, "Mean ± std by layer, with the min..max band");
    page.heading("Behaviour", "behaviour");
    page.paragraph(fmt::format("Gaussian noise of each standard deviation added to every input value ({} noisy copies of each input, "
                               "seed {}): how the outputs' mean and spread move, and how often the largest output stays the same.",
                               options.noise.trials, options.noise.seed));
    page.table(noise_table(r.noise));
    page.image(noise, "Output statistics against the noise level");
    std::vector<std::pair<fs::path, std::string>> grid;
    for (std::size_t o = 0; o < sweep_plots.size(); ++o)
        grid.emplace_back(sweep_plots[o], fmt::format("Output {} as inputs {} vary over [{:g}, {:g}]", o,
                                                      fmt::join(features, ", "), options.sweep_low, options.sweep_high));
    grid.emplace_back(sensitivity, "How much each input moves the outputs at input 0: the norm of each Jacobian column");
    page.image_grid(grid);
    if (!options.comparison.empty()) {
        page.heading("Comparison", "comparison");
        page.table(comparison_table(options.comparison));
        page.image(comparison, "Networks on the same inputs");
    }
    r.page = dir / (stem + ".html");
    page.write(r.page);
    r.images = {histograms, mean_std, noise, sensitivity};
    if (options.architecture) r.images.push_back(diagram);
    r.images.insert(r.images.end(), sweep_plots.begin(), sweep_plots.end());
    if (!comparison.empty()) r.images.push_back(comparison);
    return r;
}

template <class Net, class T, std::size_t N>
report_result write_network_report(const Net& net, const std::string& name, const std::vector<Vector<T, N>>& inputs,
                                   report_options options = {}) {
    return write_network_report(net, name, std::span<const Vector<T, N>>(inputs), std::move(options));
}

}  // namespace typenet::analysis

#endif
