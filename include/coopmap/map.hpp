#pragma once
/// \file map.hpp
/// Seminar maps: what a map shows, computed. map_model() places, sizes and colours every
/// structure, merges and bends the edges, builds the legends and places the labels;
/// coopmap's Python layer (coopmap.maps) writes the SVG and the interactive HTML page
/// from this model and adds every interface text in the reader's language. The model
/// holds data texts only (names, link type codes and labels as given, status names);
/// legend entries that need words carry a key ("other", "no_value", "no_status") for
/// the writer to translate.
///
/// The conventions (the README's "Seminar maps" section):
///  * canvas: options.width x options.height px; the map area is x from 30 to width - 340
///    (the legend takes the right 340 px), y from 120 (below the header) to height - 30;
///    positions are projected into it with their aspect kept, y flipped (screen y grows
///    downwards), centred, inset by r_max + 4 px;
///  * node colour = a group per structure (cluster, legal family, ...), colour-blind-safe
///    palette (Okabe–Ito without black, then Paul Tol's "light" scheme, 14 colours):
///    groups numbered by decreasing size (ties: lower index) take the palette in order,
///    groups beyond the 14th share grey "other" (#BBBBBB), structures without a group are
///    #DDDDDD "no value"; without groups every node is #0072B2;
///  * node area proportional to a per-structure measure: r_max = clamp(0.45 sqrt(map area
///    / n), 4, 24) px, r_min = max(2.5, r_max / 4), radius r_min + (r_max - r_min)
///    sqrt(v / v_max); NaN, infinite, zero or negative values -> r_min; without a
///    measure every node has max(r_min, 0.55 r_max). The size legend lists the largest,
///    median and smallest positive values (distinct, decreasing) with their radii;
///  * one edge per (pair of structures, link type), pairs unordered for an undirected
///    type: links of one type between a pair merge, width 1.2 + 2.8 sqrt(w / w_max) px
///    for the summed weight w; parallel edges of one pair (different types, or both
///    directions of an arc) fan out: the j-th of k has bend (j - (k - 1) / 2) 14 px, the
///    quadratic control point 2 bend px from the chord's midpoint, perpendicular to it
///    (the bend's sign flips for an edge drawn from the higher index, so two arcs of a
///    pair in opposite directions curve apart);
///  * edge colour = link type (options.edge_color "type") or link status ("status"):
///    the keys used, in the order of the network's type (or status) table, take Paul
///    Tol's "muted" then "vibrant" palettes (15 colours, then grey #8C8C8C); "" draws
///    every edge grey without a legend;
///  * edge style: dashed (EdgeStyle::dashed, SVG "7 5") when every link it stands for
///    has status "unconfirmed", dotted (EdgeStyle::dotted, "2 4") when every one is
///    "partner_did_not_respond" (a single declaration whose partner did not answer),
///    else solid;
///  * arcs (links of a directed type) end at the target's rim (radius + 1.5 px, at most
///    half the chord) and carry an arrowhead of their colour; undirected links none, also
///    in a mixed network;
///  * hollow nodes (white fill, coloured ring) for non-respondents: options.responded, or
///    when it is empty the structure attribute "responded" equal to false (bool or 0),
///    else the attribute "response" (an Inventory's survey status) other than complete
///    or partial. The response rate is known when every structure has an answer;
///  * labels for the `labels` largest structures (by the size measure, ties by index),
///    or for options.label_nodes in their order,
///    the text a "short_name" (else "acronym") attribute or the name, shortened to 30
///    characters without cutting a word (the head before " – " when it fits, else whole
///    words and "…"), 15 px font, width estimated as 0.6 font per character;
///    each is placed greedily at the first of 8 positions around its node (right, left,
///    above, below, then the four diagonals), on 8 rings 3 to 115 px from its rim, then
///    on a spiral of places out to 700 px (every 15 degrees, 12 px apart),
///    where its box overlaps neither a placed label nor another node and stays in the
///    map area, a leader line joining a label of an outer ring to its node; a label that
///    fits nowhere is left out;
///  * small nodes are drawn on top of large ones (draw_order);
///  * the legend panel (x from width - 334) stacks the colour legend (24 px a row, cut
///    200 px above the bottom), the size legend (each circle at its radius) and the
///    edge legend with the dashed, dotted and hollow samples; a part that would not fit
///    is left out (MapModel::legend lists the rows drawn).
/// The model is a pure function of the network and the options: same input, same model.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "coopmap/layout.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// Edge styles: solid, dashed (every link unconfirmed), dotted (every link's partner did
/// not respond).
enum class EdgeStyle : std::uint8_t { solid = 0, dashed = 1, dotted = 2 };

