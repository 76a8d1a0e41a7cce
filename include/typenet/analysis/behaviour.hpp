#ifndef TYPENET_ANALYSIS_BEHAVIOUR_HPP
#define TYPENET_ANALYSIS_BEHAVIOUR_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <typenet/analysis/random.hpp>
#include <typenet/analysis/statistics.hpp>
#include <typenet/vector.hpp>

namespace typenet::analysis {

/// The reference module's noise levels: standard deviations of the Gaussian noise added to every input value.
inline constexpr double default_noise_levels[] = {0.0, 0.1, 0.2, 0.5};

/// How the outputs move at one noise level.
struct noise_level {
    double level = 0;
    running_statistics outputs;     // every output value of every noisy trial
    double mean_abs_change = 0;     // mean |y_noisy - y_clean| over outputs and trials
    double max_abs_change = 0;
    double decision_kept = 1;       // share of trials whose largest output stays the clean one's (argmax); NaN for one output
};

struct noise_options {
    std::span<const double> levels = default_noise_levels;
    std::size_t trials = 32;        // noisy copies of each input per level
    std::uint64_t seed = 0;
    std::size_t bins = 20;
};

/// Adds Gaussian noise N(0, level^2) to every input value, `trials` times per input and level, and records
/// what the outputs do. Reproducible: the noise comes from `gaussian(seed)` in a fixed order, so the same
/// seed gives the same numbers on every platform.
template <class Net, class T, std::size_t N>
std::vector<noise_level> noise_robustness(const Net& net, std::span<const Vector<T, N>> inputs,
                                          const noise_options& options = {}) {
    static_assert(N == Net::input_size, "typenet: noise_robustness: inputs must have the network's input size");
    std::vector<noise_level> result;
    gaussian noise(options.seed);
    for (double level : options.levels) {
        noise_level r{level, running_statistics(options.bins), 0, 0, 0};
        std::uint64_t changes = 0, kept = 0, trials = 0;
        double sum_change = 0;
        for (const auto& x : inputs) {
            const auto clean = net(x);
            const auto clean_top = std::max_element(clean.begin(), clean.end()) - clean.begin();
            for (std::size_t t = 0; t < options.trials; ++t) {
                Vector<T, N> noisy = x;
                for (auto& v : noisy) v = static_cast<T>(static_cast<double>(v) + level * noise());
                const auto y = net(noisy);
                r.outputs.add(std::span<const T>(y.data(), y.size()));
                for (std::size_t o = 0; o < y.size(); ++o) {
                    const double d = std::abs(static_cast<double>(y[o]) - static_cast<double>(clean[o]));
                    sum_change += d;
                    r.max_abs_change = std::max(r.max_abs_change, d);
                    ++changes;
                }
                kept += (std::max_element(y.begin(), y.end()) - y.begin()) == clean_top;
                ++trials;
            }
        }
        r.mean_abs_change = changes ? sum_change / static_cast<double>(changes) : 0;
        r.decision_kept = Net::output_size == 1 ? std::numeric_limits<double>::quiet_NaN()  // one output: no decision
                          : trials ? static_cast<double>(kept) / static_cast<double>(trials) : 1;
        result.push_back(std::move(r));
    }
    return result;
}

template <class Net, class T, std::size_t N>
std::vector<noise_level> noise_robustness(const Net& net, const std::vector<Vector<T, N>>& inputs,
                                          const noise_options& options = {}) {
    return noise_robustness(net, std::span<const Vector<T, N>>(inputs), options);
}

/// One input feature varied over a range with the others held: `outputs[k][o]` is output o at `values[k]`.
struct sweep {
    std::size_t feature = 0;
    std::vector<double> values;
    std::vector<std::vector<double>> outputs;
};

/// Varies input feature `feature` of `base` over [low, high] in `steps` evenly spaced values.
template <class Net, class T, std::size_t N>
sweep input_sweep(const Net& net, const Vector<T, N>& base, std::size_t feature, double low, double high,
                  std::size_t steps = 41) {
    sweep s{feature, {}, {}};
    for (std::size_t k = 0; k < steps; ++k) {
        const double v = steps == 1 ? low : low + (high - low) * static_cast<double>(k) / static_cast<double>(steps - 1);
        Vector<T, N> x = base;
        x[feature] = static_cast<T>(v);
        const auto y = net(x);
        s.values.push_back(v);
        s.outputs.emplace_back(y.begin(), y.end());
    }
    return s;
}

}  // namespace typenet::analysis

#endif
