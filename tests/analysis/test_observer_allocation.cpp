// Gathering statistics inside the forward pass allocates nothing: every global operator new is counted.
#include <typenet/analysis/data_flow.hpp>
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include "../support/counting_allocator.hpp"

using test_support::allocations;

namespace tn = typenet;
namespace ta = typenet::analysis;

TEST_CASE("activation statistics allocate nothing while the network runs", "[observer][allocation]") {
    using Net = tn::Sequential<tn::Sequential<tn::Dense<16, 12>, tn::ReLU>, tn::Dense<12, 4>, tn::Sigmoid>;
    static Net net;
    tn::init(net, 1);
    static tn::Matrix<float, 8, 16> batch{};
    for (std::size_t i = 0; i < batch.size(); ++i) batch.data()[i] = static_cast<float>(i % 11) * 0.3f - 1.5f;
    static tn::Vector<float, 16> x{};

    ta::activation_statistics<Net> stats(20);  // allocates here, once
    {
        auto* probe = new int(1);  // the counter itself works
        delete probe;
    }
    REQUIRE(allocations.load() > 0);

    const long before = allocations.load();
    stats.run(net, batch);
    for (int i = 0; i < 10; ++i) {
        x[static_cast<std::size_t>(i)] = static_cast<float>(i * i) - 20.0f;  // later passes widen the ranges
        stats.run(net, x);
    }
    const long after = allocations.load();
    REQUIRE(after == before);
    REQUIRE(stats.rows()[1].values.count() == 8 * 12 + 10 * 12);
}
