// Comparison of networks on the same inputs, and the tables, CSV and JSON built from it.
#include <typenet/analysis.hpp>
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace tn = typenet;
namespace ta = typenet::analysis;

namespace {
using Mlp = tn::Mlp<16, tn::Hidden<12, 8>, 4>;
using Wide = tn::Classifier<16, 4, tn::Hidden<32>>;
using Nested = tn::Sequential<tn::Sequential<tn::Dense<16, 8>, tn::Tanh>, tn::Sequential<tn::Dense<8, 4>, tn::Softmax>>;
}  // namespace

TEST_CASE("a comparison reports each network's totals and output statistics", "[comparison]") {
    Mlp mlp;
    Wide wide;
    Nested nested;
    tn::init(mlp, 1);
    tn::init(wide, 2);
    tn::init(nested, 3);
    ta::gaussian g(4);
    std::vector<tn::Vector<float, 16>> xs(12);
    for (auto& x : xs)
        for (auto& v : x) v = static_cast<float>(g());

    ta::comparison_options o;
    o.repeats = 3;
    const auto profiles = ta::compare(o, std::span<const tn::Vector<float, 16>>(xs), ta::named{"MLP", mlp},
                                      ta::named{"Wide", wide}, ta::named{"Nested", nested});
    REQUIRE(profiles.size() == 3);
    REQUIRE(profiles[0].name == "MLP");
    REQUIRE(profiles[0].parameters == Mlp::parameter_count);
    REQUIRE(profiles[0].parameters == 16 * 12 + 12 + 12 * 8 + 8 + 8 * 4 + 4);
    REQUIRE(profiles[0].macs == 16 * 12 + 12 * 8 + 8 * 4);
    REQUIRE(profiles[0].parameter_bytes == 4 * profiles[0].parameters);
    REQUIRE(profiles[0].depth == 6);
    REQUIRE(profiles[0].dense_layers == 3);
    REQUIRE(profiles[0].widths == "16-12-8-4");
    REQUIRE(profiles[1].widths == "16-32-4");
    REQUIRE(profiles[2].widths == "16-8-4");
    REQUIRE(profiles[2].depth == 4);

    for (std::size_t k = 0; k < profiles.size(); ++k) {
        const auto& p = profiles[k];
        std::size_t layers = 0;
        for (const auto& [kind, count] : p.kinds) layers += count;
        REQUIRE(layers == p.depth);
        REQUIRE(p.outputs.count() == xs.size() * 4);
        REQUIRE(p.latency_ns > 0);
    }
    REQUIRE(profiles[0].kinds == std::vector<std::pair<std::string, std::size_t>>{{"Dense", 3}, {"ReLU", 2}, {"Sigmoid", 1}});
    REQUIRE(profiles[2].kinds == std::vector<std::pair<std::string, std::size_t>>{{"Dense", 2}, {"Tanh", 1}, {"Softmax", 1}});

    // The output statistics are those of the outputs, computed here directly.
    ta::running_statistics direct;
    for (const auto& x : xs) {
        const auto y = wide(x);
        direct.add(std::span<const float>(y.data(), y.size()));
    }
    REQUIRE(profiles[1].outputs.mean() == direct.mean());
    REQUIRE(profiles[1].outputs.std_dev() == direct.std_dev());
    REQUIRE(profiles[1].outputs.mean() == Approx(0.25));  // Softmax over 4 classes

    // A vector of inputs is taken as it is, with the same results.
    const auto again = ta::compare(o, xs, ta::named{"MLP", mlp});
    REQUIRE(again.size() == 1);
    REQUIRE(again[0].outputs.mean() == profiles[0].outputs.mean());

    const auto table = ta::comparison_table(profiles);
    REQUIRE(table.header() == std::vector<std::string>{"", "MLP", "Wide", "Nested"});
    const auto text = table.str();
    REQUIRE(text.find("16-12-8-4") != std::string::npos);
    REQUIRE(text.find(ta::thousands(Mlp::parameter_count)) != std::string::npos);
    const auto json = ta::comparison_json(profiles);
    REQUIRE(json.find("\"name\": \"Nested\"") != std::string::npos);
    REQUIRE(json.find(fmt::format("\"parameters\": {}", Wide::parameter_count)) != std::string::npos);
    const auto csv = ta::to_csv(table);
    REQUIRE(std::count(csv.begin(), csv.end(), '\n') == 1 + static_cast<long>(table.rows().size()));
}

TEST_CASE("tables align their columns and JSON writes NaN as null", "[comparison][text]") {
    ta::text_table t({"a", "long header"});
    t.left({0});
    t.add({"x", "1"});
    t.add({"longer", "22"});
    REQUIRE(t.str() == "a       long header\n-------------------\nx                 1\nlonger           22\n");
    REQUIRE(ta::json_number(std::nan("")) == "null");
    REQUIRE(ta::json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
    REQUIRE(ta::csv_field("Dense<4, 3>") == "\"Dense<4, 3>\"");
    REQUIRE(ta::thousands(1234567) == "1,234,567");
    REQUIRE(ta::file_stem("Regressor<13, 1, Hidden<8, 4>, Tanh>") == "regressor_13_1_hidden_8_4_tanh");
}
