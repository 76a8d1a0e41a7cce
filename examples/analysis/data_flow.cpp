// The data-flow view of the reference module, with statistics: what comes out of every layer of the
// reference networks, as a table, a 20-bin histogram per layer (with mean, std and range), and mean +- std
// by layer. Files: <out>/data_flow_<network>.{txt,csv,json,png}.
#include <typenet/analysis.hpp>
#include <typenet/describe/lines.hpp>

#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "../networks.hpp"
#include "inputs.hpp"

namespace tn = typenet;
namespace ta = typenet::analysis;

template <class Net, std::size_t N>
void show(const std::string& title, const std::string& stem, const Net& net,
          const std::vector<tn::Vector<float, N>>& inputs, const std::filesystem::path& dir) {
    // All inputs as one batch: one observed pass, and every histogram spans exactly what it saw.
    auto batch = std::make_unique<tn::Matrix<float, 64, N>>();
    for (std::size_t b = 0; b < 64; ++b)
        for (std::size_t i = 0; i < N; ++i) (*batch)(b, i) = inputs[b][i];
    ta::activation_statistics<Net> stats(20);
    stats.run(net, *batch);

    const auto table = ta::data_flow_table(stats.rows()).str();
    fmt::print("{}\n  architecture: {}\n  data flow:    {}\n\n{}\n", title, tn::architecture_line<Net>(),
               tn::data_flow_line<Net>(64), table);
    std::ofstream(dir / fmt::format("data_flow_{}.txt", stem)) << table;
    std::ofstream(dir / fmt::format("data_flow_{}.csv", stem)) << ta::data_flow_csv(stats.rows());
    std::ofstream(dir / fmt::format("data_flow_{}.json", stem)) << ta::data_flow_json(stats.rows());
    ta::plot_histograms(stats.rows(), dir, fmt::format("data_flow_{}", stem),
                        fmt::format("{}: what each layer gives for 64 inputs (20 bins)", title));
    ta::plot_mean_std(stats.rows(), dir, fmt::format("data_flow_{}_mean_std", stem),
                      fmt::format("{}: mean ± std by layer, min..max band", title));
}

int main(int argc, char** argv) {
    const auto dir = examples::output_dir(argc, argv);
    auto mlp = std::make_unique<networks::Mlp>();
    networks::TwoClasses classifier;
    networks::Regressor regressor;
    tn::init(*mlp, 42);
    tn::init(classifier, 42);
    tn::init(regressor, 42);

    show("MLP 784-128-64-10", "mlp", *mlp, examples::image_inputs(64, 1), dir);
    show("Classifier<100, 2>", "classifier", classifier, examples::gaussian_inputs<100>(64, 2), dir);
    show("Regressor<13, 1, Hidden<8, 4>, Tanh>", "regressor", regressor, examples::gaussian_inputs<13>(64, 3), dir);
    fmt::print("data-flow plots and tables: {}\n\n", dir.string());
}
