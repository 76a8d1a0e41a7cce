#ifndef TYPENET_ANALYSIS_HPP
#define TYPENET_ANALYSIS_HPP

// Analysis of networks at run time: the observed forward pass, per-layer statistics, comparison of
// networks, behaviour under noise and sweeps, Jacobians, tables, plots and HTML reports. See docs/analysis.md.
#include <typenet/analysis/behaviour.hpp>
#include <typenet/analysis/comparison.hpp>
#include <typenet/analysis/data_flow.hpp>
#include <typenet/analysis/jacobian.hpp>
#include <typenet/analysis/layers.hpp>
#include <typenet/analysis/network_report.hpp>
#include <typenet/analysis/observed_layer.hpp>
#include <typenet/analysis/plot.hpp>
#include <typenet/analysis/random.hpp>
#include <typenet/analysis/report.hpp>
#include <typenet/analysis/statistics.hpp>
#include <typenet/analysis/text.hpp>

#endif
