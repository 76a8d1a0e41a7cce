#ifndef TYPENET_ANALYSIS_REPORT_HPP
#define TYPENET_ANALYSIS_REPORT_HPP

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <typenet/analysis/text.hpp>

namespace typenet::analysis {

namespace detail {
inline std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], alphabet[v & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += {alphabet[v >> 18], alphabet[(v >> 12) & 63], alphabet[(v >> 6) & 63], '='};
    }
    return out;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
}  // namespace detail

/// Escapes text for HTML.
inline std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

/// One self-contained HTML page: images are embedded as data URIs, styles inline, no outside resource.
/// On load, a small script counts the images that decoded and marks any that did not, so a broken plot is
/// visible on the page (and to a headless browser, as `data-images="k/n"` on <body>).
class html_report {
public:
    explicit html_report(std::string title) : title_(std::move(title)) {}

    void heading(std::string_view text, std::string_view id = "") {
        body_ += fmt::format("<h2{}>{}</h2>\n", id.empty() ? std::string() : fmt::format(" id=\"{}\"", id), html_escape(text));
        if (!id.empty()) toc_.emplace_back(std::string(id), std::string(text));
    }
    void paragraph(std::string_view text) { body_ += fmt::format("<p>{}</p>\n", html_escape(text)); }
    void code(std::string_view text) { body_ += fmt::format("<pre>{}</pre>\n", html_escape(text)); }
    void raw_html(std::string_view html) { body_ += html; }

    void table(const text_table& t, std::string_view caption = "") {
        body_ += "<div class=\"table\"><table>\n";
        if (!caption.empty()) body_ += fmt::format("<caption>{}</caption>\n", html_escape(caption));
        body_ += "<thead><tr>";
        for (std::size_t c = 0; c < t.header().size(); ++c)
            body_ += fmt::format("<th{}>{}</th>", t.is_left(c) ? " class=\"text\"" : "", html_escape(t.header()[c]));
        body_ += "</tr></thead>\n<tbody>\n";
        for (const auto& r : t.rows()) {
            body_ += "<tr>";
            for (std::size_t c = 0; c < r.size(); ++c)
                body_ += fmt::format("<td{}>{}</td>", t.is_left(c) ? " class=\"text\"" : "", html_escape(r[c]));
            body_ += "</tr>\n";
        }
        body_ += "</tbody></table></div>\n";
    }

    /// Embeds a PNG or SVG file. A missing file still gets its <img>, empty, so that the page says so.
    void image(const std::filesystem::path& file, std::string_view caption) {
        std::string src;
        if (!file.empty() && std::filesystem::exists(file)) {
            const std::string mime = file.extension() == ".svg" ? "image/svg+xml" : "image/png";
            src = fmt::format("data:{};base64,{}", mime, detail::base64(detail::read_file(file)));
        }
        body_ += fmt::format("<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n", src,
                             html_escape(caption), html_escape(caption));
        ++images_;
    }

    /// Several images side by side, two to a row.
    void image_grid(const std::vector<std::pair<std::filesystem::path, std::string>>& images) {
        body_ += "<div class=\"grid\">\n";
        for (const auto& [file, caption] : images) image(file, caption);
        body_ += "</div>\n";
    }

    std::size_t image_count() const noexcept { return images_; }

    std::string html() const {
        std::string nav;
        for (const auto& [id, text] : toc_) nav += fmt::format("<a href=\"#{}\">{}</a>\n", id, html_escape(text));
        return fmt::format(R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{0}</title>
<style>
  body {{ font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; background: #fafafa; margin: 0; }}
  header {{ background: #1f3b57; color: #fff; padding: 18px 32px; }}
  header h1 {{ margin: 0; font-size: 22px; font-weight: 600; }}
  nav {{ background: #2c5070; padding: 6px 32px; }}
  nav a {{ color: #dbe8f5; margin-right: 18px; text-decoration: none; font-size: 14px; }}
  main {{ max-width: 1320px; margin: 0 auto; padding: 8px 32px 40px; }}
  h2 {{ border-bottom: 2px solid #d5dee8; padding-bottom: 4px; margin-top: 34px; color: #1f3b57; font-size: 19px; }}
  pre {{ background: #fff; border: 1px solid #e2e2e2; border-radius: 4px; padding: 10px 14px; overflow-x: auto; font-size: 13px; }}
  figure {{ margin: 14px 0; background: #fff; border: 1px solid #e2e2e2; border-radius: 4px; padding: 10px; }}
  figure img {{ max-width: 100%; display: block; margin: 0 auto; }}
  figcaption {{ color: #555; font-size: 13px; text-align: center; margin-top: 6px; }}
  .grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0 14px; align-items: start; }}
  .table {{ overflow-x: auto; }}
  table {{ border-collapse: collapse; background: #fff; font-size: 13px; margin: 10px 0; }}
  caption {{ text-align: left; color: #555; padding: 4px 0; }}
  th, td {{ padding: 4px 10px; border-bottom: 1px solid #e6e6e6; text-align: right; font-variant-numeric: tabular-nums; }}
  th {{ background: #eef3f8; color: #1f3b57; }}
  td.text {{ text-align: left; font-family: "DejaVu Sans Mono", monospace; }}
  th.text {{ text-align: left; }}
  tr:hover td {{ background: #f5f9fd; }}
  .broken {{ color: #b00020; font-weight: bold; }}
  footer {{ color: #888; font-size: 12px; padding: 0 32px 20px; }}
</style>
</head>
<body>
<header><h1>{0}</h1></header>
<nav>{1}</nav>
<main>
{2}
</main>
<footer>typenet analysis report: {3} images, embedded; no outside resources.</footer>
<script>
window.addEventListener("load", function () {{
  var images = Array.prototype.slice.call(document.images), ok = 0;
  images.forEach(function (img) {{
    if (img.getAttribute("src") && img.complete && img.naturalWidth > 0) {{ ok += 1; return; }}
    var note = document.createElement("p");
    note.className = "broken";
    note.textContent = "This image did not load: " + img.alt;
    img.parentNode.insertBefore(note, img.nextSibling);
  }});
  document.body.setAttribute("data-images", ok + "/" + images.length);
}});
</script>
</body>
</html>
)",
                           html_escape(title_), nav, body_, images_);
    }

    /// Writes the page; returns false when the file cannot be written.
    bool write(const std::filesystem::path& file) const {
        if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out << html();
        return static_cast<bool>(out);
    }

private:
    std::string title_;
    std::string body_;
    std::vector<std::pair<std::string, std::string>> toc_;
    std::size_t images_ = 0;
};

}  // namespace typenet::analysis

#endif
