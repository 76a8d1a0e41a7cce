#ifndef TYPENET_ANALYSIS_COMPARISON_HPP
#define TYPENET_ANALYSIS_COMPARISON_HPP

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <typenet/analysis/layers.hpp>
#include <typenet/analysis/statistics.hpp>
#include <typenet/describe/lines.hpp>
#include <typenet/vector.hpp>

namespace typenet::analysis {

/// One network of a comparison: what its type says and what it did on the shared inputs.
struct network_profile {
    std::string name;
    std::string architecture;      // "Input -> Dense(784,128) -> ReLU -> ... -> Output"
    std::string widths;            // "784-128-64-10"
    std::size_t depth = 0, dense_layers = 0, parameters = 0, macs = 0, parameter_bytes = 0, largest_activation = 0;
    std::vector<std::pair<std::string, std::size_t>> kinds;  // layer kind and count, in order of first use
    double latency_ns = 0;         // median over repeats of the mean time of one forward pass
    running_statistics outputs;    // every output value over the shared inputs
};

struct comparison_options {
    std::size_t bins = 20;
    std::size_t repeats = 15;      // timed passes over all inputs; the median is kept
};

/// A network with the name it has in tables and plots.
template <class Net>
struct named {
    std::string name;
    const Net& net;
};
template <class Net>
named(std::string, const Net&) -> named<Net>;

namespace detail {
template <class Net>
std::vector<std::pair<std::string, std::size_t>> kind_counts() {
    std::vector<std::pair<std::string, std::size_t>> kinds;
    for (const auto& l : layers_of<Net>()) {
        auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == l.kind; });
        if (it == kinds.end()) kinds.emplace_back(l.kind, 1);
        else ++it->second;
    }
    return kinds;
}
}  // namespace detail

/// Profiles one network on the inputs.
template <class Net, class T, std::size_t N>
network_profile profile(const named<Net>& n, std::span<const Vector<T, N>> inputs, const comparison_options& options = {}) {
    static_assert(N == Net::input_size, "typenet: profile: inputs must have the network's input size");
    network_profile p;
    p.name = n.name;
    p.architecture = architecture_line<Net>();
    p.widths = widths_of<Net>();
    p.depth = Net::depth;
    p.parameters = Net::parameter_count;
    p.macs = Net::mac_count;
    p.parameter_bytes = Net::parameter_bytes;
    p.largest_activation = Net::largest_activation_size;
    p.kinds = detail::kind_counts<Net>();
    p.dense_layers = 0;
    for (const auto& [kind, count] : p.kinds)
        if (kind == "Dense") p.dense_layers = count;
    p.outputs = running_statistics(options.bins);
    for (const auto& x : inputs) {
        const auto y = n.net(x);
        p.outputs.add(std::span<const T>(y.data(), y.size()));
    }
    if (!inputs.empty()) {
        std::vector<double> times;
        volatile double sink = 0;  // keeps the timed passes from being optimised away
        for (std::size_t r = 0; r < std::max<std::size_t>(options.repeats, 1); ++r) {
            const auto start = std::chrono::steady_clock::now();
            double acc = 0;
            for (const auto& x : inputs) acc += static_cast<double>(n.net(x)[0]);
            const auto stop = std::chrono::steady_clock::now();
            sink = sink + acc;
            times.push_back(std::chrono::duration<double, std::nano>(stop - start).count() /
                            static_cast<double>(inputs.size()));
        }
        std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2), times.end());
        p.latency_ns = times[times.size() / 2];
    }
    return p;
}

template <class Net, class T, std::size_t N>
network_profile profile(const named<Net>& n, const std::vector<Vector<T, N>>& inputs, const comparison_options& options = {}) {
    return profile(n, std::span<const Vector<T, N>>(inputs), options);
}

/// Profiles several networks of the same input size on the same inputs:
/// `compare(inputs, named{"MLP", mlp}, named{"Wide", wide})`.
template <class T, std::size_t N, class... Nets>
std::vector<network_profile> compare(std::span<const Vector<T, N>> inputs, const named<Nets>&... nets) {
    return {profile(nets, inputs)...};
}
template <class T, std::size_t N, class... Nets>
std::vector<network_profile> compare(const comparison_options& options, std::span<const Vector<T, N>> inputs,
                                     const named<Nets>&... nets) {
    return {profile(nets, inputs, options)...};
}

template <class T, std::size_t N, class... Nets>
std::vector<network_profile> compare(const std::vector<Vector<T, N>>& inputs, const named<Nets>&... nets) {
    return compare(std::span<const Vector<T, N>>(inputs), nets...);
}
template <class T, std::size_t N, class... Nets>
std::vector<network_profile> compare(const comparison_options& options, const std::vector<Vector<T, N>>& inputs,
                                     const named<Nets>&... nets) {
    return compare(options, std::span<const Vector<T, N>>(inputs), nets...);
}

}  // namespace typenet::analysis

#endif
