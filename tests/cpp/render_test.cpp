// Tests of coopmap/render.hpp: SVG and HTML map text.
#include <gtest/gtest.h>

#include <string>

#include "coopmap/render.hpp"

using namespace coopmap;

namespace {
std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}
Network sample() {
    Network net;
    net.add_structure("a", "<script>alert(1)</script>", {{"responded", true}});
    net.add_structure("b", "B & Co", {{"responded", false}});
    net.add_structure("c", "C\t \"quoted\"", {{"responded", true}});
    net.add_structure("d", "D", {{"responded", true}});
    LinkSpec unconf;
    unconf.status = "unconfirmed";
    net.add_link("a", "b", unconf);
    LinkSpec two;
    two.type = "shared_premises";
    net.add_link("a", "b", two);
    net.add_link("b", "c");
    return net;
}
MapOptions options(const Network& net, std::uint64_t seed = 0) {
    MapOptions o;
    o.positions = layout(net, "forceatlas2", {.seed = seed});
    o.color = {0, 1, 0, -1};
    o.color_labels = {"x", "y"};
    o.size = {3, 1, 2, 0};
    o.title = "Map";
    return o;
}
}  // namespace

TEST(Render, SvgOneNodeElementPerStructureAndEscaped) {
    const auto net = sample();
    const auto svg = render_svg(net, options(net));
    EXPECT_EQ(count(svg, "<circle class=\"node"), 4u);
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(svg.find("B &amp; Co"), std::string::npos);
    EXPECT_NE(svg.find("C&#9; &quot;quoted&quot;"), std::string::npos);  // tab is XML 1.0 text, kept as a reference
    // One edge per (pair, type): a-b twice (two types), b-c once.
    EXPECT_EQ(count(svg, "<path class=\"edge\""), 3u);
    // the unconfirmed a-b edge of type "cooperation", plus the legend sample
    EXPECT_EQ(count(svg, "stroke-dasharray=\"7 5\""), 2u);
    EXPECT_EQ(count(svg, "class=\"node hollow\""), 1u);         // b did not respond
    // 3 of 4 responded.
    EXPECT_NE(svg.find("response rate 75% (3/4)"), std::string::npos);
}

TEST(Render, DeterministicBytes) {
    const auto net = sample();
    EXPECT_EQ(render_svg(net, options(net, 1)), render_svg(net, options(net, 1)));
    EXPECT_NE(render_svg(net, options(net, 1)), render_svg(net, options(net, 2)));
}

TEST(Render, HtmlSelfContainedAndEscaped) {
    const auto net = sample();
    const auto html = render_html(net, options(net));
    // The only <script> elements are ours (error hook, JSON data, code): 3.
    EXPECT_EQ(count(html, "<script"), 3u);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), std::string::npos);
    EXPECT_EQ(html.find("http://") == std::string::npos || html.find("http://www.w3.org/2000/svg") != std::string::npos, true);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("innerHTML"), std::string::npos);
}

TEST(Render, Errors) {
    const auto net = sample();
    auto o = options(net);
    o.size = {1, 2};
    EXPECT_THROW(render_svg(net, o), input_error);
    o = options(net);
    o.positions.x[0] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(render_svg(net, o), input_error);
    o = options(net);
    o.edge_color = "weight";
    EXPECT_THROW(render_svg(net, o), input_error);
    EXPECT_THROW(draw(net, "/tmp/x.png", options(net)), input_error);
}

TEST(Render, LabelsDoNotOverlap) {
    Network net;
    for (char c = 'a'; c <= 'z'; ++c) net.add_structure(std::string(1, c), std::string(12, c));
    for (index_t i = 0; i + 1 < 26; ++i) net.add_link(i, i + 1);
    MapOptions o;
    o.positions = layout(net, "kamada_kawai");
    o.labels = 26;
    const auto m = detail::build_model(net, o);
    ASSERT_GT(m.labels.size(), 5u);
    // Label boxes from the same width estimate as the placement; none may intersect.
    std::vector<std::array<double, 4>> boxes;
    for (const auto& l : m.labels) {
        const double w = detail::text_width(l.text, 15);
        const double x0 = l.anchor == "start" ? l.x : l.anchor == "end" ? l.x - w : l.x - w / 2;
        boxes.push_back({x0, l.y - 15, x0 + w, l.y - 15 + 18});
    }
    for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            const auto& p = boxes[i];
            const auto& q = boxes[j];
            EXPECT_FALSE(p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]) << i << " " << j;
        }
}

TEST(Render, LegendNumbersAvoidExponentsASeminarWouldStumbleOn) {
    using coopmap::detail::short_number;
    EXPECT_EQ(short_number(0.000475), "0.000475");  // 3 significant digits, no "4.75e-04"
    EXPECT_EQ(short_number(0.0185), "0.0185");
    EXPECT_EQ(short_number(0.157), "0.157");
    EXPECT_EQ(short_number(12.34), "12.3");
    EXPECT_EQ(short_number(250), "250");
    EXPECT_EQ(short_number(0.00001234), "1.23e-05");  // below 1e-4 the exponent is shorter
    EXPECT_EQ(short_number(std::nan("")), "n/a");
}

TEST(Render, HugeNumbersNeverLeakUnwrittenBytes) {
    using coopmap::detail::fixed;
    // 1e64 does not fit a 64-byte buffer in fixed notation: written whole, or in
    // scientific notation, never with bytes the conversion did not write
    // 1e64 is the double 10000000000000000213204190094543968723012578712679649467743338496
    // (65 digits): every byte written by the conversion, nothing else
    const auto s = fixed(1e64, 0);
    EXPECT_EQ(s, "10000000000000000213204190094543968723012578712679649467743338496");
    EXPECT_EQ(fixed(-1e300, 0).size(), 302u);  // '-' and 301 digits: still fixed, no overflow
    EXPECT_EQ(fixed(-0.04, 1), "0.0");  // no "-0.0"
    EXPECT_THROW(render_svg(sample(), [] {
                     MapOptions o;
                     o.width = 1e64;
                     return o;
                 }()),
                 input_error);
}
