// Tests of coopmap/map.hpp: the map model (the SVG and HTML writers are Python's,
// tests/python/test_render.py).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "coopmap/map.hpp"

using namespace coopmap;

namespace {
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
    o.color_groups = 2;
    o.size = {3, 1, 2, 0};
    return o;
}
}  // namespace

TEST(MapModel, RadiiFollowTheSquareRootOfTheMeasure) {
    const auto net = sample();
    const auto m = map_model(net, options(net));
    // map area 1230 x 850 px for 4 structures: r_max = clamp(0.45 sqrt(1230 * 850 / 4), 4, 24) = 24
    EXPECT_DOUBLE_EQ(m.rmax, 24);
    EXPECT_DOUBLE_EQ(m.rmin, 6);
    EXPECT_DOUBLE_EQ(m.nodes[0].radius, 24);  // the largest value
    EXPECT_DOUBLE_EQ(m.nodes[1].radius, 6 + 18 * std::sqrt(1.0 / 3));
    EXPECT_DOUBLE_EQ(m.nodes[2].radius, 6 + 18 * std::sqrt(2.0 / 3));
    EXPECT_DOUBLE_EQ(m.nodes[3].radius, 6);  // 0 -> r_min
    ASSERT_EQ(m.size_legend.size(), 3u);     // largest, median, smallest positive
    EXPECT_EQ(m.size_legend[0].value, 3);
    EXPECT_EQ(m.size_legend[1].value, 2);
    EXPECT_EQ(m.size_legend[2].value, 1);
    EXPECT_DOUBLE_EQ(m.size_legend[1].radius, m.nodes[2].radius);
    // small nodes on top: drawn last
    EXPECT_EQ(m.draw_order, (std::vector<index_t>{0, 2, 1, 3}));
    // without a measure every node has max(r_min, 0.55 r_max)
    auto o = options(net);
    o.size.clear();
    for (const auto& v : map_model(net, o).nodes) EXPECT_DOUBLE_EQ(v.radius, 0.55 * 24);
}

TEST(MapModel, ProjectionKeepsTheMapArea) {
    const auto net = sample();
    const auto m = map_model(net, options(net));
    EXPECT_EQ(m.map_x0, 30);
    EXPECT_EQ(m.map_x1, 1600 - 340);
    EXPECT_EQ(m.map_y0, 120);
    EXPECT_EQ(m.map_y1, 1000 - 30);
    for (const auto& v : m.nodes) {
        EXPECT_GE(v.x, m.map_x0 + m.rmax + 4 - 1e-9);
        EXPECT_LE(v.x, m.map_x1 - m.rmax - 4 + 1e-9);
        EXPECT_GE(v.y, m.map_y0 + m.rmax + 4 - 1e-9);
        EXPECT_LE(v.y, m.map_y1 - m.rmax - 4 + 1e-9);
    }
}

TEST(MapModel, ColoursLegendAndRespondents) {
    const auto net = sample();
    const auto m = map_model(net, options(net));
    ASSERT_EQ(m.color_legend.size(), 3u);  // group 0 (2 structures), group 1 (1), no value (1)
    EXPECT_EQ(m.color_legend[0].key, "group");
    EXPECT_EQ(m.color_legend[0].group, 0);
    EXPECT_EQ(m.color_legend[0].count, 2u);
    EXPECT_EQ(m.color_legend[0].color, "#E69F00");  // Okabe-Ito orange, the first colour
    EXPECT_EQ(m.color_legend[1].group, 1);
    EXPECT_EQ(m.color_legend[1].color, "#56B4E9");
    EXPECT_EQ(m.color_legend[2].key, "no_value");
    EXPECT_EQ(m.color_legend[2].count, 1u);
    EXPECT_EQ(m.nodes[3].color, "#DDDDDD");
    EXPECT_EQ(m.nodes[2].color, "#E69F00");
    EXPECT_TRUE(m.nodes[1].hollow);  // b did not respond
    EXPECT_EQ(m.hollow, 1u);
    EXPECT_EQ(m.respondents_known, 4u);
    EXPECT_EQ(m.structures, 4u);
    EXPECT_EQ(m.links, 3u);
}

TEST(MapModel, FifteenGroupsShareOtherBeyondThePalette) {
    Network net;
    MapOptions o;
    for (int i = 0; i < 16; ++i) {
        std::string id = "s";
        id.append(std::to_string(i));
        net.add_structure(id);
        o.color.push_back(i);
    }
    o.color_groups = 16;
    o.positions = layout(net, "fruchterman_reingold");
    const auto m = map_model(net, o);
    ASSERT_EQ(m.color_legend.size(), 15u);
    EXPECT_EQ(m.color_legend.back().key, "other");
    EXPECT_EQ(m.color_legend.back().groups, 2u);
    EXPECT_EQ(m.color_legend.back().count, 2u);
    EXPECT_EQ(m.nodes[15].color, "#BBBBBB");
}

