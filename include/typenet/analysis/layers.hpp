#ifndef TYPENET_ANALYSIS_LAYERS_HPP
#define TYPENET_ANALYSIS_LAYERS_HPP

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <typenet/analysis/observed_layer.hpp>
#include <typenet/describe/reflect.hpp>
#include <typenet/sequential.hpp>

namespace typenet::analysis {

/// One leaf layer of a network as the analysis shows it, drawn from the network's reflection
/// (`tn::describe<Net>()`): `description` points at its entry there, in static storage.
struct layer_entry {
    std::size_t index = 0;       // leaf position, nested networks flattened: observed_layer::index
    std::string position;        // "2" at the top level, "1.0" for layer 0 of the network at position 1
    std::string kind;            // "Dense", "ReLU", ...
    std::string name;            // as the user wrote it: "Dense<784, 128>"
    std::string label;           // as in the architecture line: "Dense(784,128)"
    std::string shape;           // one sample's output shape: "128" or "6x28x28"
    std::size_t output_size = 0;
    std::size_t parameters = 0;
    std::size_t macs = 0;
    const typenet::layer_info* description = nullptr;
};

namespace detail {
template <class S>
std::string shape_text() {
    return fmt::format("{}", fmt::join(S::dims, "x"));
}
}  // namespace detail

/// Every leaf layer of Net, in forward order: the entries of `describe<Net>()` that are not nested networks,
/// which is the order in which the observed forward pass reports them.
template <class Net>
std::vector<layer_entry> layers_of() {
    std::vector<layer_entry> out;
    for (const auto& l : describe_view<Net>().layers) {
        if (l.is_group) continue;
        out.push_back(layer_entry{out.size(), fmt::format("{}", fmt::join(l.position(), ".")), std::string(l.kind),
                                  std::string(l.name), std::string(l.label),
                                  fmt::format("{}", fmt::join(l.output.extents(), "x")), l.output.size,
                                  l.parameter_count, l.mac_count, &l});
    }
    return out;
}

/// The entry of `tn::describe<Net>()` for a step of an observed pass of Net: its reflection (path, kind, name,
/// label, input and output shape, parameters, MACs), in static storage.
///
///     net(x, [](const auto& step) { const tn::layer_info& d = ta::describe_step<Net>(step); ... });
template <class Net, class Step>
constexpr const typenet::layer_info& describe_step(const Step&) noexcept {
    const auto& layers = description_of<Net>.layers;
    std::size_t leaf = 0, i = 0;
    for (; i < layers.size(); ++i) {
        if (layers[i].is_group) continue;
        if (leaf == Step::index) break;
        ++leaf;
    }
    return layers[i];
}

/// "784-128-64-10": the input size, then the output size of every Dense layer.
template <class Net>
std::string widths_of() {
    std::string s = fmt::format("{}", Net::input_size);
    for (const auto& l : layers_of<Net>())
        if (l.parameters > 0) s += fmt::format("-{}", l.output_size);
    return s;
}

}  // namespace typenet::analysis

#endif
