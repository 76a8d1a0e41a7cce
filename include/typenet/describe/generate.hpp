#ifndef TYPENET_DESCRIBE_GENERATE_HPP
#define TYPENET_DESCRIBE_GENERATE_HPP

// The program that CMake's typenet_generate() writes, compiles and runs includes this header:
//
//     typenet::generator g(argc, argv);
//     g.add<models::Mlp>("models::Mlp", "models__Mlp");
//     return g.finish();
//
// Arguments: --out DIR (the tables, and the .dot files when "dot" is asked for), --dot-dir DIR (where .dot
// files go otherwise, for Graphviz to render), --formats dot,svg,png,md,csv,json,txt, --direction TB|LR,
// --detail compact|detailed, --batch N, --index FILE (an index page in DIR, .html or .md).

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <typenet/describe.hpp>

namespace typenet {

class generator {
public:
    generator(int argc, char** argv) {
        try {
            parse(argc, argv);
        } catch (const std::exception& e) {
            fail(e.what());
        }
    }

    /// Writes the files of one network: `<out>/<stem>.<format>`, `type_name` as the title.
    template <class Net>
    void add(std::string_view type_name, std::string_view stem) {
        add(describe_view<Net>(), type_name, stem);
    }

    void add(const network_info& net, std::string_view type_name, std::string_view stem) {
        dot_options dot = dot_;
        dot.title = type_name;
        table_options titled = table_;
        titled.title = type_name;
        const std::string base(stem);
        if (wants("dot") || wants("svg") || wants("png"))
            write((wants("dot") ? out_dir_ : dot_dir_) + "/" + base + ".dot", to_dot(net, dot));
        if (wants("txt")) write(out_dir_ + "/" + base + ".txt", to_text_table(net, titled));
        if (wants("md")) write(out_dir_ + "/" + base + ".md", to_markdown_table(net, table_));
        if (wants("csv")) write(out_dir_ + "/" + base + ".csv", to_csv_table(net, table_));
        if (wants("json")) write(out_dir_ + "/" + base + ".json", to_json(net, titled));
        if (!index_.empty()) add_to_index(net, type_name, base);
    }

    /// Writes the index page, if one was asked for; the program's exit code.
    int finish() {
        if (index_.empty()) return EXIT_SUCCESS;
        const bool html = index_.ends_with(".html") || index_.ends_with(".htm");
        std::string page;
        if (html) {
            page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<title>typenet networks</title>\n<style>\n"
                   "body { font-family: sans-serif; margin: 2em; color: #222; }\n"
                   "section { margin-bottom: 3em; }\n"
                   "table.network td { vertical-align: top; padding: 0 1.5em 0 0; }\n"
                   "pre { font-size: 12px; background: #f7f7f7; padding: 1em; border-radius: 4px; }\n"
                   "code { font-size: 12px; }\nh2 code { font-size: 1.1em; }\n</style>\n</head>\n<body>\n<h1>typenet networks</h1>\n" +
                   html_index_ + "</body>\n</html>\n";
        } else {
            page = "# typenet networks\n\n" + markdown_index_;
        }
        write(out_dir_ + "/" + index_, page);
        return EXIT_SUCCESS;
    }

private:
    std::string out_dir_ = ".";
    std::string dot_dir_;
    std::vector<std::string> formats_{"dot", "svg", "png", "md", "csv", "json", "txt"};
    std::string index_;
    dot_options dot_;
    table_options table_;
    std::string html_index_;
    std::string markdown_index_;

    [[noreturn]] static void fail(std::string_view why) {
        fmt::print(stderr, "typenet generator: {}\n", why);
        std::exit(EXIT_FAILURE);
    }

    bool wants(std::string_view format) const {
        for (const auto& f : formats_)
            if (f == format) return true;
        return false;
    }

    void parse(int argc, char** argv) {
        for (int i = 1; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", arg));
            const std::string value = argv[++i];
            if (arg == "--out") out_dir_ = value;
            else if (arg == "--dot-dir") dot_dir_ = value;
            else if (arg == "--index") index_ = value;
            else if (arg == "--batch") dot_.batch = table_.batch = std::stoul(value);
            else if (arg == "--direction") {
                if (value != "TB" && value != "LR") throw std::invalid_argument("--direction takes TB or LR");
                dot_.direction = value == "LR" ? dot_direction::left_right : dot_direction::top_bottom;
            } else if (arg == "--detail") {
                if (value != "compact" && value != "detailed")
                    throw std::invalid_argument("--detail takes compact or detailed");
                dot_.detail = value == "compact" ? dot_detail::compact : dot_detail::detailed;
            } else if (arg == "--formats") {
                formats_.clear();
                std::size_t start = 0;
                while (start <= value.size()) {
                    const std::size_t end = std::min(value.find(',', start), value.size());
                    if (end > start) formats_.push_back(value.substr(start, end - start));
                    start = end + 1;
                }
            } else {
                throw std::invalid_argument(fmt::format("unknown argument {}", arg));
            }
        }
        if (dot_dir_.empty()) dot_dir_ = out_dir_;
    }

    static void write(const std::string& path, const std::string& text) {
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        file << text;
        file.close();
        if (!file) fail(fmt::format("cannot write {}", path));
    }

    // The image the index shows beside each table: SVG when there is one, else PNG.
    std::string image_of(const std::string& stem) const {
        if (wants("svg")) return stem + ".svg";
        if (wants("png")) return stem + ".png";
        return {};
    }

    std::string links_of(const std::string& stem) const {
        std::vector<std::string> links;
        for (std::string_view f : {"svg", "png", "dot", "txt", "md", "csv", "json"})
            if (wants(f)) links.push_back(fmt::format("<a href=\"{0}.{1}\">{1}</a>", stem, f));
        return fmt::format("{}", fmt::join(links, " · "));
    }

    void add_to_index(const network_info& net, std::string_view type_name, const std::string& stem) {
        const std::string name = detail::html_escape(type_name);
        const std::string image = image_of(stem);
        table_options plain = table_;
        fmt::format_to(std::back_inserter(html_index_),
                       "<section>\n<h2 id=\"{0}\"><code>{1}</code></h2>\n"
                       "<p><code>{2}</code><br>\n<code>{3}</code></p>\n"
                       "<table class=\"network\"><tr>\n<td>{4}</td>\n<td><pre>{5}</pre>\n<p>{6}</p></td>\n"
                       "</tr></table>\n</section>\n",
                       stem, name, detail::html_escape(architecture_line(net)),
                       detail::html_escape(data_flow_line(net, table_.batch)),
                       image.empty() ? std::string() : fmt::format("<img src=\"{}\" alt=\"{}\">", image, name),
                       detail::html_escape(to_text_table(net, plain)), links_of(stem));
        fmt::format_to(std::back_inserter(markdown_index_),
                       "## `{0}`\n\n`{1}`\n\n`{2}`\n\n<table><tr><td valign=\"top\">\n\n{3}\n\n</td><td valign=\"top\">\n\n"
                       "{4}\n</td></tr></table>\n\n{5}\n\n",
                       type_name, architecture_line(net), data_flow_line(net, table_.batch),
                       image.empty() ? std::string() : fmt::format("<img src=\"{}\" alt=\"{}\">", image, name),
                       to_markdown_table(net, table_), links_of(stem));
    }
};

}  // namespace typenet

#endif