TEST(MapModel, ParallelEdgesBendApartAndMergeByType) {
    const auto net = sample();
    const auto m = map_model(net, options(net));
    // One edge per (pair, type): a-b twice (two types), b-c once.
    ASSERT_EQ(m.edges.size(), 3u);
    EXPECT_EQ(m.edges[0].source, 0u);
    EXPECT_EQ(m.edges[0].target, 1u);
    EXPECT_EQ(m.edges[1].target, 1u);
    EXPECT_DOUBLE_EQ(m.edges[0].bend, -7);  // (0 - 1/2) 14
    EXPECT_DOUBLE_EQ(m.edges[1].bend, 7);
    EXPECT_DOUBLE_EQ(m.edges[2].bend, 0);
    EXPECT_FALSE(m.edges[2].curved);
    for (int k = 0; k < 2; ++k) {  // the control point is 2 bend px off the chord's midpoint
        const auto& e = m.edges[k];
        ASSERT_TRUE(e.curved);
        EXPECT_NEAR(std::hypot(e.cx - (e.x1 + e.x2) / 2, e.cy - (e.y1 + e.y2) / 2), 14, 1e-9);
    }
    EXPECT_NEAR(std::hypot(m.edges[0].cx - m.edges[1].cx, m.edges[0].cy - m.edges[1].cy), 28, 1e-9);
    EXPECT_EQ(m.edges[0].style, EdgeStyle::dashed);  // its only link is unconfirmed
    EXPECT_EQ(m.edges[1].style, EdgeStyle::solid);
    EXPECT_TRUE(m.any_dashed);
    EXPECT_FALSE(m.any_dotted);
    EXPECT_DOUBLE_EQ(m.edges[0].width, 4.0);  // equal weights: 1.2 + 2.8
    // colours by type: the types used, in code order, take the muted palette
    ASSERT_EQ(m.edge_legend.size(), 2u);
    EXPECT_EQ(m.edge_legend[0].key, "type");
    EXPECT_EQ(m.edge_legend[0].label, "cooperation");
    EXPECT_EQ(m.edge_legend[0].color, "#332288");
    EXPECT_EQ(m.edges[1].color, "#117733");
    ASSERT_EQ(m.link_types.size(), 2u);
    EXPECT_TRUE(m.link_types[1].used);
    EXPECT_EQ(m.link_types[1].color, "#117733");
    EXPECT_FALSE(m.directed);
    EXPECT_TRUE(m.arrow_colors.empty());
    // by status: links without a status have the key "no_status"
    auto o = options(net);
    o.edge_color = "status";
    const auto s = map_model(net, o);
    ASSERT_EQ(s.edge_legend.size(), 2u);
    EXPECT_EQ(s.edge_legend[0].key, "no_status");
    EXPECT_EQ(s.edge_legend[1].label, "unconfirmed");
    o.edge_color = "";
    for (const auto& e : map_model(net, o).edges) EXPECT_EQ(e.color, "#8C8C8C");
}

TEST(MapModel, ArcsStopAtTheTargetsRim) {
    Network net(true);
    net.add_structure("a");
    net.add_structure("b");
    net.add_link("a", "b");
    net.add_link("b", "a");
    MapOptions o;
    o.positions.x = {0, 1};
    o.positions.y = {0, 0};
    const auto m = map_model(net, o);
    ASSERT_EQ(m.edges.size(), 2u);
    EXPECT_TRUE(m.directed);
    ASSERT_EQ(m.arrow_colors.size(), 1u);
    for (const auto& e : m.edges) {
        EXPECT_TRUE(e.arrow);
        EXPECT_EQ(e.marker, 0);
        const auto& t = m.nodes[e.target];
        EXPECT_NEAR(std::hypot(e.x2 - t.x, e.y2 - t.y), t.radius + 1.5, 1e-9);
    }
    // both directions of one pair bend to opposite sides in space
    EXPECT_DOUBLE_EQ(m.edges[0].bend, -7);
    EXPECT_DOUBLE_EQ(m.edges[1].bend, -7);  // b -> a: +7, reversed
    EXPECT_GT(std::fabs(m.edges[0].cy - m.edges[1].cy), 20);
}

