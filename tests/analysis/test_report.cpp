// The HTML report of a network: every file it promises, and every image embedded. The page is then opened
// in headless Chromium by the test analysis.report_renders_in_chromium.
#include <typenet/analysis.hpp>
#include <typenet/typenet.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tn = typenet;
namespace ta = typenet::analysis;
namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
std::size_t occurrences(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("a network's report is one self-contained page with every plot embedded", "[report]") {
    using Encoder = tn::Sequential<tn::Dense<9, 6>, tn::ReLU>;
    using Net = tn::Sequential<Encoder, tn::Dense<6, 3>, tn::Softmax>;
    using Other = tn::Classifier<9, 3, tn::Hidden<4, 4>>;
    Net net;
    Other other;
    tn::init(net, 1);
    tn::init(other, 2);
    ta::gaussian g(3);
    std::vector<tn::Vector<float, 9>> xs(16);
    for (auto& x : xs)
        for (auto& v : x) v = static_cast<float>(g());
    const std::span<const tn::Vector<float, 9>> view(xs);

    const char* env = std::getenv("TYPENET_REPORT_DIR");
    const fs::path dir = env ? fs::path(env) : fs::temp_directory_path() / "typenet_report_test";
    fs::remove_all(dir);

    ta::report_options o;
    o.directory = dir;
    o.stem = "report_test";
    o.noise.trials = 4;
    o.comparison = ta::compare(ta::comparison_options{20, 3}, view, ta::named{"Net", net}, ta::named{"Classifier", other});
    const auto r = ta::write_network_report(net, "Encoder + head", view, o);

    REQUIRE(r.page == dir / "report_test.html");
    REQUIRE(r.data_flow.size() == Net::depth + 1);
    REQUIRE(r.noise.size() == 4);
    REQUIRE(r.sweeps.size() == 6);
    for (const auto& image : r.images) {
        INFO(image.string());
        REQUIRE(!image.empty());
        REQUIRE(fs::file_size(image) > 1000);
    }
    for (const char* file : {"_data_flow.csv", "_data_flow.json", "_histograms.csv", "_noise.csv", "_noise.json",
                             "_jacobian.csv", "_sweep_x0.csv", "_histograms.gp", "_architecture.dot"})
        REQUIRE(fs::exists(dir / (std::string("report_test") + file)));

    const std::string html = read(r.page);
    REQUIRE(occurrences(html, "<img ") == r.images.size());
    REQUIRE(occurrences(html, "src=\"data:image/") == r.images.size());
    REQUIRE(occurrences(html, "src=\"\"") == 0);
    REQUIRE(html.find("http://") == std::string::npos);
    REQUIRE(html.find("https://") == std::string::npos);
    REQUIRE(html.find("Dense&lt;9, 6&gt;") != std::string::npos);

    const std::string csv = read(dir / "report_test_histograms.csv");
    REQUIRE(std::count(csv.begin(), csv.end(), '\n') == 1 + 20 * static_cast<long>(Net::depth + 1));
}

TEST_CASE("plots are drawn into folders whose names need quoting", "[report][plot]") {
    using Net = tn::Sequential<tn::Dense<3, 2>, tn::Tanh>;
    Net net;
    tn::init(net, 1);
    ta::activation_statistics<Net> stats(8);
    stats.run(net, tn::Vector<float, 3>{1, -2, 0.5f});
    const fs::path dir = fs::temp_directory_path() / "typenet analysis 'quoted' dir";
    fs::remove_all(dir);
    const auto png = ta::plot_histograms(stats.rows(), dir, "it's");
    REQUIRE(png == dir / "it's.png");
    REQUIRE(fs::file_size(png) > 1000);
    const auto svg = ta::plot_mean_std(stats.rows(), dir, "mean std", "", ta::plot_options{ta::image_format::svg});
    REQUIRE(svg == dir / "mean std.svg");
    REQUIRE(fs::file_size(svg) > 1000);
    const auto script_only = ta::plot_mean_std(stats.rows(), dir, "script", "", ta::plot_options{.render = false});
    REQUIRE(fs::exists(dir / "script.gp"));
    REQUIRE(!fs::exists(script_only));
    fs::remove_all(dir);
}
