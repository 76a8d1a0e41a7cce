// Network comparison, as the reference module's: several networks on the same inputs, side by side:
// depth, widths, parameters, MACs, bytes, layer kinds, measured latency and the outputs they give.
// Files: <out>/comparison.{txt,csv,json,png}.
#include <typenet/analysis.hpp>

#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "../networks.hpp"
#include "inputs.hpp"

namespace tn = typenet;
namespace ta = typenet::analysis;

// Four ways to map a 28 x 28 image to 10 outputs.
using Reference = networks::Mlp;                                      // 784-128-64-10, ReLU, Sigmoid
using TanhMlp = tn::Mlp<784, tn::Hidden<128, 64>, 10, tn::Tanh, tn::Sigmoid>;
using SoftmaxClassifier = tn::Classifier<784, 10, tn::Hidden<128, 64>>;  // ReLU, Softmax
using Narrow = tn::Mlp<784, tn::Hidden<32, 32, 32, 32>, 10>;          // deeper and thinner

int main(int argc, char** argv) {
    const auto dir = examples::output_dir(argc, argv);
    auto reference = std::make_unique<Reference>();
    auto tanh_mlp = std::make_unique<TanhMlp>();
    auto classifier = std::make_unique<SoftmaxClassifier>();
    auto narrow = std::make_unique<Narrow>();
    tn::init(*reference, 42);
    tn::init(*tanh_mlp, 42);
    tn::init(*classifier, 42);
    tn::init(*narrow, 42);

    const auto inputs = examples::image_inputs(64, 1);
    const std::span<const tn::Vector<float, 784>> view(inputs);
    const auto profiles = ta::compare(view, ta::named{"MLP (ReLU)", *reference}, ta::named{"MLP (Tanh)", *tanh_mlp},
                                      ta::named{"Classifier (Softmax)", *classifier}, ta::named{"Deep & narrow", *narrow});

    const auto table = ta::comparison_table(profiles);
    fmt::print("Network comparison on the same 64 image-like inputs\n\n{}\n", table.str());
    for (const auto& p : profiles) fmt::print("  {:<22} {}\n", p.name, p.architecture);
    std::ofstream(dir / "comparison.txt") << table.str();
    std::ofstream(dir / "comparison.csv") << ta::to_csv(table);
    std::ofstream(dir / "comparison.json") << ta::comparison_json(profiles);
    ta::plot_comparison(profiles, dir, "comparison", "Four networks, one input set: 64 image-like 28 x 28 inputs");
    fmt::print("\ncomparison table and plot: {}\n\n", dir.string());
}