TEST(MapModel, LegendRowsStackFromTheTop) {
    const auto net = sample();
    const auto m = map_model(net, options(net));
    std::vector<std::string> kinds;
    for (const auto& r : m.legend) kinds.push_back(r.kind);
    EXPECT_EQ(kinds, (std::vector<std::string>{"color_heading", "color", "color", "color", "size_heading", "size",
                                               "size", "size", "edge_heading", "edge", "edge", "dashed", "hollow"}));
    EXPECT_EQ(m.legend_box_x, 1600 - 334);
    EXPECT_EQ(m.legend_box_height, 1000 - 28);
    // headings 26 px, colour rows 24 px, 12 px after the colours
    EXPECT_EQ(m.legend[0].y, 40);
    EXPECT_EQ(m.legend[1].y, 66);
    EXPECT_EQ(m.legend[1].x, 1280 + 9);
    EXPECT_EQ(m.legend[1].text_x, 1280 + 26);
    EXPECT_EQ(m.legend[1].text_y, 66 + 5);
    EXPECT_EQ(m.legend[3].y, 114);
    EXPECT_EQ(m.legend[4].y, 150);
    // the largest size sample (r = 24) sits 16 px lower, beside the others at x 1280 + 4 + r_max
    EXPECT_EQ(m.legend[5].y, 176 + 16);
    EXPECT_EQ(m.legend[5].x, 1280 + 4 + 24);
    EXPECT_EQ(m.legend[6].entry, 1u);
    EXPECT_EQ(m.legend[9].x2, 1280 + 30);
    // a small canvas keeps only what fits above the bottom
    auto o = options(net);
    o.height = 300;
    const auto small = map_model(net, o);
    EXPECT_LT(small.legend.size(), m.legend.size());
    for (const auto& r : small.legend) EXPECT_LT(r.y, 300 - 10);
}

TEST(MapModel, Errors) {
    const auto net = sample();
    auto o = options(net);
    o.size = {1, 2};
    EXPECT_THROW(map_model(net, o), input_error);
    o = options(net);
    o.positions.x[0] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(map_model(net, o), input_error);
    o = options(net);
    o.edge_color = "weight";
    EXPECT_THROW(map_model(net, o), input_error);
    o = options(net);
    o.color_groups = 1;
    EXPECT_THROW(map_model(net, o), input_error);
    o = options(net);
    o.width = 1e64;
    EXPECT_THROW(map_model(net, o), input_error);
}

TEST(MapModel, DeterministicAndSeedDependent) {
    const auto net = sample();
    const auto a = map_model(net, options(net, 1)), b = map_model(net, options(net, 1)),
               c = map_model(net, options(net, 2));
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        EXPECT_EQ(a.nodes[i].x, b.nodes[i].x);
        EXPECT_EQ(a.nodes[i].y, b.nodes[i].y);
    }
    EXPECT_NE(a.nodes[0].x, c.nodes[0].x);
}

TEST(MapModel, LabelsDoNotOverlapLabelsOrNodes) {
    Network net;
    for (char c = 'a'; c <= 'z'; ++c) net.add_structure(std::string(1, c), std::string(12, c));
    for (index_t i = 0; i + 1 < 26; ++i) net.add_link(i, i + 1);
    MapOptions o;
    o.positions = layout(net, "kamada_kawai");
    o.labels = 26;
    const auto m = map_model(net, o);
    ASSERT_GT(m.labels.size(), 5u);
    // Label boxes from the same width estimate as the placement (0.6 x 15 px a character,
    // 18 px high, 2 px margins); none may intersect another label or another node.
    std::vector<std::array<double, 4>> boxes;
    for (const auto& l : m.labels) {
        EXPECT_EQ(l.text, std::string(12, static_cast<char>('a' + l.node)));
        const double w = 0.6 * 15 * 12;
        const double x0 = l.anchor == "start" ? l.x : l.anchor == "end" ? l.x - w : l.x - w / 2;
        boxes.push_back({x0 - 2, l.y - 15, x0 + w + 2, l.y - 15 + 18});
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const auto& p = boxes[i];
        EXPECT_GE(p[0], m.map_x0);
        EXPECT_LE(p[2], m.map_x1);
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            const auto& q = boxes[j];
            EXPECT_FALSE(p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]) << i << " " << j;
        }
        for (index_t k = 0; k < m.nodes.size(); ++k) {
            if (k == m.labels[i].node) continue;
            const auto& v = m.nodes[k];
            const double cx = std::clamp(v.x, p[0], p[2]), cy = std::clamp(v.y, p[1], p[3]);
            EXPECT_GE(std::hypot(cx - v.x, cy - v.y), v.radius) << i << " " << k;
        }
    }
    // the largest structures first: 0 labels, none placed
    o.labels = 0;
    EXPECT_TRUE(map_model(net, o).labels.empty());
}

