// The observed forward pass: order, positions, views, and that it computes what the plain pass computes.
#include <typenet/analysis.hpp>
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

namespace tn = typenet;
namespace ta = typenet::analysis;

namespace {

using Encoder = tn::Sequential<tn::Dense<6, 5>, tn::GELU>;
using Head = tn::Sequential<tn::Dense<4, 3>, tn::Softmax>;
using Net = tn::Sequential<Encoder, tn::Dense<5, 4>, tn::Tanh, Head>;

struct seen {
    std::size_t index;
    std::string position, name;
    std::size_t batch;
    std::vector<float> output;
};

struct recorder {
    std::vector<seen>* log;
    template <class Step>
    void operator()(const Step& step) const {
        log->push_back({Step::index, fmt::format("{}", fmt::join(Step::position, ".")), std::string(Step::name), Step::batch,
                        std::vector<float>(step.output.begin(), step.output.end())});
    }
};

template <class T, std::size_t N>
bool same_bits(const tn::Vector<T, N>& a, const tn::Vector<T, N>& b) {
    return std::memcmp(a.data(), b.data(), sizeof(T) * N) == 0;
}

}  // namespace

TEST_CASE("the observer sees every leaf layer in order, with its position and a view of its output", "[observer]") {
    Net net;
    tn::init(net, 5);
    tn::Vector<float, 6> x{0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 1.5f};

    std::vector<seen> log;
    const auto y = net(x, recorder{&log});

    REQUIRE(log.size() == Net::depth);
    const char* positions[] = {"0.0", "0.1", "1", "2", "3.0", "3.1"};
    const char* names[] = {"Dense<6, 5>", "GELU", "Dense<5, 4>", "Tanh", "Dense<4, 3>", "Softmax"};
    for (std::size_t i = 0; i < log.size(); ++i) {
        REQUIRE(log[i].index == i);
        REQUIRE(log[i].position == positions[i]);
        REQUIRE(log[i].name == names[i]);
        REQUIRE(log[i].batch == 1);
    }

    // Each view is what the layers compute one after the other, by hand.
    std::vector<float> a(5), b(5), c(4), d(4), e(3), f(3);
    tn::get<0>(net).layer<0>().forward<tn::Shape<6>, 1>(x.data(), a.data());
    tn::GELU{}.forward<tn::Shape<5>, 1>(a.data(), b.data());
    tn::get<1>(net).forward<tn::Shape<5>, 1>(b.data(), c.data());
    tn::Tanh{}.forward<tn::Shape<4>, 1>(c.data(), d.data());
    tn::get<3>(net).layer<0>().forward<tn::Shape<4>, 1>(d.data(), e.data());
    tn::Softmax{}.forward<tn::Shape<3>, 1>(e.data(), f.data());
    REQUIRE(log[0].output == a);
    REQUIRE(log[1].output == b);
    REQUIRE(log[2].output == c);
    REQUIRE(log[3].output == d);
    REQUIRE(log[4].output == e);
    REQUIRE(log[5].output == f);
    REQUIRE(std::vector<float>(y.begin(), y.end()) == f);
}

TEST_CASE("the observer's positions match the reflection of the network", "[observer]") {
    const auto layers = ta::layers_of<Net>();
    std::vector<seen> log;
    Net net;
    tn::init(net, 1);
    net(tn::Vector<float, 6>{}, recorder{&log});
    REQUIRE(layers.size() == log.size());
    for (std::size_t i = 0; i < log.size(); ++i) {
        REQUIRE(layers[i].index == log[i].index);
        REQUIRE(layers[i].position == log[i].position);
        REQUIRE(layers[i].name == log[i].name);
        REQUIRE(layers[i].output_size * log[i].batch == log[i].output.size());
        REQUIRE(layers[i].description != nullptr);
        REQUIRE(layers[i].description->name == log[i].name);
    }
}

TEST_CASE("each observed step finds its entry in the network's reflection", "[observer]") {
    Net net;
    tn::init(net, 1);
    std::size_t calls = 0;
    net(tn::Vector<float, 6>{}, [&](const auto& step) {
        using Step = std::decay_t<decltype(step)>;
        const tn::layer_info& d = ta::describe_step<Net>(step);
        REQUIRE(d.name == Step::name);
        REQUIRE(d.kind == Step::kind);
        REQUIRE(!d.is_group);
        REQUIRE(d.output.size == Step::output_shape::size);
        REQUIRE(d.position().size() == Step::position.size());
        for (std::size_t k = 0; k < Step::position.size(); ++k) REQUIRE(d.position()[k] == Step::position[k]);
        ++calls;
    });
    REQUIRE(calls == Net::depth);
}

TEST_CASE("with or without an observer the forward pass gives the same bits", "[observer]") {
    Net net;
    tn::init(net, 9);
    ta::gaussian g(2);
    for (int trial = 0; trial < 20; ++trial) {
        tn::Vector<float, 6> x;
        for (auto& v : x) v = static_cast<float>(3 * g());
        const auto plain = net(x);
        const auto quiet = net(x, tn::no_observer{});
        std::vector<seen> log;
        const auto watched = net(x, recorder{&log});
        ta::activation_statistics<Net> stats;
        const auto counted = stats.run(net, x);
        REQUIRE(same_bits(plain, quiet));
        REQUIRE(same_bits(plain, watched));
        REQUIRE(same_bits(plain, counted));
    }

    tn::Matrix<double, 3, 6> batch{};
    for (std::size_t i = 0; i < batch.size(); ++i) batch.data()[i] = 0.1 * static_cast<double>(i) - 0.8;
    tn::with_scalar<Net, double> dnet;
    tn::init(dnet, 9);
    const auto plain = dnet(batch);
    const auto quiet = dnet(batch, tn::no_observer{});
    REQUIRE(std::memcmp(plain.data(), quiet.data(), sizeof(double) * plain.size()) == 0);
}

TEST_CASE("a batch is observed whole, and each sample's view is its row", "[observer]") {
    Net net;
    tn::init(net, 4);
    tn::Matrix<float, 4, 6> batch{};
    for (std::size_t i = 0; i < batch.size(); ++i) batch.data()[i] = static_cast<float>(i % 7) - 3.0f;
    const auto expected = net(batch);
    std::size_t calls = 0;
    const auto y = net(batch, [&](const auto& step) {
        using Step = std::decay_t<decltype(step)>;
        ++calls;
        REQUIRE(step.output.size() == 4 * Step::output_shape::size);
        if constexpr (Step::index == Net::depth - 1) {
            for (std::size_t b = 0; b < 4; ++b) {
                auto row = step.sample(b);
                for (std::size_t o = 0; o < 3; ++o) REQUIRE(row[o] == expected(b, o));
            }
        }
    });
    REQUIRE(y == expected);
    REQUIRE(calls == Net::depth);
}
