// Tests of coopmap/export.hpp (structure of the text; readers are checked in pytest).
#include <gtest/gtest.h>

#include <string>

#include "coopmap/export.hpp"

using namespace coopmap;

namespace {
std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}
Network sample() {
    Network net;
    net.add_structure("a", "A <1>", {{"n", std::int64_t{1}}, {"flag", true}}, {"A1"});
    net.add_structure("b", "B \"2\"", {{"n", 2.5}});
    net.add_structure("c");
    net.add_link("a", "b");
    LinkSpec s;
    s.type = "shared_staff";
    s.status = "confirmed";
    net.add_link("a", "b", s);
    net.add_link("b", "c");
    return net;
}
}  // namespace

TEST(Export, GexfDeclaresTypesAndKeepsParallelLinks) {
    const auto net = sample();
    ExportOptions o;
    o.positions = Layout{{0, 1, 2}, {0, 0, 1}};
    o.colors = {"#E69F00", "#56B4E9", "#009E73"};
    o.sizes = {1, 4, 0};
    const auto g = to_gexf(net, o);
    EXPECT_EQ(count(g, "<edge id="), 3u);
    EXPECT_EQ(count(g, "<node id="), 3u);
    EXPECT_NE(g.find("title=\"n\" type=\"double\""), std::string::npos);  // int and float -> double
    EXPECT_NE(g.find("title=\"flag\" type=\"boolean\""), std::string::npos);
    EXPECT_NE(g.find("value=\"1.0\""), std::string::npos);               // the int in a double column
    EXPECT_NE(g.find("label=\"A &lt;1&gt;\""), std::string::npos);
    EXPECT_NE(g.find("<viz:color r=\"230\" g=\"159\" b=\"0\"/>"), std::string::npos);  // 0xE6 0x9F 0x00
    // viz size 10 + 40 sqrt(v / 4): b -> 50, a -> 30, c (0) -> 10.
    EXPECT_NE(g.find("<viz:size value=\"50.0\"/>"), std::string::npos);
    EXPECT_NE(g.find("<viz:size value=\"30.0\"/>"), std::string::npos);
    EXPECT_THROW(to_gexf(net, ExportOptions{{}, {"red", "#000000", "#000000"}, {}}), input_error);
}

TEST(Export, OtherFormats) {
    const auto net = sample();
    const auto gm = to_graphml(net);
    EXPECT_EQ(count(gm, "<edge id="), 3u);
    EXPECT_NE(gm.find("attr.name=\"n\" attr.type=\"double\""), std::string::npos);
    const auto js = to_json(net);
    EXPECT_NE(js.find("\"aliases\": [\"A1\"]"), std::string::npos);
    EXPECT_EQ(count(js, "\"source\""), 3u);
    const auto dot = to_dot(net);
    EXPECT_EQ(dot.rfind("graph \"coopmap\" {", 0), 0u);
    EXPECT_NE(dot.find("label=\"B \\\"2\\\"\""), std::string::npos);
    EXPECT_EQ(count(dot, " -- "), 3u);
    const auto pj = to_pajek(net);
    EXPECT_EQ(pj.rfind("*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Edges\n", 0), 0u);
    EXPECT_NE(pj.find("1 2 1.0 l \"shared_staff\""), std::string::npos);
}