TEST(MapModel, HugeNumbersNeverLeakUnwrittenBytes) {
    using coopmap::detail::fixed;
    // 1e64 does not fit a 64-byte buffer in fixed notation: written whole, or in
    // scientific notation, never with bytes the conversion did not write
    // 1e64 is the double 10000000000000000213204190094543968723012578712679649467743338496
    // (65 digits): every byte written by the conversion, nothing else
    const auto s = fixed(1e64, 0);
    EXPECT_EQ(s, "10000000000000000213204190094543968723012578712679649467743338496");
    EXPECT_EQ(fixed(-1e300, 0).size(), 302u);  // '-' and 301 digits: still fixed, no overflow
    EXPECT_EQ(fixed(-0.04, 1), "0.0");         // no "-0.0"
}

// Labels are never cut inside a word (hand-counted code points): a name of at most 30
// stays; the head before " – " when it fits (2 to 30); else the whole words within 29
// code points and "…"; a single longer word is cut at 29 with "…".
TEST(MapModel, LabelsAreShortenedOnWordBoundaries) {
    using detail::short_label;
    EXPECT_EQ(short_label("Alter Habitat MT", 30), "Alter Habitat MT");
    EXPECT_EQ(short_label("GENIES – GENérateur d'Initiatives Économiques", 30), "GENIES");
    // "Association pour le" is 19 code points; adding " développement" makes 33 > 29
    EXPECT_EQ(short_label("Association pour le développement de l'emploi local", 30), "Association pour le…");
    // "Économie, écologie, égalité," is 28 code points (é counted once); the comma
    // before the cut is dropped
    EXPECT_EQ(short_label("Économie, écologie, égalité, entraide mutuelle", 30), "Économie, écologie, égalité…");
    EXPECT_EQ(short_label("abcdefghijklmnopqrstuvwxyzabcdefghij", 30), "abcdefghijklmnopqrstuvwxyzabc…");
    // a head of one code point is no label: the words are kept instead
    EXPECT_EQ(short_label("X – a very long name of an organisation here", 30), "X – a very long name of an…");
}

// short_name, then acronym, label a structure; a blank one does not.
TEST(MapModel, LabelsPreferShortNameThenAcronym) {
    Network net;
    net.add_structure("a", "Association pour le développement de l'emploi local", {{"short_name", "ADEL"}});
    net.add_structure("b", "Bureau d'études et de conseil en énergie", {{"acronym", "BECE"}});
    net.add_structure("c", "Coop", {{"short_name", " "}});
    net.add_link("a", "b");
    net.add_link("b", "c");
    MapOptions o;
    o.positions = {{0, 1, 2}, {0, 1, 0}};
    o.labels = 3;
    const auto m = map_model(net, o);
    std::vector<std::string> texts(3);
    for (const auto& l : m.labels) texts[l.node] = l.text;
    EXPECT_EQ(texts, (std::vector<std::string>{"ADEL", "BECE", "Coop"}));
}

// Given colours and styles per link type win over the palette and the statuses: the
// "ended" type is red and dashed (and its legend row says so), "kept" grey and solid even
// though its link is unconfirmed; the dashed row of the legend (unconfirmed) is not
// shown, as no edge is dashed by its status. A colour that is not #RRGGBB is refused.
TEST(MapModel, TypeColoursAndStylesAsGiven) {
    Network net;
    for (const char* id : {"a", "b", "c"}) net.add_structure(id);
    LinkSpec kept;
    kept.type = "kept";
    kept.status = "unconfirmed";
    net.add_link("a", "b", kept);
    LinkSpec ended;
    ended.type = "ended";
    net.add_link("b", "c", ended);
    MapOptions o;
    o.positions = {{0, 1, 2}, {0, 1, 0}};
    o.type_colors = {{"kept", "#BBBBBB"}, {"ended", "#CC3311"}};
    o.type_styles = {{"kept", EdgeStyle::solid}, {"ended", EdgeStyle::dashed}};
    const auto m = map_model(net, o);
    ASSERT_EQ(m.edges.size(), 2u);
    EXPECT_EQ(m.edges[0].color, "#BBBBBB");
    EXPECT_EQ(m.edges[0].style, EdgeStyle::solid);
    EXPECT_EQ(m.edges[1].color, "#CC3311");
    EXPECT_EQ(m.edges[1].style, EdgeStyle::dashed);
    EXPECT_FALSE(m.any_dashed);
    ASSERT_EQ(m.edge_legend.size(), 2u);
    EXPECT_EQ(m.edge_legend[1].label, "ended");
    EXPECT_EQ(m.edge_legend[1].style, EdgeStyle::dashed);
    o.type_colors = {{"kept", "grey"}};
    EXPECT_THROW(map_model(net, o), input_error);
}

