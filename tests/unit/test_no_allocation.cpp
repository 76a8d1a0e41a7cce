// The forward pass allocates nothing: every global operator new is counted around it.
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include "../support/counting_allocator.hpp"

using test_support::allocations;

namespace tn = typenet;

TEST_CASE("the forward pass does not allocate", "[allocation]") {
    using Net = tn::Sequential<tn::Sequential<tn::Dense<64, 32>, tn::GELU>, tn::Dense<32, 16>, tn::Softmax>;
    static Net net;
    tn::init(net, 1);
    static tn::Vector<float, 64> x{};
    static tn::Matrix<float, 16, 64> batch{};
    float out[16];

    {
        auto* probe = new int(1);  // the counter itself works
        delete probe;
    }
    REQUIRE(allocations.load() > 0);

    const long before = allocations.load();
    const auto y = net(x);
    const auto ys = net(batch);
    net.forward(std::span<const float>(x.data(), 64), std::span<float>(out, 16));
    const long after = allocations.load();
    REQUIRE(after == before);
    REQUIRE(y[0] == Approx(ys(0, 0)));
    REQUIRE(out[0] == Approx(y[0]));
    STATIC_REQUIRE(noexcept(net(x)));
    STATIC_REQUIRE(noexcept(net(batch)));
}
