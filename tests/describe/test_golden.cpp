// Every emitter's output for a flat and a nested network, byte for byte. After an intended change, rewrite
// the files with TYPENET_UPDATE_GOLDEN=1 and review the diff.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <typenet/describe.hpp>

#include <catch2/catch.hpp>

#include "networks.hpp"

namespace tn = typenet;

namespace {

void check_golden(const std::string& file, const std::string& text) {
    const std::string path = std::string(TYPENET_GOLDEN_DIR) + "/" + file;
    if (std::getenv("TYPENET_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << text;
        WARN("rewrote " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::stringstream golden;
    golden << in.rdbuf();
    INFO(path);
    CHECK(text == golden.str());
}

template <class Net>
void check_all(const std::string& stem, std::string_view title) {
    tn::dot_options dot;
    dot.title = title;
    check_golden(stem + ".dot", tn::to_dot<Net>(dot));
    check_golden(stem + "_lr_compact.dot",
                 tn::to_dot<Net>({tn::dot_direction::left_right, tn::dot_detail::compact, 8, title, true}));
    check_golden(stem + ".txt", tn::to_text_table<Net>({1, title}));
    check_golden(stem + ".md", tn::to_markdown_table<Net>());
    check_golden(stem + ".csv", tn::to_csv_table<Net>());
    check_golden(stem + ".json", tn::to_json<Net>({1, title}));
}

}  // namespace

TEST_CASE("the flat MLP's diagram and tables match the golden files", "[describe][golden]") {
    check_all<describe_test::Mlp>("mlp", "describe_test::Mlp");
}

TEST_CASE("the nested network's diagram and tables match the golden files", "[describe][golden]") {
    check_all<describe_test::Nested>("nested", "describe_test::Nested");
}
