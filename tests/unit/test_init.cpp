#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace tn = typenet;

namespace {
using Net = tn::Sequential<tn::Dense<16, 8>, tn::ReLU, tn::Dense<8, 4>>;

std::vector<float> parameters_of(const Net& net) {
    std::vector<float> all;
    tn::for_each_parameter(net, [&](std::string_view, const auto& t) { all.insert(all.end(), t.begin(), t.end()); });
    return all;
}
}  // namespace

TEST_CASE("the engine is the standard's mt19937_64, whose sequence is fixed", "[init]") {
    std::mt19937_64 engine(5489u);
    engine.discard(9999);
    REQUIRE(engine() == 9981545732273789042ull);  // [rand.predef]
}

TEST_CASE("init is deterministic: same seed, same parameters; another seed, others", "[init]") {
    Net a, b, c;
    tn::init(a, 42);
    tn::init(b, 42);
    tn::init(c, 43);
    REQUIRE(parameters_of(a) == parameters_of(b));
    REQUIRE(parameters_of(a) != parameters_of(c));
}

TEST_CASE("init draws each value as documented, from one engine in state_dict order", "[init]") {
    Net net;
    tn::init(net, 42);
    // Independent derivation: 53 random bits -> [0, 1) -> [-bound, bound), bound = 1/sqrt(in_features).
    std::mt19937_64 engine(42);
    auto next = [&](double bound) {
        return static_cast<float>((2.0 * static_cast<double>(engine() >> 11) / 9007199254740992.0 - 1.0) * bound);
    };
    std::vector<float> expected;
    for (int i = 0; i < 16 * 8 + 8; ++i) expected.push_back(next(0.25));
    for (int i = 0; i < 8 * 4 + 4; ++i) expected.push_back(next(1 / std::sqrt(8.0)));
    REQUIRE(parameters_of(net) == expected);
}

TEST_CASE("init follows PyTorch's nn.Linear distribution: uniform in +-1/sqrt(in)", "[init]") {
    static tn::Sequential<tn::Dense<400, 100>> net;
    tn::init(net, 1);
    const auto& d = tn::get<0>(net);
    const double bound = 1 / std::sqrt(400.0);
    double sum = 0, sum_sq = 0;
    for (float w : d.weight) {
        REQUIRE(std::abs(w) <= bound);
        sum += w;
        sum_sq += static_cast<double>(w) * w;
    }
    const double n = 400 * 100;
    REQUIRE(sum / n == Approx(0).margin(0.01 * bound));
    REQUIRE(sum_sq / n == Approx(bound * bound / 3).epsilon(0.02));  // variance of U(-b, b)
    for (float b : d.bias) REQUIRE(std::abs(b) <= bound);
}
