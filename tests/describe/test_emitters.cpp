// The emitters, checked by structure: nodes, edges, clusters and labels of the diagrams; rows and totals of
// the tables; the two lines of the reference module.
#include <cstddef>
#include <regex>
#include <string>
#include <vector>

#include <typenet/describe.hpp>

#include <catch2/catch.hpp>

#ifdef TYPENET_TEST_JSON
#include <nlohmann/json.hpp>
#endif

#include "networks.hpp"

namespace tn = typenet;
using namespace describe_test;

namespace {

std::size_t count(const std::string& text, const std::string& pattern) {
    const std::regex re(pattern);
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

const std::string node = R"((?:^|\n) *(?:L[0-9_]+|input|output) \[label=)";
const std::string edge = R"(\n *\w+ -> \w+ )";

}  // namespace

TEST_CASE("the diagram of the MLP has a node per layer, Input, Output and an edge per shape", "[describe][dot]") {
    const std::string dot = tn::to_dot<Mlp>();
    CHECK(count(dot, node) == 6 + 2);
    CHECK(count(dot, edge) == 7);
    CHECK(count(dot, "subgraph cluster_") == 0);
    CHECK(dot.find("rankdir=TB") != std::string::npos);
    CHECK(dot.find("input -> L0 [label=\"  [1, 784]  \"]") != std::string::npos);
    CHECK(dot.find("L0 -> L1 [label=\"  [1, 128]  \"]") != std::string::npos);
    CHECK(dot.find("L5 -> output [label=\"  [1, 10]  \"]") != std::string::npos);
    CHECK(dot.find("<b>Dense(784,128)</b>") != std::string::npos);
    CHECK(dot.find("784 → 128") != std::string::npos);
    CHECK(dot.find("100,480 params") != std::string::npos);
    CHECK(dot.find("100,352 MACs") != std::string::npos);
    CHECK(dot.find("109,386 parameters") != std::string::npos);
    CHECK(dot.find("tooltip=\"Dense&lt;784, 128&gt;\"") != std::string::npos);
    // The legend names each kind once, in its colour.
    CHECK(count(dot, "<td bgcolor=") == 3);
    CHECK(dot.find(std::string("<td bgcolor=\"") + std::string(tn::style_of_kind("ReLU").fill)) != std::string::npos);
}

TEST_CASE("layers of one kind share a colour, and kinds differ", "[describe][dot]") {
    const std::string dot = tn::to_dot<Mlp>();
    const auto dense = std::string("fillcolor=\"") + std::string(tn::style_of_kind("Dense").fill) + "\"";
    CHECK(count(dot, dense) == 3);
    STATIC_REQUIRE(tn::style_of_kind("Dense").fill != tn::style_of_kind("ReLU").fill);
    STATIC_REQUIRE(tn::style_of_kind("Sigmoid").fill != tn::style_of_kind("Softmax").fill);
    // A kind no table knows still gets a colour, the same every time.
    STATIC_REQUIRE(!tn::style_of_kind("Patchify").fill.empty());
    STATIC_REQUIRE(tn::style_of_kind("Patchify").fill == tn::style_of_kind("Patchify").fill);
}

TEST_CASE("nested networks are drawn as clusters holding their layers", "[describe][dot]") {
    const std::string dot = tn::to_dot<Nested>();
    CHECK(count(dot, node) == 8 + 2);
    CHECK(count(dot, edge) == 9);
    CHECK(count(dot, "subgraph cluster_") == 2);
    CHECK(dot.find("<b>Sequential 0</b>") != std::string::npos);
    CHECK(dot.find("4 layers · 664 params") != std::string::npos);
    CHECK(dot.find("L0_3 -> L1_0 [label=\"  [1, 8]  \"]") != std::string::npos);
    CHECK(count(dot, "<td bgcolor=") == 5 + 1);  // Dense, GELU, SiLU, LeakyReLU, Softmax; nested Sequential

    const std::string deep = tn::to_dot<DeepNest>();
    CHECK(count(deep, "subgraph cluster_") == 2);
    CHECK(deep.find("subgraph cluster_1_2 {") != std::string::npos);
    CHECK(deep.find("4 layers · 56 params") != std::string::npos);  // leaves at any depth, as Sequential::depth
    CHECK(count(deep, edge) == 7);
    // Every cluster is closed: braces balance.
    CHECK(count(deep, "\\{") == count(deep, "\\}"));
}

TEST_CASE("the diagram's options: direction, compact labels, batch size, title, legend", "[describe][dot]") {
    tn::dot_options o;
    o.direction = tn::dot_direction::left_right;
    o.detail = tn::dot_detail::compact;
    o.batch = 32;
    o.title = "models::Mlp";
    o.legend = false;
    const std::string dot = tn::to_dot<Mlp>(o);
    CHECK(dot.find("rankdir=LR") != std::string::npos);
    CHECK(dot.find("params") == std::string::npos);
    CHECK(dot.find("input -> L0 [label=\"  [32, 784]  \"]") != std::string::npos);
    CHECK(dot.find("<b>models::Mlp</b>") != std::string::npos);
    CHECK(dot.find("legend") == std::string::npos);

    o.batch = 0;
    CHECK(tn::to_dot<Mlp>(o).find("input -> L0 [label=\"  [784]  \"]") != std::string::npos);
}

TEST_CASE("rank-3 shapes and unknown kinds reach the diagram", "[describe][dot]") {
    const std::string dot = tn::to_dot<Patches>();
    CHECK(dot.find("1×6×6 → 4×3×3") != std::string::npos);
    CHECK(dot.find("L1 -> L2 [label=\"  [1, 4, 3, 3]  \"]") != std::string::npos);
    CHECK(dot.find(">Patchify</font>") != std::string::npos);
    CHECK(count(dot, edge) == 5);  // the Input<1, 6, 6> layer is the Input node, not a node of its own
    CHECK(dot.find(">Input(") == std::string::npos);
}

TEST_CASE("the text table lists every layer with its share and the totals", "[describe][table]") {
    const std::string table = tn::to_text_table<Mlp>({1, "models::Mlp"});
    const auto lines = lines_of(table);
    CHECK(lines.front() == "Model: models::Mlp");
    CHECK(count(table, "\n├─|\n└─") == 6);
    CHECK(table.find("Total params: 109,386\n") != std::string::npos);
    CHECK(table.find("Total MACs: 109,184\n") != std::string::npos);
    CHECK(table.find("Parameter size: 437,544 bytes") != std::string::npos);
    CHECK(table.find("Largest activation: 784 values, 3,136 bytes") != std::string::npos);
    CHECK(std::regex_search(table, std::regex(R"(├─Dense<784, 128>: 0 +\[1, 128\] +100,480 +91\.86% +100,352\n)")));
    // Columns line up: every row of the table is as wide as the rules (counted in characters).
    const std::size_t width = lines[1].size();
    for (const auto& l : lines)
        if (l.find("─") != std::string::npos) CHECK(tn::detail::display_width(l) == width);
}

TEST_CASE("the text table draws nesting as a tree", "[describe][table]") {
    const std::string table = tn::to_text_table<Nested>();
    CHECK(table.find("├─Sequential: 0 ") != std::string::npos);
    CHECK(table.find("│    ├─Dense<32, 16>: 0.0 ") != std::string::npos);
    CHECK(table.find("└─Sequential: 1 ") != std::string::npos);
    CHECK(table.find("     └─Softmax: 1.3 ") != std::string::npos);
    CHECK(table.find("Total params: 715\n") != std::string::npos);
}

TEST_CASE("a batch scales shapes, MACs and the activation buffer", "[describe][table]") {
    const std::string table = tn::to_text_table<Mlp>({32, {}});
    CHECK(table.find("[32, 128]") != std::string::npos);
    CHECK(table.find("Total MACs: 3,493,888\n") != std::string::npos);
    CHECK(table.find("Total params: 109,386\n") != std::string::npos);
    CHECK(table.find("Largest activation: 25,088 values") != std::string::npos);
}

TEST_CASE("the Markdown table has a row per position and a total row", "[describe][table]") {
    const std::string md = tn::to_markdown_table<Nested>();
    CHECK(count(md, "\n\\| ") == 10 + 1);  // rows and total; the header starts the text
    CHECK(md.rfind("| # | Layer |", 0) == 0);
    CHECK(md.find("| 0.0 | &emsp;`Dense<32, 16>` | `[1, 16]` | 528 | 73.85% | 512 |") != std::string::npos);
    CHECK(md.find("| | **Total** | `[1, 3]` | **715** | **100.00%** | **684** |") != std::string::npos);
}

TEST_CASE("the CSV table has a header, a row per position and a total", "[describe][table]") {
    const std::string csv = tn::to_csv_table<Mlp>();
    const auto lines = lines_of(csv);
    REQUIRE(lines.size() == 1 + 6 + 1);
    CHECK(lines[0] == "position,nesting,kind,name,label,input_shape,output_shape,parameters,parameter_percent,macs");
    CHECK(lines[1] == "0,0,Dense,\"Dense<784, 128>\",\"Dense(784,128)\",\"[1, 784]\",\"[1, 128]\",100480,91.86,100352");
    CHECK(lines[7] == "total,,,,,\"[1, 784]\",\"[1, 10]\",109386,100.00,109184");
}

TEST_CASE("the JSON description holds every field", "[describe][json]") {
    const std::string json = tn::to_json<Nested>({1, "models::\"Nested\""});
#ifdef TYPENET_TEST_JSON
    const auto j = nlohmann::json::parse(json);
    CHECK(j["title"] == "models::\"Nested\"");
    CHECK(j["layers"].size() == 10);
    CHECK(j["layers"][1]["name"] == "Dense<32, 16>");
    CHECK(j["layers"][1]["position"] == nlohmann::json::array({0, 0}));
    CHECK(j["layers"][0]["group"] == true);
    CHECK(j["layers"][0]["layers_inside"] == 4);
    CHECK(j["layers"][9]["output_shape"] == nlohmann::json::array({1, 3}));
    CHECK(j["totals"]["parameters"] == 715);
    CHECK(j["totals"]["macs"] == 684);
    CHECK(j["totals"]["depth"] == 8);
    CHECK(j["scalar"] == "float");
#else
    CHECK(json.find("\"parameters\": 715") != std::string::npos);
#endif
}

TEST_CASE("the architecture and data-flow lines read as in the reference module", "[describe][lines]") {
    CHECK(tn::architecture_line<Mlp>() ==
          "Input -> Dense(784,128) -> ReLU -> Dense(128,64) -> ReLU -> Dense(64,10) -> Sigmoid -> Output");
    CHECK(tn::data_flow_line<Mlp>() == "(1,784) -> (1,128) -> (1,128) -> (1,64) -> (1,64) -> (1,10) -> (1,10)");
    CHECK(tn::data_flow_line<Mlp>(32) ==
          "(32,784) -> (32,128) -> (32,128) -> (32,64) -> (32,64) -> (32,10) -> (32,10)");
    CHECK(tn::architecture_line<Nested>() == "Input -> Dense(32,16) -> GELU -> Dense(16,8) -> SiLU -> Dense(8,4) -> "
                                             "LeakyReLU -> Dense(4,3) -> Softmax -> Output");
    CHECK(tn::data_flow_line<Patches>() == "(1,1,6,6) -> (1,4,3,3) -> (1,4,3,3) -> (1,36) -> (1,2)");
    CHECK(tn::architecture_line<Patches>().rfind("Input -> Patchify", 0) == 0);
}