// Arcs (the geographic map): a single edge bends by 8 % of its chord on screen, the
// control point 2 bend px from the midpoint, perpendicular to the chord; two parallel
// edges fan out by ±7 px around that bend. Without arcs the single edge is straight.
TEST(MapModel, ArcsBendEveryLinkByItsLength) {
    Network net;
    for (const char* id : {"a", "b", "c"}) net.add_structure(id);
    net.add_link("a", "b");
    LinkSpec other;
    other.type = "other";
    net.add_link("a", "c");
    net.add_link("a", "c", other);
    MapOptions o;
    o.positions = {{0, 1, 0}, {0, 0, 1}};
    o.arcs = true;
    const auto m = map_model(net, o);
    ASSERT_EQ(m.edges.size(), 3u);
    const auto& ab = m.edges[0];
    const double chord = std::hypot(m.nodes[1].x - m.nodes[0].x, m.nodes[1].y - m.nodes[0].y);
    EXPECT_TRUE(ab.curved);
    EXPECT_NEAR(ab.bend, 0.08 * chord, 1e-9);
    const double mx = (ab.x1 + ab.x2) / 2, my = (ab.y1 + ab.y2) / 2;
    EXPECT_NEAR(std::hypot(ab.cx - mx, ab.cy - my), 2 * ab.bend, 1e-9);
    const double ac = 0.08 * std::hypot(m.nodes[2].x - m.nodes[0].x, m.nodes[2].y - m.nodes[0].y);
    EXPECT_NEAR(m.edges[1].bend, ac - 7, 1e-9);
    EXPECT_NEAR(m.edges[2].bend, ac + 7, 1e-9);
    o.arcs = false;
    EXPECT_FALSE(map_model(net, o).edges[0].curved);
}

// A label that finds no room next to its node goes to an outer ring with a leader line.
// Canvas 1600 x 1000: map area 1230 x 850 px; positions span 10 units both ways (four far
// anchors at ±5), so the scale is about (850 - 56) / 10 = 79 px a unit. Every node has
// radius 0.55 r_max = 0.55 * 24 = 13.2 px (no size measure). a's eight neighbours sit
// 0.37 units (29 px) around it: each first-ring place (16 px from a's centre) and each
// second-ring place (32 px) puts the 15 px label box over a neighbour, whose disc reaches
// 29 + 13 = 42 px; the label lands farther out, with a leader from a's rim to its box.
TEST(MapModel, CrowdedLabelsGetLeaderLines) {
    Network net;
    const std::vector<std::pair<double, double>> at = {
        {0, 0},        {0.37, 0},      {-0.37, 0}, {0, 0.37}, {0, -0.37}, {0.26, 0.26}, {-0.26, 0.26},
        {0.26, -0.26}, {-0.26, -0.26}, {5, 0},     {-5, 0},   {0, 5},     {0, -5}};
    MapOptions o;
    for (std::size_t k = 0; k < at.size(); ++k) {
        std::string id = "s";
        id.append(std::to_string(k));
        net.add_structure(id, "a-long-name");
        o.positions.x.push_back(at[k].first);
        o.positions.y.push_back(at[k].second);
    }
    for (std::size_t k = 1; k <= 8; ++k) {
        std::string id = "s";
        id.append(std::to_string(k));
        net.add_link("s0", id);
    }
    o.label_nodes = {0};
    const auto m = map_model(net, o);
    ASSERT_EQ(m.labels.size(), 1u);
    const auto& l = m.labels[0];
    const auto& a = m.nodes[0];
    EXPECT_TRUE(l.leader);
    EXPECT_NEAR(std::hypot(l.lx1 - a.x, l.ly1 - a.y), a.radius, 1e-9);  // starts on the rim
    EXPECT_GT(std::hypot(l.lx2 - a.x, l.ly2 - a.y), 42.0);              // ends beyond the neighbours
    // without the neighbours the label sits next to its node, no leader
    MapOptions alone = o;
    Network one;
    one.add_structure("s0", "a-long-name");
    alone.positions = {{0}, {0}};
    alone.label_nodes = {0};
    const auto m1 = map_model(one, alone);
    ASSERT_EQ(m1.labels.size(), 1u);
    EXPECT_FALSE(m1.labels[0].leader);
}
