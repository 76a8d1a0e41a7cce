#ifndef TYPENET_ANALYSIS_DATA_FLOW_HPP
#define TYPENET_ANALYSIS_DATA_FLOW_HPP

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <typenet/analysis/layers.hpp>
#include <typenet/analysis/statistics.hpp>
#include <typenet/matrix.hpp>
#include <typenet/vector.hpp>

namespace typenet::analysis {

/// One row of the data-flow view: a layer (or the input) and the statistics of what it gave.
struct layer_statistics {
    layer_entry layer;
    running_statistics values;
};

/// An observer that gathers per-layer statistics over any number of forward passes:
///
///     tn::analysis::activation_statistics<Net> stats(20);    // 20 histogram bins per layer
///     net(batch, stats);                                     // or stats.run(net, batch)
///     stats.layers()[2].values.mean();
///
/// Everything is allocated by the constructor; observing allocates nothing. Row 0 of `rows()` is the
/// input, when it was recorded through `run` or `record_input`.
template <class Net>
class activation_statistics {
public:
    explicit activation_statistics(std::size_t bins = 20) {
        layer_entry input{0, "input", "Input", "input", "Input", detail::shape_text<typename Net::input_shape>(),
                          Net::input_size, 0, 0, nullptr};
        rows_.push_back({std::move(input), running_statistics(bins)});
        for (auto& l : layers_of<Net>()) {
            const auto rule = saturation_rule_for(l.kind);
            rows_.push_back({std::move(l), running_statistics(bins, rule)});
        }
    }

    /// The observer protocol: called by `net(x, stats)` after every leaf layer.
    template <class Step>
    void operator()(const Step& step) noexcept {
        rows_[Step::index + 1].values.add(step.output);
    }

    template <class T>
    void record_input(std::span<const T> values) noexcept {
        rows_[0].values.add(values);
    }

    /// Runs the network on x (a Vector or a Matrix of samples), recording the input and every layer.
    template <class X>
    auto run(const Net& net, const X& x) {
        record_input(std::span<const typename X::value_type>(x.data(), x.size()));
        return net(x, *this);
    }

    /// Sets every histogram's range to the exact minimum and maximum that `inputs` produce at that layer
    /// (one extra forward pass each), so that bins span the data even when it arrives in many passes.
    template <class Inputs>
    void calibrate(const Net& net, const Inputs& inputs) {
        activation_statistics probe(1);
        for (const auto& x : inputs) probe.run(net, x);
        for (std::size_t r = 0; r < rows_.size(); ++r) {
            const auto& p = probe.rows_[r].values;
            if (p.finite_count() > 0) rows_[r].values.hist().fix_range(p.min(), p.max());
        }
    }

    /// The input (row 0) and every leaf layer, in forward order.
    const std::vector<layer_statistics>& rows() const noexcept { return rows_; }
    /// The leaf layers only.
    std::span<const layer_statistics> layers() const noexcept { return std::span(rows_).subspan(1); }

private:
    std::vector<layer_statistics> rows_;
};

}  // namespace typenet::analysis

#endif
