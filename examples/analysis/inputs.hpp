// Inputs the analysis examples share: seeded, so every run draws the same pictures.
#ifndef TYPENET_EXAMPLES_ANALYSIS_INPUTS_HPP
#define TYPENET_EXAMPLES_ANALYSIS_INPUTS_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <typenet/analysis/random.hpp>
#include <typenet/vector.hpp>

namespace examples {

/// Standardised features, N(0, 1) each, as a tabular model sees them after scaling.
template <std::size_t N>
std::vector<typenet::Vector<float, N>> gaussian_inputs(std::size_t count, std::uint64_t seed) {
    typenet::analysis::gaussian g(seed);
    std::vector<typenet::Vector<float, N>> xs(count);
    for (auto& x : xs)
        for (auto& v : x) v = static_cast<float>(g());
    return xs;
}

/// Image-like inputs for the 784-input MLP: 28 x 28 pixels in [0, 1], a bright blob on a dark background
/// with some speckle, so that pixels are correlated as in handwritten digits.
inline std::vector<typenet::Vector<float, 784>> image_inputs(std::size_t count, std::uint64_t seed) {
    typenet::analysis::gaussian g(seed);
    std::vector<typenet::Vector<float, 784>> xs(count);
    for (auto& x : xs) {
        const double cx = 14 + 3 * g(), cy = 14 + 3 * g(), r = 5 + 1.5 * std::abs(g());
        for (std::size_t i = 0; i < 784; ++i) {
            const double dx = static_cast<double>(i % 28) - cx, dy = static_cast<double>(i / 28) - cy;
            const double ring = std::exp(-std::pow(std::sqrt(dx * dx + dy * dy) - r, 2) / 4.0);
            const double v = ring + 0.05 * g();
            x[i] = static_cast<float>(v < 0 ? 0 : v > 1 ? 1 : v);
        }
    }
    return xs;
}

/// The output folder: the first argument, or ./analysis.
inline std::filesystem::path output_dir(int argc, char** argv) {
    std::filesystem::path dir = argc > 1 ? argv[1] : "analysis";
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace examples

#endif