struct MapOptions {
    /// Positions of the structures (mathematical coordinates, y up); required.
    Layout positions;
    /// Group of each structure (0 .. color_groups - 1), -1 for "no value"; empty: one colour.
    std::vector<std::int64_t> color;
    std::size_t color_groups = 0;  ///< number of groups of `color`
    /// Per-structure size measure; empty: all nodes the same size.
    std::vector<double> size;
    /// "type" (link type), "status" (link status) or "" (all edges grey).
    std::string edge_color = "type";
    std::size_t labels = 20;  ///< number of structures to label
    /// Structures to label, in this order of priority (indices); non-empty: these are
    /// labelled instead of the `labels` largest.
    std::vector<index_t> label_nodes;
    /// The bridge view: the legend adds the two rows "cross" (links between groups,
    /// drawn strong) and "within" (links inside a group, drawn faint); needs `color`.
    bool bridges = false;
    /// Draw every link as an arc (a quadratic curve bent by 8 % of its length; the
    /// geographic map's convention, where straight lines would run over places).
    bool arcs = false;
    /// 1 responded, 0 did not (hollow node); empty: from the attribute "responded" (bool
    /// or 0/1), else "response" (an Inventory's status: complete and partial answered,
    /// refused and unreached did not).
    std::vector<char> responded;
    double width = 1600;   ///< canvas, px: 400 to 100,000
    double height = 1000;  ///< canvas, px: 300 to 100,000
    /// Display labels of link type codes (e.g. a link-types file's label_fr); a code
    /// without a label shows as itself.
    std::map<std::string, std::string> type_labels;
    /// Colours of link type codes ("#RRGGBB"), instead of the palette, when edges are
    /// coloured by type (e.g. the change map: kept grey, new green, ended red).
    std::map<std::string, std::string> type_colors;
    /// Line styles of link type codes, instead of the style the statuses give (e.g. the
    /// ended links of the change map dashed); the legend row of the type shows it.
    std::map<std::string, EdgeStyle> type_styles;
};


struct MapNode {
    double x = 0, y = 0;      ///< screen position, px (y down)
    double radius = 0;        ///< px
    std::string color;        ///< fill, or ring colour when hollow ("#RRGGBB")
    bool hollow = false;      ///< did not respond
    std::int64_t group = -1;  ///< colour group, -1: none
};

struct MapEdge {
    index_t source = 0, target = 0;  ///< structure indices (source < target for an undirected type)
    std::uint32_t type = 0;          ///< link type index (Network::type_names)
    std::string color;
    EdgeStyle style = EdgeStyle::solid;
    bool arrow = false;  ///< an arc: ends at the target's rim with an arrowhead
    int marker = -1;     ///< index of its arrowhead in MapModel::arrow_colors, -1: none
    double width = 0;    ///< px
    double bend = 0;     ///< perpendicular offset, px (0: straight)
    /// The path: from (x1, y1) to (x2, y2), through the control point (cx, cy) of a
    /// quadratic curve when curved.
    double x1 = 0, y1 = 0, cx = 0, cy = 0, x2 = 0, y2 = 0;
    bool curved = false;
    /// Its two ends have colour groups (MapOptions::color >= 0) and they differ.
    bool cross = false;
};

/// An entry of the colour legend: a group ("group", `group` its index), the groups
/// beyond the palette ("other", `groups` of them) or the structures without a group
/// ("no_value"); `count` structures.
struct MapColorEntry {
    std::string key;
    std::int64_t group = -1;
    std::string color;
    std::size_t count = 0;
    std::size_t groups = 0;
};

