// Behaviour analysis, as the reference module's: how inputs map to outputs. Gaussian noise of std 0, 0.1,
// 0.2 and 0.5 on every input (seeded), input sweeps, per-input sensitivity from the exact Jacobian, and
// depth against width at an equal parameter budget. Files: <out>/behaviour_*.{txt,csv,json,png}.
#include <typenet/analysis.hpp>

#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "../networks.hpp"
#include "inputs.hpp"

namespace tn = typenet;
namespace ta = typenet::analysis;

// Depth against width at (nearly) the same number of parameters, on the classifier's 100 inputs.
using Wide = tn::Classifier<100, 2, tn::Hidden<50>>;              // 5,152 parameters: the reference classifier
using Medium = tn::Classifier<100, 2, tn::Hidden<36, 24, 24>>;     // 5,174
using Deep = tn::Classifier<100, 2, tn::Hidden<32, 24, 16, 16, 16, 16>>;  // 5,274
static_assert(std::is_same_v<Wide, networks::TwoClasses>);

template <class Net, std::size_t N>
std::vector<ta::noise_level> noise(const Net& net, const std::vector<tn::Vector<float, N>>& inputs) {
    ta::noise_options o;  // levels 0, 0.1, 0.2, 0.5; 32 noisy copies of each input
    o.seed = 2024;
    return ta::noise_robustness(net, std::span<const tn::Vector<float, N>>(inputs), o);
}

int main(int argc, char** argv) {
    const auto dir = examples::output_dir(argc, argv);
    auto mlp = std::make_unique<networks::Mlp>();
    networks::TwoClasses classifier;
    networks::Regressor regressor;
    tn::init(*mlp, 42);
    tn::init(classifier, 42);
    tn::init(regressor, 42);
    const auto images = examples::image_inputs(32, 1);
    const auto features100 = examples::gaussian_inputs<100>(64, 2);
    const auto features13 = examples::gaussian_inputs<13>(64, 3);

    // Noise robustness of the three reference networks.
    const std::vector<std::string> names{"MLP 784-128-64-10", "Classifier<100, 2>", "Regressor<13, 1>"};
    const std::vector<std::vector<ta::noise_level>> results{noise(*mlp, images), noise(classifier, features100),
                                                            noise(regressor, features13)};
    std::string text;
    for (std::size_t k = 0; k < names.size(); ++k) {
        text += fmt::format("{}: Gaussian noise on every input, seed 2024\n{}\n", names[k], ta::noise_table(results[k]).str());
        std::ofstream(dir / fmt::format("behaviour_noise_{}.csv", k)) << ta::noise_csv(results[k]);
        std::ofstream(dir / fmt::format("behaviour_noise_{}.json", k)) << ta::noise_json(results[k]);
    }
    fmt::print("{}", text);
    std::ofstream(dir / "behaviour_noise.txt") << text;
    ta::plot_noise(names, results, dir, "behaviour_noise", "Noise robustness of the reference networks (seed 2024)");

    // Input sweeps: every feature of the regressor, the first six of the classifier, others held at input 0.
    std::vector<ta::sweep> sweeps13, sweeps100;
    for (std::size_t f = 0; f < 13; ++f) sweeps13.push_back(ta::input_sweep(regressor, features13[0], f, -3, 3, 61));
    for (std::size_t f = 0; f < 6; ++f) sweeps100.push_back(ta::input_sweep(classifier, features100[0], f, -3, 3, 61));
    ta::plot_sweeps(sweeps13, 0, dir, "behaviour_sweeps_regressor", "Regressor<13, 1>: output as one feature varies over [-3, 3]");
    ta::plot_sweeps(sweeps100, 0, dir, "behaviour_sweeps_classifier",
                    "Classifier<100, 2>: probability of class 0 as one feature varies over [-3, 3]");
    for (const auto& s : sweeps13) std::ofstream(dir / fmt::format("behaviour_sweep_regressor_x{}.csv", s.feature)) << ta::sweep_csv(s);

    // Sensitivity: the exact Jacobian at one input; for the MLP a 28 x 28 map of where the image matters.
    const auto j_mlp = ta::jacobian(*mlp, images[0]);
    const auto j_reg = ta::jacobian(regressor, features13[0]);
    ta::plot_sensitivity(j_mlp.sensitivity(), dir, "behaviour_sensitivity_mlp", "MLP: sensitivity to each pixel of input 0");
    ta::plot_sensitivity(j_reg.sensitivity(), dir, "behaviour_sensitivity_regressor", "Regressor: sensitivity to each feature of input 0");
    std::ofstream(dir / "behaviour_jacobian_regressor.csv") << ta::jacobian_csv(j_reg);
    fmt::print("Regressor sensitivity at input 0 (exact Jacobian): [{:.4f}]\n\n", fmt::join(j_reg.sensitivity(), ", "));

    // Depth against width at an equal parameter budget.
    Wide wide;
    Medium medium;
    Deep deep;
    tn::init(wide, 7);
    tn::init(medium, 7);
    tn::init(deep, 7);
    const std::span<const tn::Vector<float, 100>> view(features100);
    const auto profiles = ta::compare(view, ta::named{"wide 100-50-2", wide}, ta::named{"medium 100-36-24-24-2", medium},
                                      ta::named{"deep 100-32-24-16x4-2", deep});
    const auto table = ta::comparison_table(profiles);
    const std::vector<std::string> dw_names{profiles[0].name, profiles[1].name, profiles[2].name};
    const std::vector<std::vector<ta::noise_level>> dw_noise{noise(wide, features100), noise(medium, features100),
                                                             noise(deep, features100)};
    fmt::print("Depth vs width at an equal parameter budget\n\n{}\n", table.str());
    std::ofstream(dir / "behaviour_depth_width.txt") << table.str();
    std::ofstream(dir / "behaviour_depth_width.csv") << ta::to_csv(table);
    std::ofstream(dir / "behaviour_depth_width.json") << ta::comparison_json(profiles);
    ta::plot_comparison(profiles, dir, "behaviour_depth_width", "Depth vs width: three classifiers of about 5,200 parameters");
    ta::plot_noise(dw_names, dw_noise, dir, "behaviour_depth_width_noise", "Depth vs width: the same noise on the same inputs");
    fmt::print("behaviour plots and tables: {}\n\n", dir.string());
}
