// One self-contained HTML report per reference network: architecture, data flow, behaviour and (for the
// MLP) a comparison, with every plot embedded. Files: <out>/report_<network>.html, and index.html, which
// links them and shows the other analysis examples' pictures.
#include <typenet/analysis.hpp>

#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "../networks.hpp"
#include "inputs.hpp"

namespace tn = typenet;
namespace ta = typenet::analysis;

using TanhMlp = tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::Tanh, tn::Sigmoid>;
using Narrow = tn::Mlp<784, tn::Hidden<32, 32, 32, 32>, 10>;

int main(int argc, char** argv) {
    const auto dir = examples::output_dir(argc, argv);
    auto mlp = std::make_unique<networks::Mlp>();
    auto tanh_mlp = std::make_unique<TanhMlp>();
    auto narrow = std::make_unique<Narrow>();
    networks::TwoClasses classifier;
    networks::Regressor regressor;
    tn::init(*mlp, 42);
    tn::init(*tanh_mlp, 42);
    tn::init(*narrow, 42);
    tn::init(classifier, 42);
    tn::init(regressor, 42);

    const auto images = examples::image_inputs(64, 1);
    const auto features100 = examples::gaussian_inputs<100>(64, 2);
    const auto features13 = examples::gaussian_inputs<13>(64, 3);

    ta::report_options o;
    o.directory = dir;
    o.noise.seed = 2024;

    o.stem = "report_mlp";
    o.sweep_low = 0;  // pixels live in [0, 1]
    o.sweep_high = 1;
    o.sweep_features = {378, 406, 434, 0};  // three centre pixels and a corner
    const std::span<const tn::Vector<float, 784>> image_view(images);
    o.comparison = ta::compare(image_view, ta::named{"MLP (ReLU)", *mlp}, ta::named{"MLP (Tanh)", *tanh_mlp},
                               ta::named{"Deep & narrow", *narrow});
    const auto a = ta::write_network_report(*mlp, "MLP 784-128-64-10 (ReLU, Sigmoid)", image_view, o);

    o.stem = "report_classifier";
    o.sweep_low = -3;
    o.sweep_high = 3;
    o.sweep_features = {};
    o.comparison = {};
    const auto b = ta::write_network_report(classifier, "Classifier<100, 2>", std::span<const tn::Vector<float, 100>>(features100), o);

    o.stem = "report_regressor";
    o.sweep_features = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    const auto c = ta::write_network_report(regressor, "Regressor<13, 1, Hidden<8, 4>, Tanh>",
                                            std::span<const tn::Vector<float, 13>>(features13), o);

    ta::html_report index("typenet analysis of the reference networks");
    index.heading("Reports", "reports");
    index.raw_html(fmt::format("<ul>\n<li><a href=\"{}\">MLP 784-128-64-10</a></li>\n<li><a href=\"{}\">Classifier&lt;100, 2&gt;</a></li>\n"
                               "<li><a href=\"{}\">Regressor&lt;13, 1, Hidden&lt;8, 4&gt;, Tanh&gt;</a></li>\n"
                               "<li><a href=\"../networks/index.html\">Architecture diagrams and shape tables of every example network</a></li>\n</ul>\n",
                               a.page.filename().string(), b.page.filename().string(), c.page.filename().string()));
    index.paragraph("Each report stands alone: its plots are embedded. The CSV, JSON and gnuplot scripts behind every "
                    "plot sit beside it in this folder; re-run any plot with: gnuplot <name>.gp");
    // The pictures of the other analysis examples, which run_analysis_examples runs before this one.
    index.heading("The reference module's visualisations", "visualisations");
    index.image_grid({{dir / "data_flow_mlp.png", "Data flow: a 20-bin histogram per layer of the MLP (data_flow_mlp.png)"},
                      {dir / "comparison.png", "Network comparison on the same inputs (comparison.png)"},
                      {dir / "behaviour_noise.png", "Behaviour: Gaussian noise at 0, 0.1, 0.2 and 0.5 (behaviour_noise.png)"},
                      {dir / "behaviour_depth_width.png", "Behaviour: depth vs width at an equal parameter budget (behaviour_depth_width.png)"}});
    index.write(dir / "index.html");
    fmt::print("Analysis reports: {}\n", (dir / "index.html").string());
    for (const auto* r : {&a, &b, &c}) fmt::print("  {}\n", r->page.string());
}