/// An entry of the size legend: a value of the measure and its radius.
struct MapSizeEntry {
    double value = 0;
    double radius = 0;
};

/// An entry of the edge colour legend: a link type ("type", label = its display label),
/// a link status ("status", label = the status) or links without a status ("no_status").
struct MapEdgeEntry {
    std::string key;
    std::string label;
    std::string color;
    EdgeStyle style = EdgeStyle::solid;  ///< a type's line style (MapOptions::type_styles)
};

/// A link type of the network, for the HTML filter: code, display label, whether an edge
/// of the map has it, and its colour when edges are coloured by type (else grey).
struct MapLinkType {
    std::string code;
    std::string label;
    bool used = false;
    std::string color;
};

struct MapLabel {
    index_t node = 0;
    double x = 0, y = 0;  ///< anchor point; y is the text baseline
    std::string anchor;   ///< "start", "middle" or "end" (SVG text-anchor)
    std::string text;     ///< short_name, acronym or name, shortened to 30 characters on a word boundary
    /// A label placed away from its node has a leader line from the node's rim (lx1, ly1)
    /// to the nearest point of the label's box (lx2, ly2).
    bool leader = false;
    double lx1 = 0, ly1 = 0, lx2 = 0, ly2 = 0;
};

/// A row of the legend panel, top to bottom. kind: "color_heading", "color" (entry of
/// color_legend), "size_heading", "size" (entry of size_legend), "edge_heading",
/// "edge" (entry of edge_legend), "dashed", "dotted" (the two edge styles), "cross",
/// "within" (the bridge view's strong and faint links) or "hollow" (the non-respondents). The sample (circle or line) is at (x, y), a line ending at
/// (x2, y); the row's text starts at (text_x, text_y) (a heading: its text only).
struct MapLegendRow {
    std::string kind;
    std::size_t entry = 0;
    double x = 0, y = 0, x2 = 0;
    double text_x = 0, text_y = 0;
};

struct MapModel {
    double width = 0, height = 0;                           ///< canvas, px
    double map_x0 = 0, map_y0 = 0, map_x1 = 0, map_y1 = 0;  ///< map area
    double rmin = 0, rmax = 0, vmax = 0;                    ///< radii and largest size value
    std::vector<MapNode> nodes;                             ///< per structure
    std::vector<index_t> draw_order;                        ///< nodes by decreasing radius (stable)
    std::vector<MapEdge> edges;                             ///< ordered by (source, target, type)
    std::vector<std::string> arrow_colors;                  ///< sorted; empty unless the network is directed
    std::vector<MapColorEntry> color_legend;
    std::vector<MapSizeEntry> size_legend;
    std::vector<MapEdgeEntry> edge_legend;
    std::vector<MapLinkType> link_types;  ///< per link type index
    /// The legend panel: its box (x, width 324 px, from y 14 to height - 14) and its rows.
    double legend_box_x = 0, legend_box_height = 0;
    std::vector<MapLegendRow> legend;
    bool any_dashed = false, any_dotted = false;
    std::vector<MapLabel> labels;
    std::size_t structures = 0, links = 0;  ///< counts of the network
    bool directed = false;                  ///< a directed or mixed network (arrowheads)
    std::size_t hollow = 0;                 ///< structures that did not respond
    std::size_t respondents_known = 0;      ///< structures with a known answer
};

}  // namespace coopmap

#include "coopmap/detail/map_model.hpp"

namespace coopmap {

/// The model of the map of `net`: positions, radii, colours, edges, legends, labels.
/// Errors: input_error when positions, color, size or responded do not have one entry
/// per structure, label_nodes holds an index out of range, a type colour is not
/// "#RRGGBB", bridges is set without color, a position is not finite, a group is beyond color_groups, width or
/// height is out of range, or edge_color is not "type", "status" or "".
/// Complexity: O(n + m log m + L n) for L labels.
inline MapModel map_model(const Network& net, const MapOptions& options) {
    return detail::build_map_model(net, options);
}

}  // namespace coopmap
